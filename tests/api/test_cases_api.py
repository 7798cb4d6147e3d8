"""Violation cases over the API (issue 16): monitors open them from a day and take them
forward; everyone reads them; a step the case's state does not allow is a 409."""

from __future__ import annotations

from coalition.datafiles.paths import expand
from coalition.monitoring.ingest import ingest_file
from coalition.monitoring.pipeline import Setup
from coalition.monitoring.reports import FORMATS
from coalition.store import make_engine
from tests.api.conftest import Api
from tests.conftest import DATA

MONITORING = DATA.parent / "monitoring"


def test_cases_over_the_api(fresh_api: Api, db_url: str) -> None:
    client, monitor, observer = (fresh_api.client, fresh_api.headers("monitor"),
                                 fresh_api.headers("observer"))  # fmt: skip
    engine, setup = make_engine(db_url), Setup.load(MONITORING)
    for path in expand([MONITORING / "sample"], FORMATS, "report files"):
        ingest_file(engine, path, set(setup.rules.withdrawal_distance()))
    engine.dispose()
    assert client.post("/api/monitoring/cases/open/2026-06-02", headers=observer).status_code == 403
    opened = client.post("/api/monitoring/cases/open/2026-06-02", headers=monitor)
    assert opened.status_code == 201 and opened.json()["opened"]
    first = opened.json()["opened"][0]
    listed = client.get("/api/monitoring/cases", headers=observer).json()
    assert {c["id"] for c in listed} == set(opened.json()["opened"])
    assert listed[0]["place"] and "Minsk II" in listed[0]["rule"]
    step = {"state": "verified", "note": "seen again on site"}
    done = client.post(f"/api/monitoring/cases/{first}/steps", json=step, headers=monitor)
    assert done.status_code == 201 and done.json()["state"] == "verified"
    assert done.json()["history"][-1]["by"].endswith("monitor")
    again = client.post(f"/api/monitoring/cases/{first}/steps", json=step, headers=monitor)
    assert again.status_code == 409 and "can go to notified" in again.text
    assert client.post("/api/monitoring/cases/99999/steps", json=step,
                       headers=monitor).status_code == 404  # fmt: skip
    unknown = client.post(f"/api/monitoring/cases/{first}/steps",
                          json={"state": "erased", "note": "x"}, headers=monitor)  # fmt: skip
    assert unknown.status_code == 422
    verified = client.get("/api/monitoring/cases?state=verified", headers=observer).json()
    assert [c["id"] for c in verified] == [first]
