"""The force coverage tab in a real browser, under the page's Content-Security-Policy:
two conference rounds side by side with each line's coverage in both, a sourcing result
with who fills each line, why each offer was not used, the scenario and the date it
reads, the people against reported sizes, the shortfalls; and two scenarios side by side.
Expected values are read from the API, not written here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.api.browser import ARGS, CHROMIUM, dashboard_server, needs_chromium, sign_in
from tests.api.conftest import PASSWORD

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from dashboard_server(tmp_path_factory)  # the registry, users, every tab's data


def pct(value: float) -> str:
    """As the page writes a share: JavaScript's Math.round, halves up."""
    return f"{int(100 * value + 0.5)}%"


def get(server: str, path: str) -> Any:
    form = {"username": "secretariat", "password": PASSWORD}
    token = httpx.post(server + "/api/auth/token", data=form).json()["access_token"]
    reply = httpx.get(server + path, headers={"Authorization": f"Bearer {token}"}, timeout=60)
    reply.raise_for_status()
    return reply.json()


def test_coverage_tab_in_a_browser(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    diff = get(server, "/api/forcegen/conferences/1/compare/2")
    moved = [c for c in diff["lines"] if pct(c["before"]) != pct(c["after"])]
    assert moved, "the bundled rounds should move at least one line"

    with sync_playwright() as playwright:
        chromium = playwright.chromium
        browser = chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})  # CSP enforced
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("requestfailed", lambda request: errors.append(request.url))
        sign_in(page, server, "secretariat")

        # Two rounds side by side: each moved line shows its share before and after.
        page.click("nav button[data-tab=coverage]")  # opens on the last two rounds
        page.wait_for_selector("#coverage-results[data-showing] .result")
        page.select_option("#round-a", "2")  # one round alone, then both
        page.select_option("#round-b", "2")
        page.click("#show-rounds")
        page.wait_for_selector("#coverage-results[data-showing='rounds 2'] .result")
        page.select_option("#round-a", "1")
        page.select_option("#round-b", "2")
        page.click("#show-rounds")
        page.wait_for_selector("#coverage-results[data-showing='rounds 1 2'] .result")
        panels = page.locator("#coverage-results .result")
        assert panels.count() == 2
        left, right = (panels.nth(i).bounding_box() for i in (0, 1))
        assert left and right and right["x"] >= left["x"] + left["width"]  # beside, not under
        for change in moved:
            compared = page.inner_text(f"#coverage-compare tr[data-line='{change['line']}']")
            assert pct(change["before"]) in compared and pct(change["after"]) in compared
            first = panels.nth(0).locator(f"table.lines tr[data-line='{change['line']}']")
            second = panels.nth(1).locator(f"table.lines tr[data-line='{change['line']}']")
            assert pct(change["before"]) in first.inner_text()
            assert pct(change["after"]) in second.inner_text()
        for bid in diff["bids_withdrawn"]:
            assert bid["offer"] in page.inner_text("#coverage-compare .bid-changes")
        page.screenshot(path=str(tmp_path / "coverage-rounds.png"), full_page=True)

        # A sourcing result: the scenario and the date it reads, who fills each period,
        # every unused offer with its reason, people, shortfalls with states to approach.
        page.select_option("#scenario", "backstop-yes")
        page.click("#run-job")
        page.wait_for_selector("#coverage-results[data-showing='scenarios backstop-yes']")
        panel = page.locator("#coverage-results .result")
        assert panel.count() == 1
        job = panel.first.get_attribute("data-job")
        result = get(server, f"/api/forcegen/jobs/{job}")
        text = panel.first.inner_text()
        assert result["scenario"]["title"] in text and result["as_of"] in text
        for line in result["lines"]:
            row = panel.first.locator(f"table.lines tr[data-line='{line['line']['id']}']")
            for task in line["periods"]:
                for assignment in task["assignments"]:
                    assert assignment["offer_id"] in row.inner_text()
        unused = [o for o in result["offers"] if o["used"] < o["count"]]
        assert unused
        for offer in unused:
            row = panel.first.locator(f"tr.unused[data-offer='{offer['offer_id']}']")
            assert offer["reason"] in row.inner_text()
        force = result["force"]
        people = panel.first.locator(".people").inner_text()
        assert f"{force['sourced_at_once']:,}" in people
        assert f"{force['reported'][0]['personnel']['low']:,}" in people
        for shortfall in result["shortfalls"]:
            row = panel.first.locator(f"tr[data-capability='{shortfall['capability']}']")
            assert all(state in row.inner_text() for state in shortfall["approach"])

        # Two scenarios side by side, with a row per line in the comparison.
        page.select_option("#scenario-b", "backstop-no")
        page.click("#run-job")
        both = "#coverage-results[data-showing='scenarios backstop-yes backstop-no']"
        page.wait_for_selector(both)
        assert page.locator("#coverage-results .result").count() == 2
        rows = page.locator("#coverage-compare tr[data-line]").count()
        assert rows == len(result["lines"])
        page.screenshot(path=str(tmp_path / "coverage-scenarios.png"), full_page=True)

        # The odds of the uncertain scenario: each line's chance to be fully met, as the
        # API gives it for the same draws and seed.
        page.select_option("#scenario", "uncertain")
        page.click("#run-odds")
        page.wait_for_selector("#coverage-results[data-showing='odds uncertain'] .odds")
        odds = get(server, "/api/forcegen/scenarios/uncertain/odds?draws=2000")
        for line, p in odds["p_line_met"].items():
            assert pct(p) in page.inner_text(f"#coverage-results .odds tr[data-line='{line}']")
        assert "us_backstop" in page.inner_text("#coverage-results .odds")
        browser.close()
    assert errors == []  # no script error, no CSP violation, nothing failed to load
