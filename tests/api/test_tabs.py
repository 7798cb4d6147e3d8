"""The dashboard's tabs are found, not listed (issue 19): a new capability's tab is a
fragment and a script, and neither the page's shell nor ``app.js`` names it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from coalition.api.tabs import STATIC, TEMPLATES, page, tabs
from coalition.errors import CoalitionError


def test_every_fragment_is_a_tab_with_its_button_in_order() -> None:
    found = tabs()
    html = page()
    buttons = re.findall(r'<button data-tab="(\w+)"', html)
    assert buttons == [tab.id for tab in found]
    assert buttons[0] == "positions" and len(buttons) >= 6
    for tab in found:
        assert f'<section id="{tab.id}"' in html
        if tab.script:  # a tab's script says what draws it
            assert f'registerTab("{tab.id}"' in (STATIC / tab.script).read_text()
    roles = {tab.id: tab.roles for tab in found}
    assert roles["deconfliction"] == "admin secretariat national"


def test_the_shell_and_app_js_name_no_capability_tab() -> None:
    shell = (TEMPLATES / "dashboard.html.j2").read_text()
    app = (STATIC / "app.js").read_text()
    for tab in tabs():
        assert tab.id not in shell
        if tab.id != "positions":  # the first tab is app.js's own
            assert f'"{tab.id}"' not in app


def _copy(tmp_path: Path) -> tuple[Path, Path]:
    templates, static = tmp_path / "templates", tmp_path / "static"
    shutil.copytree(TEMPLATES, templates)
    static.mkdir()
    return templates, static


def test_a_new_tab_joins_by_adding_its_files(tmp_path: Path) -> None:
    templates, static = _copy(tmp_path)
    (templates / "tabs" / "logistics.html").write_text(
        '<section id="logistics" class="tab" data-title="Logistics" data-order="35">\n'
        "  <p>Convoys.</p>\n</section>\n"
    )
    (static / "logistics.js").write_text('registerTab("logistics", () => {});\n')
    html = page(templates, static)
    buttons = re.findall(r'<button data-tab="(\w+)"', html)
    assert buttons.index("logistics") == buttons.index("ceasefire") + 1  # order 35
    assert '<script src="/static/logistics.js"></script>' in html
    assert "<p>Convoys.</p>" in html


@pytest.mark.parametrize(
    "fragment",
    [
        "<div>not a section</div>",
        '<section id="other" class="tab" data-title="X"></section>',  # id is not the name
        '<section id="broken" class="tab"></section>',  # no title
        '<section id="broken" class="tab" data-title="X" data-order="first"></section>',
    ],
)
def test_a_fragment_that_does_not_say_what_it_is_fails_naming_its_file(
    tmp_path: Path, fragment: str
) -> None:
    templates, static = _copy(tmp_path)
    (templates / "tabs" / "broken.html").write_text(fragment)
    with pytest.raises(CoalitionError, match=r"broken\.html"):
        page(templates, static)
