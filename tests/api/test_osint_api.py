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
