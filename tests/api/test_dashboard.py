"""The dashboard in a real browser (Debian's headless Chromium, driven by Playwright):
sign in, move the time slider and see the map change, Crimea in Ukraine and the states
off the map listed beside it, open a state's timeline, and a screenshot that is not
blank (saved as positions-map.png in the test's tmp_path); the ceasefire tab's Leaflet
map over Natural Earth's layers, its legend, an event's reports and another day."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.api.browser import (
    ARGS,
    CHROMIUM,
    SAMPLE_DAY,
    dashboard_server,
    needs_chromium,
    sign_in,
)
from tests.api.helpers import registry_state_codes

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from dashboard_server(tmp_path_factory)


def test_dashboard_in_a_browser(server: str, tmp_path: Path) -> None:
    from PIL import Image, ImageStat
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 900}, bypass_csp=True)
        failures: list[str] = []
        page.on("requestfailed", lambda request: failures.append(request.url))
        sign_in(page, server, "observer")

        def move_to(day_index: int, day: str) -> None:
            page.eval_on_selector(
                "#date-slider",
                f"s => {{ s.value = {day_index}; s.dispatchEvent(new Event('input')); }}",
            )
            page.wait_for_function(f"document.getElementById('map').dataset.day === '{day}'")

        move_to(9, "2025-02-10")  # before the Paris meeting: the UK had said nothing
        assert page.get_attribute("#map path[data-code=GBR]", "data-bucket") is None
        move_to(17, "2025-02-18")  # the day after: conditional; Germany and Poland out
        assert page.get_attribute("#map path[data-code=GBR]", "data-bucket") == "conditional"
        assert page.get_attribute("#map path[data-code=DEU]", "data-bucket") == "out"
        assert page.get_attribute("#map path[data-code=RUS]", "data-bucket") == "opposes"
        fill = page.eval_on_selector("#map path[data-code=GBR]", "p => getComputedStyle(p).fill")
        assert fill == "rgb(253, 174, 97)"

        # The legend says what the colour is; what the map cannot draw is listed under it.
        assert "troop pledge" in page.inner_text("#legend-note")
        assert "non-troop support" in page.inner_text("#legend-note")
        move_to(215, "2025-09-04")  # the Paris meeting with Canada, Japan, Australia...
        drawn = set(page.eval_on_selector_all("#map path", "ps => ps.map(p => p.dataset.code)"))
        listed = set(page.eval_on_selector_all("#offmap li", "ls => ls.map(l => l.dataset.code)"))
        assert {"CAN", "JPN", "AUS", "NZL", "USA"} <= listed
        assert not listed & drawn
        assert registry_state_codes() <= drawn | listed  # none silently dropped
        assert page.get_attribute("#offmap li[data-code=CAN]", "data-bucket") == "unknown"
        assert "Canada" in page.inner_text("#offmap")

        # What is under Crimea and Moscow on the screen, through the map's own projection.
        at = """([lon, lat]) => {
            const svg = document.querySelector("#map svg"), p = svg.createSVGPoint();
            [p.x, p.y] = frameProjection(europe.bbox)([lon, lat]);
            const s = p.matrixTransform(svg.getScreenCTM());
            return document.elementFromPoint(s.x, s.y).dataset.code; }"""
        assert page.evaluate(at, [34.1, 45.3]) == "UKR"  # Crimea
        assert page.evaluate(at, [37.6, 55.75]) == "RUS"  # Moscow
        assert page.evaluate(at, [60.6, 56.8]) == "RUS"  # Yekaterinburg, past the Urals
        host = page.eval_on_selector("#map path[data-code=UKR]", "p => getComputedStyle(p).fill")
        assert host == "rgb(123, 159, 212)"
        page.screenshot(path=str(tmp_path / "positions-map.png"), full_page=True)

        page.click("#map path[data-code=POL]")
        page.wait_for_selector("#state-panel ol li")
        assert "ruled out" in page.inner_text("#state-panel")

        # Every quote carries its grade; the map says what "in" waits for.
        page.click("#map path[data-code=GBR]")
        page.wait_for_selector("#state-panel h3:has-text('GBR')")
        page.wait_for_selector("#state-panel ol.timeline .grade")  # the timeline has come
        grades = page.eval_on_selector_all(
            "#state-panel .grade", "gs => gs.map(g => g.dataset.grade)"
        )
        assert len(grades) == page.eval_on_selector_all("#state-panel q", "qs => qs.length")
        assert "D4 S" in grades  # the blog's paraphrase the Prime Minister contradicts
        assert "declaration of intent" in page.inner_text("#state-panel")
        title = page.inner_text("#map path[data-code=GBR] title")
        assert "conditional (after: ceasefire in force)" in title  # on 2025-09-04

        shot = page.screenshot()
        image = Image.open(io.BytesIO(shot)).convert("L")
        assert ImageStat.Stat(image).stddev[0] > 20  # not blank: a drawn map and text

        page.click("nav button[data-tab=osint]")
        page.wait_for_selector("#queue li")
        assert "ruled_out" in page.inner_text("#queue")
        page.click("#queue li button[data-decision=accept]")
        page.wait_for_function("document.getElementById('osint-note').textContent.length > 0")
        assert "may not do this" in page.inner_text("#osint-note")  # an observer only reads

        page.goto(server + "/docs")  # the API's own documentation, offline too
        page.wait_for_selector("#swagger-ui .opblock")
        assert "/api/states/{code}/position" in page.inner_text("#swagger-ui")
        browser.close()
    assert failures == []  # every script, style and shape came from the server itself


def test_osint_review_in_a_browser(server: str) -> None:
    """The secretariat reads the queued article, adds a fact from one of its sentences
    (the form checks nothing itself: the server refuses a bad value with the reason),
    and edits a candidate's quantity before accepting."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 1000}, bypass_csp=True)
        failures: list[str] = []
        page.on("pageerror", lambda error: failures.append(str(error)))
        sign_in(page, server, "secretariat")
        page.click("nav button[data-tab=osint]")
        page.wait_for_selector("#queue li")
        first = page.locator("#queue > ol > li").first
        first.locator("button[data-action=article]").click()
        page.wait_for_selector("#queue .article .sentence")
        page.locator("#queue .article .sentence").first.click()
        form = page.locator("#queue form.fact-form")
        form.locator("input[name=actor]").fill("ESP")
        form.locator("select[name=status]").select_option("considering")
        form.locator("input[name=value]").fill("-4")
        form.locator("select[name=unit]").select_option("personnel")
        form.locator("button[type=submit]").click()
        page.wait_for_function("document.getElementById('osint-note').textContent.length > 0")
        assert "quantity" in page.inner_text("#osint-note")  # refused, with the reason
        form.locator("input[name=value]").fill("40")
        form.locator("button[type=submit]").click()
        page.wait_for_function(
            "document.getElementById('osint-note').textContent.includes('added for review')"
        )
        page.wait_for_selector("#queue li:has-text('added by secretariat')")
        assert "considering · 40 personnel" in page.inner_text("#queue")
        assert failures == []
        browser.close()


def test_deconfliction_tab_in_a_browser(server: str, tmp_path: Path) -> None:
    """The secretariat's cell: the day's volumes on the Leaflet map, the five conflicts
    with their reasons, the timeline per owner; accepting every proposed change leaves
    no conflict. An observer is not offered the tab."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 1100}, bypass_csp=True)
        failures: list[str] = []
        page.on("requestfailed", lambda request: failures.append(request.url))
        page.on("pageerror", lambda error: failures.append(str(error)))
        sign_in(page, server, "secretariat")
        page.click("nav button[data-tab=deconfliction]")
        page.wait_for_selector("#deconf-conflicts li[data-conflict]")
        assert page.locator("#deconf-conflicts li[data-conflict]").count() == 5
        assert "rule ad-engagement-zone" in page.inner_text("#deconf-conflicts")
        assert page.locator("#deconf-map path.leaflet-interactive").count() > 16
        assert page.locator("#deconf-map path.conflict-marker").count() == 5
        assert page.eval_on_selector("#deconf-timeline", "c => Number(c.dataset.bars)") >= 10
        assert page.evaluate("Chart.getChart('deconf-timeline') !== undefined")
        page.screenshot(path=str(tmp_path / "deconfliction.png"), full_page=True)

        for _ in range(10):  # accept each proposed change in turn
            buttons = page.locator("#deconf-proposals button[data-decision=accept]")
            if buttons.count() == 0:
                break
            before = page.inner_text("#deconf-note")
            buttons.first.click()
            page.wait_for_function(
                "b => document.getElementById('deconf-note').textContent !== b", arg=before
            )
        assert "0 conflicts" in page.inner_text("#deconf-note")
        assert "No conflicts." in page.inner_text("#deconf-conflicts")

        # The page as served, under its Content-Security-Policy: everything still draws,
        # and the browser reports no violation.
        strict = browser.new_page(viewport={"width": 1300, "height": 900})
        violations: list[str] = []
        strict.on(
            "console", lambda m: violations.append(m.text) if "Content Security" in m.text else None
        )
        sign_in(strict, server, "secretariat")
        strict.click("nav button[data-tab=deconfliction]")
        strict.wait_for_selector("#deconf-map path.leaflet-interactive")
        strict.click("nav button[data-tab=support]")
        strict.wait_for_selector("#support-table tr[data-state=DEU]")
        strict.select_option("#support-area", "air_defence")  # Germany's air defence, 2025
        strict.wait_for_selector("#support-table tr[data-state=DEU][data-area=air_defence]")
        row = strict.inner_text("#support-table tr[data-state=DEU][data-area=air_defence]")
        # Two Patriots committed; six IRIS-T, announced before 2025, allocated for 2025.
        assert "\t2 air defence system\t" in row and "\t6 air defence system" in row
        assert "IRIS-T" in row
        assert "DEU" in (strict.get_attribute("#support-chart", "data-states") or "")
        strict.fill("#support-slider", "10")  # as of 11 January 2025: only what was said by then
        strict.wait_for_selector("#support-day:has-text('2025-01-11')")
        strict.wait_for_selector("#support-table tr[data-state=DEU][data-area=air_defence]")
        early = strict.inner_text("#support-table tr[data-state=DEU][data-area=air_defence]")
        assert "6 air defence system" in early  # IRIS-T, before the Patriots of August
        assert violations == []

        page.evaluate("sessionStorage.clear()")
        sign_in(page, server, "observer")
        assert page.locator("nav button[data-tab=deconfliction]").is_hidden()
        browser.close()
    assert failures == []  # Leaflet, Chart.js and the outlines came from the server itself


#: The first path of a selector that is on top at its centre (nothing drawn over it), in
#: the viewport's pixels: where a person's click lands on it.
ON_TOP = """sel => {
    for (const p of document.querySelectorAll(sel)) {
        const r = p.getBoundingClientRect(), x = r.x + r.width / 2, y = r.y + r.height / 2;
        if (document.elementFromPoint(x, y) === p) return { x, y, event: p.dataset.event };
    }
    return null; }"""
#: A point of the line of contact that is on top (no event or legend over it).
ON_LINE = """() => {
    const p = document.querySelector("#theatre path.ceasefire-line");
    const m = p.getScreenCTM(), n = p.getTotalLength();
    for (let i = 1; i < 400; i++) {
        const q = p.getPointAtLength(n * i / 400), s = new DOMPoint(q.x, q.y).matrixTransform(m);
        if (document.elementFromPoint(s.x, s.y) === p) return { x: s.x, y: s.y };
    }
    return null; }"""
#: The map has been drawn for a day (a function: the page's CSP refuses eval of a string).
DRAWN_DAY = "day => document.getElementById('theatre').dataset.day === day"
#: The page's picture of the map, by the classes the layers are drawn with.
DRAWN = """() => {
    const count = sel => document.querySelectorAll("#theatre " + sel).length;
    const events = [...document.querySelectorAll("#theatre path.ceasefire-event")];
    return {
        layers: Object.fromEntries(["neighbours", "oblasts", "ukraine", "rivers"]
            .map(name => [name, count("path.geo-" + name)])),
        sectors: count("path.ceasefire-sector"), lines: count("path.ceasefire-line"),
        alerting: [...document.querySelectorAll("#theatre path.ceasefire-sector[data-alert=true]")]
            .map(p => p.dataset.sector).sort(),
        events: events.map(p => p.dataset.event).sort(),
        fills: Object.fromEntries(events.map(p => [p.dataset.type, p.getAttribute("fill")])),
        violations: events.filter(p => p.dataset.violation === "true")
            .map(p => p.getAttribute("stroke")),
        legend: [...document.querySelectorAll("#theatre .ceasefire-legend [data-type]")]
            .map(s => s.dataset.type).sort(),
        symbols: [...document.querySelectorAll("#theatre .ceasefire-legend [data-symbol]")]
            .map(s => s.dataset.symbol).sort(),
        maps: count(".leaflet-map-pane"),
    }; }"""


def test_ceasefire_tab_in_a_browser(server: str, tmp_path: Path) -> None:
    """The ceasefire tab on a Leaflet map, under the page's Content-Security-Policy:
    Natural Earth's neighbours, oblasts, border and rivers from the project's own route,
    the sectors (tinted where the day raised an alert), the line of contact saying what
    it is drawn from, the day's events coloured by type with a legend of the day's types;
    an event's reports one click away; another day redraws the same map."""
    from PIL import Image, ImageStat
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 1000})
        failures: list[str] = []
        page.on("requestfailed", lambda request: failures.append(request.url))
        page.on("pageerror", lambda error: failures.append(str(error)))
        page.on(
            "console", lambda m: failures.append(m.text) if "Content Security" in m.text else None
        )
        sign_in(page, server, "observer")
        page.click("nav button[data-tab=ceasefire]")
        first = SAMPLE_DAY.isoformat()
        page.wait_for_function(DRAWN_DAY, arg=first)
        assert page.input_value("#day") == first  # the newest day with reports, not built in

        def fetch(path: str) -> Any:
            return page.evaluate("path => api(path)", path)

        def check_day(day: str) -> dict[str, Any]:
            """What is drawn is the day's answer, layer by layer."""
            data: dict[str, Any] = fetch(f"/api/monitoring/days/{day}")
            drawn: dict[str, Any] = page.evaluate(DRAWN)
            assert drawn["maps"] == 1  # one Leaflet map, redrawn
            for name, count in drawn["layers"].items():  # one path a feature, drawn once
                assert count == len(fetch(f"/api/monitoring/geography/{name}")["features"]) > 0
            theatre = fetch("/api/monitoring/theatre")
            kinds = [f["properties"]["kind"] for f in theatre["features"]]
            assert drawn["sectors"] == kinds.count("sector") and drawn["lines"] >= 1
            # Alerts in sectors the map draws are tinted ("outside": beyond every sector).
            codes = {f["properties"].get("code") for f in theatre["features"]}
            assert drawn["alerting"] == sorted({a["sector"] for a in data["alerts"]} & codes)
            assert drawn["events"] == sorted(e["event_id"] for e in data["events"])
            types = sorted({e["type"] for e in data["events"]})
            assert drawn["legend"] == types  # the day's types, each once
            colours = page.evaluate("ts => ts.map(eventColor)", types)
            assert drawn["fills"] == dict(zip(types, colours, strict=True))
            n_violations = sum(bool(e["violation"]) for e in data["events"])
            assert drawn["violations"] == ["#e41a1c"] * n_violations  # outlined red
            assert {"violation", "line", "sector", "alert"} <= set(drawn["symbols"])
            assert page.inner_text("#day-note").startswith(
                f"{len(data['events'])} events, {len(data['alerts'])} alerts"
            )
            return data

        data = check_day(first)
        assert len(data["events"]) > 100 and data["alerts"]
        assert {"explosion", "weapon_sighting"} <= {e["type"] for e in data["events"]}
        # A type the table does not know yet is drawn in the fallback colour, named in words.
        assert page.evaluate("eventColor('a_type_to_come') === EVENT_FALLBACK")
        assert page.evaluate("eventLabel('infrastructure_damage')") == "infrastructure damage"
        legend = page.inner_text("#theatre .ceasefire-legend")
        assert "weapon sighting" in legend and "withdrawal violation" in legend
        assert page.locator("#alerts tr").count() == len(data["alerts"])
        assert page.locator("#sector-chart rect").count() == 2 * len(data["counts"])

        # An event's reports and place, one click where it is drawn: beside the map and
        # in a popup on it.
        spot = page.evaluate(ON_TOP, "#theatre path.ceasefire-event[data-type=weapon_sighting]")
        assert spot is not None, "every weapon sighting is under another mark"
        page.mouse.click(spot["x"], spot["y"])
        page.wait_for_selector(f"#event-detail [data-event='{spot['event']}']")
        event = next(e for e in data["events"] if e["event_id"] == spot["event"])
        detail = page.inner_text("#event-detail")
        assert "weapon sighting" in detail and "geoprecision" in detail and "oblast" in detail
        assert "reports: " + ", ".join(event["reports"]) in detail
        page.wait_for_selector("#theatre .leaflet-popup-content")
        assert "reports: " + ", ".join(event["reports"]) in page.inner_text(".leaflet-popup")

        # The line says what it is: the theatre file's note, sources and date, if it has them.
        theatre = fetch("/api/monitoring/theatre")
        line = next(f for f in theatre["features"] if f["properties"]["kind"] == "line_of_contact")
        said = (theatre.get("properties") or {}) | line["properties"]
        point = page.evaluate(ON_LINE)
        assert point is not None, "the line of contact is hidden everywhere"
        page.mouse.click(point["x"], point["y"])
        title = line["properties"].get("name") or theatre.get("name") or "line of contact"
        # (the event's popup may still be fading out beside it)
        popup = page.locator(".leaflet-popup-content", has_text=title).inner_text()
        sources = said.get("sources") or []
        sources = [sources] if isinstance(sources, str) else sources
        # Sources are the public reports the line was drawn from: counted, the first named.
        titles = [s["title"] if isinstance(s, dict) else s for s in sources[:3]]
        if sources:
            assert f"{len(sources)} public reports" in popup
        for words in [said.get("note"), said.get("as_of"), *titles]:
            if words:
                assert str(words) in popup

        # An oblast is named under the pointer.
        oblasts = fetch("/api/monitoring/geography/oblasts")["features"]
        spot = page.evaluate(ON_TOP, "#theatre path.geo-oblasts")
        assert spot is not None, "no oblast to point at"
        page.mouse.move(spot["x"], spot["y"])
        named = page.locator(".leaflet-tooltip").last.inner_text()  # the newest (others fade)
        assert named in {f["properties"]["label"] for f in oblasts}

        page.wait_for_selector("#cases tr[data-case]")  # the cases and where they stand
        assert page.locator("#cases tr[data-state=verified]").count() == 1
        assert "seen again on site" in page.inner_text("#cases")
        page.screenshot(path=str(tmp_path / "ceasefire.png"), full_page=True)
        shot = Image.open(io.BytesIO(page.locator("#theatre").screenshot())).convert("L")
        assert ImageStat.Stat(shot).stddev[0] > 20  # a drawn map, not a blank box

        # Another day redraws the same map: the day's events, legend and tints only.
        before = SAMPLE_DAY - dt.timedelta(days=1)
        page.fill("#day", before.isoformat())
        page.wait_for_function(DRAWN_DAY, arg=before.isoformat())
        other = check_day(before.isoformat())
        assert other["events"] and {e["event_id"] for e in other["events"]}.isdisjoint(
            e["event_id"] for e in data["events"]
        )
        quiet = dt.date(2020, 1, 1)  # a day with no reports: an empty map, still drawn
        page.fill("#day", quiet.isoformat())
        page.wait_for_function(DRAWN_DAY, arg=quiet.isoformat())
        assert check_day(quiet.isoformat())["events"] == []
        assert "no events" in page.inner_text("#theatre .ceasefire-legend")
        browser.close()
    assert failures == []  # Leaflet and every layer came from the server itself, under its CSP
