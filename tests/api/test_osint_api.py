"""The review queue on the server: post an article, see its candidates with their
contradictions, accept one into the registry, reject another; who may and who may not."""

from __future__ import annotations

from tests.api.conftest import Api

ARTICLE = {
    "title": "Nordic leaders on the reassurance force",
    "published": "2026-02-03",
    "text": (
        "Norway's government said on Tuesday it is ready to send troops to Ukraine once a "
        "ceasefire is in force.\n\nDenmark is not ready to deploy forces at this stage, its "
        "prime minister said.\n\nMoscow rejected the idea of Western peacekeepers in Ukraine."
    ),
}


def test_post_review_accept_reject(fresh_api: Api) -> None:
    client, secretariat = fresh_api.client, fresh_api.headers("secretariat")
    assert (
        client.post(
            "/api/osint/articles", json=ARTICLE, headers=fresh_api.headers("observer")
        ).status_code
        == 403
    )
    posted = client.post("/api/osint/articles", json=ARTICLE, headers=secretariat)
    assert posted.status_code == 201 and posted.json()["added"] == 3
    again = client.post("/api/osint/articles", json=ARTICLE, headers=secretariat)
    assert again.json()["added"] == 0  # the same article twice: queued once

    queue = client.get("/api/osint/candidates", headers=fresh_api.headers("observer")).json()
    by_actor = {c["actor"]: c for c in queue}
    assert by_actor["NOR"]["status"] == "conditional" and by_actor["NOR"]["conditions"] == [
        "ceasefire"
    ]
    assert by_actor["NOR"]["date"] == "2026-02-03"
    assert by_actor["RUS"]["status"] == "opposes"

    denied = client.post(f"/api/osint/candidates/{by_actor['NOR']['id']}/decision",
                         json={"decision": "accept"},
                         headers=fresh_api.headers("monitor"))  # fmt: skip
    assert denied.status_code == 403
    nor = f"/api/osint/candidates/{by_actor['NOR']['id']}/decision"
    unplaced = client.post(nor, json={"decision": "accept"}, headers=secretariat)
    assert unplaced.status_code == 400 and "edit domains=" in unplaced.text  # a new pledge
    accepted = client.post(nor, json={"decision": "accept", "edits": {"domains": ["land"]}},
                           headers=secretariat)  # fmt: skip
    assert (
        accepted.status_code == 200 and accepted.json()["records_added"] >= 2
    )  # source + statement
    rejected = client.post(f"/api/osint/candidates/{by_actor['DNK']['id']}/decision",
                           json={"decision": "reject"}, headers=secretariat)  # fmt: skip
    assert rejected.json()["state"] == "rejected"
    twice = client.post(f"/api/osint/candidates/{by_actor['DNK']['id']}/decision",
                        json={"decision": "accept"}, headers=secretariat)  # fmt: skip
    assert twice.status_code == 400 and "rejected already" in twice.text
    bad_edit = client.post(f"/api/osint/candidates/{by_actor['RUS']['id']}/decision",
                           json={"decision": "accept", "edits": {"quote": "x"}},
                           headers=secretariat)  # fmt: skip
    assert bad_edit.status_code == 400 and "cannot change quote" in bad_edit.text

    position = client.get("/api/states/NOR/position?on=2026-02-04", headers=secretariat).json()
    quotes = [s["quote"] for p in position["pledges"] for s in p["statements"]]
    assert any(q.startswith("Norway's government said on Tuesday") for q in quotes)
    pending = client.get("/api/osint/candidates", headers=secretariat).json()
    assert [c["actor"] for c in pending] == ["RUS"]
    log = client.get("/api/audit", headers=fresh_api.headers("admin")).json()
    assert {e["action"] for e in log} >= {"read article", "accept candidate", "reject candidate"}


WIRE = (
    "OSLO, Feb 3 (Wire) - Norway is prepared to send up to two minehunters to Ukraine once a "
    "ceasefire is in force, Prime Minister Jonas Gahr Store said on Tuesday.\n\n"
    "Norway's defence minister added that details would follow."
)


def _copy(outlet: str) -> dict[str, str]:
    """The same wire story as another outlet carries it (its own line at the end)."""
    return {"title": f"Norway offers minehunters ({outlet})", "published": "2026-02-03",
            "text": WIRE + f"\n\nPublished by {outlet}. All rights reserved."}  # fmt: skip


def test_one_story_from_several_outlets_is_one_candidate(fresh_api: Api) -> None:
    client, secretariat = fresh_api.client, fresh_api.headers("secretariat")
    first = client.post("/api/osint/articles", json=_copy("Nordic Times"), headers=secretariat)
    assert first.json()["added"] == 1
    for outlet in ("Baltic Post", "Harbour Daily"):
        copy = client.post("/api/osint/articles", json=_copy(outlet), headers=secretariat)
        assert copy.status_code == 201 and copy.json() | {"added": 0, "merged": 1} == copy.json()
    queue = client.get("/api/osint/candidates", headers=secretariat).json()
    assert len(queue) == 1 and len(queue[0]["sources"]) == 3  # one candidate, three sources
    assert [o["grade"] for o in queue[0]["outlets"]] == [None, None, None]  # outlets unknown
    # Accepted, the story is one statement citing one article; the copies are named, not
    # counted as three confirmations.
    accepted = client.post(f"/api/osint/candidates/{queue[0]['id']}/decision",
                           json={"decision": "accept", "edits": {"domains": ["sea"]}},
                           headers=secretariat)  # fmt: skip
    assert accepted.status_code == 200, accepted.text
    position = client.get("/api/states/NOR/position?on=2026-02-04", headers=secretariat).json()
    found = [s for p in position["pledges"] for s in p["statements"]
             if s["quote"].startswith("OSLO, Feb 3")]  # fmt: skip
    assert len(found) == 1
    note = found[0].get("note") or ""
    assert "also carried by: " in note and "(Nordic Times)" not in note  # the one cited
    assert "(Baltic Post)" in note and "(Harbour Daily)" in note


def test_an_outlet_the_registry_grades_carries_its_grade(fresh_api: Api) -> None:
    client, secretariat = fresh_api.client, fresh_api.headers("secretariat")
    story = _copy("BBC") | {"url": "https://www.bbc.com/news/articles/norway-minehunters"}
    client.post("/api/osint/articles", json=story, headers=secretariat)
    (item,) = client.get("/api/osint/candidates", headers=secretariat).json()
    (outlet,) = item["outlets"]
    assert outlet["address"].startswith("https://www.bbc.com/") and outlet["grade"] == "B"


def test_a_reviewer_edits_every_field_and_adds_a_missed_fact(fresh_api: Api) -> None:
    client, secretariat = fresh_api.client, fresh_api.headers("secretariat")
    posted = client.post("/api/osint/articles", json=_copy("Nordic Times"), headers=secretariat)
    ident = posted.json()["document"]
    article = client.get(f"/api/osint/documents/{ident}", headers=fresh_api.headers("observer"))
    assert article.status_code == 200 and article.json()["text"].startswith("OSLO")
    assert [c["actor"] for c in article.json()["candidates"]] == ["NOR"]

    missed = {"quote": "Norway's defence minister added that details would follow.",
              "actor": "NOR", "status": "considering", "kinds": ["training"]}  # fmt: skip
    added = client.post(f"/api/osint/documents/{ident}/facts", json=missed, headers=secretariat)
    assert added.status_code == 201 and added.json()["added_by"] == "secretariat"
    again = client.post(f"/api/osint/documents/{ident}/facts", json=missed, headers=secretariat)
    assert again.status_code == 400 and "already" in again.text
    invented = missed | {"quote": "Norway will send ten thousand soldiers tomorrow."}
    refused = client.post(f"/api/osint/documents/{ident}/facts", json=invented,
                          headers=secretariat)  # fmt: skip
    assert refused.status_code == 400 and "not found in the article" in refused.text
    observer = client.post(f"/api/osint/documents/{ident}/facts", json=missed,
                           headers=fresh_api.headers("observer"))  # fmt: skip
    assert observer.status_code == 403

    offer = next(c for c in article.json()["candidates"] if c["actor"] == "NOR")
    assert offer["quantity"] == {"value": 2.0, "unit": "minehunters", "said": "up_to"}
    bad = {"quantity": {"value": -3, "unit": "minehunters"}}
    wrong = client.post(
        f"/api/osint/candidates/{offer['id']}/decision",
        json={"decision": "accept", "edits": bad},
        headers=secretariat,
    )
    assert wrong.status_code == 400 and "quantity" in wrong.text
    edits = {"domains": ["sea"], "basing": "at_sea",
             "quantity": {"value": 3, "unit": "minehunters", "said": "exact"}}  # fmt: skip
    accepted = client.post(
        f"/api/osint/candidates/{offer['id']}/decision",
        json={"decision": "accept", "edits": edits},
        headers=secretariat,
    )
    assert accepted.status_code == 200, accepted.text
    position = client.get("/api/states/NOR/position?on=2026-02-04", headers=secretariat).json()
    said = [s for p in position["pledges"] for s in p["statements"]
            if s["quote"].startswith("OSLO, Feb 3")]  # fmt: skip
    assert said and said[0]["quantity"]["units"][0]["type"] == "minehunter"
    assert said[0]["quantity"]["units"][0]["count"]["low"] == 3
    assert said[0]["quantity"]["basing"] == "at sea"
