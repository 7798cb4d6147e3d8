"""Bad data gives an error naming file, line and field, and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from coalition.errors import DataFileError
from coalition.registry import load, validate
from coalition.store import transaction
from coalition.store.tables import PledgeRow, StatusEventRow
from tests.conftest import DATA
from tests.registry.helpers import replace_once


def only_issue(paths: list[Path]) -> str:
    issues = validate(paths)
    assert len(issues) == 1, issues
    return str(issues[0])


def test_bundled_data_is_valid() -> None:
    assert validate([DATA]) == []


def test_unknown_condition_names_file_line_field_and_suggests(data_copy: Path) -> None:
    pledges = data_copy / "pledges.yaml"
    line = replace_once(pledges, "conditions: [us_backstop]", "conditions: [us_backstp]")
    message = only_issue([data_copy])
    assert message.startswith(f"{pledges}:{line}: pledges[0].events[3].conditions[0]:")
    assert "unknown condition 'us_backstp'" in message
    assert "did you mean 'us_backstop'" in message


def test_unknown_state(data_copy: Path) -> None:
    pledges = data_copy / "pledges.yaml"
    line = replace_once(pledges, "actor: DEU", "actor: DEX")
    message = only_issue([data_copy])
    assert message.startswith(f"{pledges}:{line}: pledges[3].actor:")
    assert "unknown state 'DEX'" in message


def test_state_by_name_suggests_its_code(data_copy: Path) -> None:
    replace_once(data_copy / "pledges.yaml", "actor: DEU", "actor: Germany")
    assert "did you mean 'DEU'" in only_issue([data_copy])


def test_bad_status_lists_allowed_values(data_copy: Path) -> None:
    pledges = data_copy / "pledges.yaml"
    line = replace_once(pledges, "status: considering", "status: maybe")
    message = only_issue([data_copy])
    assert message.startswith(f"{pledges}:{line}: pledges[6].events[0].status:")
    assert "'maybe' is not allowed" in message and "ruled_out" in message


def test_misspelt_field_is_named(data_copy: Path) -> None:
    pledges = data_copy / "pledges.yaml"
    line = replace_once(pledges, "    description: Swedish", "    descripton: Swedish")
    issues = [str(i) for i in validate([data_copy])]
    assert any(i.startswith(f"{pledges}:{line}: pledges[6].descripton:") for i in issues), issues
    assert any("pledges[6].description: Field required" in i for i in issues), issues


def test_bad_date(data_copy: Path) -> None:
    pledges = data_copy / "pledges.yaml"
    line = replace_once(pledges, "date: 2025-09-04", "date: 2025-13-04")
    message = only_issue([data_copy])
    assert message.startswith(f"{pledges}:{line}: pledges[1].events[0].date:")


def test_malformed_yaml_gives_its_line(data_copy: Path) -> None:
    people = data_copy / "people.yaml"
    line = replace_once(people, "  - id: olaf-scholz", "  - id: [olaf-scholz")
    message = only_issue([data_copy])
    assert message.startswith(f"{people}:")
    assert "not valid YAML" in message
    reported = int(message.split(":")[1])
    assert line <= reported <= line + 2


def test_duplicate_key_is_refused(data_copy: Path) -> None:
    replace_once(data_copy / "pledges.yaml", "    actor: SWE\n", "    actor: SWE\n    actor: SWE\n")
    assert "key 'actor' appears twice" in only_issue([data_copy])


def test_statement_after_its_source_was_published(data_copy: Path) -> None:
    replace_once(
        data_copy / "pledges.yaml",
        "      - date: 2025-02-17\n        status: considering",
        "      - date: 2025-03-17\n        status: considering",
    )
    assert "source 'seed-000' was published 2025-02-17" in only_issue([data_copy])


def test_troops_need_domains(data_copy: Path) -> None:
    replace_once(
        data_copy / "pledges.yaml",
        "    domains: [land]\n    description: Swedish",
        "    description: Swedish",
    )
    assert "a troops pledge names its domains" in only_issue([data_copy])


def test_unknown_source_and_speaker(data_copy: Path) -> None:
    replace_once(data_copy / "pledges.yaml", "source: tass-2025-09-04-meloni", "source: tass-2025")
    replace_once(data_copy / "pledges.yaml", "speaker: donald-tusk", "speaker: donald-tuks")
    issues = " / ".join(map(str, validate([data_copy])))
    assert "unknown source 'tass-2025'" in issues
    assert "unknown person 'donald-tuks' (did you mean 'donald-tusk'?)" in issues


def test_all_problems_reported_at_once(data_copy: Path) -> None:
    replace_once(data_copy / "pledges.yaml", "actor: DEU", "actor: DEX")
    replace_once(data_copy / "context.yaml", "actor: RUS", "actor: RUX")
    assert len(validate([data_copy])) == 2


def _counts(engine: Engine) -> tuple[int, int]:
    with transaction(engine) as session:
        return (
            session.scalar(select(func.count()).select_from(PledgeRow)) or 0,
            session.scalar(select(func.count()).select_from(StatusEventRow)) or 0,
        )


def test_bad_load_writes_nothing_and_keeps_what_was_stored(engine: Engine, data_copy: Path) -> None:
    load(engine, [DATA])
    before = _counts(engine)
    extra = data_copy / "zz_more.yaml"
    extra.write_text(
        "pledges:\n"
        "  - id: NLD-troops-land\n"
        "    actor: NLD\n    kind: troops\n    domains: [land]\n"
        "    description: Dutch forces\n"
        "    events:\n"
        "      - {date: 2025-03-01, status: considering, quote: a quote, source: seed-003}\n"
        "  - id: BEL-troops-land\n"
        "    actor: BEL\n    kind: troops\n    domains: [land]\n"
        "    description: Belgian forces\n"
        "    events:\n"
        "      - {date: 2025-03-01, status: aproved, quote: a quote, source: seed-003}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as caught:
        load(engine, [extra])
    assert f"{extra}:15: pledges[1].events[0].status" in str(caught.value)
    assert "nothing was written" in str(caught.value)
    assert _counts(engine) == before  # the valid first pledge was not written either


def test_missing_path_is_an_error() -> None:
    with pytest.raises(DataFileError, match="no such file or folder"):
        validate([Path("/nonexistent/registry")])


def test_a_statement_must_name_the_state_it_speaks_for(data_copy: Path) -> None:
    """A sentence about someone else's commitment, with no speaker of this state, is
    refused under this state's pledge."""
    pledges = data_copy / "pledges.yaml"
    replace_once(
        pledges, "quote: The Swedes were more circumspect", "quote: Denmark was circumspect"
    )
    message = only_issue([data_copy])
    assert "does not name SWE" in message and "its speaker does not hold an office" in message


def test_primary_needs_the_speakers_office_and_words(data_copy: Path) -> None:
    pledges = data_copy / "pledges.yaml"
    said = "        quote: Keir Starmer of the United Kingdom said"
    replace_once(pledges, said, "        primary: true\n" + said)
    message = only_issue([data_copy])
    assert "source 'seed-000' is blog: its paraphrase is secondary" in message


def test_mission_condition_must_be_known(data_copy: Path) -> None:
    mission = data_copy / "mission.yaml"
    line = replace_once(
        mission, "condition: away_from_front_line", "condition: away_from_frontline"
    )
    message = only_issue([data_copy])
    assert message.startswith(f"{mission}:{line}: mission[2].condition")
    assert "did you mean 'away_from_front_line'" in message


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ("    translated_from: und", "    translated_from: xx", "sources[3].translated_from",
         "not an ISO 639 language code"),
        ("starmer\n        primary: true", "starmer\n        primary: 1",
         "pledges[0].events[2].primary", "valid boolean"),
    ],
)  # fmt: skip
def test_grading_fields_are_checked(
    data_copy: Path, old: str, new: str, field: str, words: str
) -> None:
    for name in ("sources.yaml", "pledges.yaml"):
        if old in (data_copy / name).read_text(encoding="utf-8"):
            replace_once(data_copy / name, old, new)
    message = only_issue([data_copy])
    assert f": {field}:" in message and words in message


def test_a_primary_problem_points_at_the_field(data_copy: Path) -> None:
    said = "        quote: Keir Starmer of the United Kingdom said"
    replace_once(data_copy / "pledges.yaml", said, "        primary: true\n" + said)
    assert ": pledges[0].events[0].primary:" in only_issue([data_copy])


def test_the_same_mission_evidence_twice(data_copy: Path) -> None:
    mission = data_copy / "mission.yaml"
    text = mission.read_text(encoding="utf-8")
    last = text[text.rindex("  - condition:") :]
    mission.write_text(text + last, encoding="utf-8")
    assert "the same evidence" in only_issue([data_copy])


def test_a_speaker_out_of_office_is_refused(data_copy: Path) -> None:
    """Issue 12 item 12: a former chancellor quoted on another state's pledge after he
    left office speaks for nobody."""
    pledges = data_copy / "pledges.yaml"
    old = "        speaker: donald-tusk\n        primary: true\n        quote: '\"Poland does not"
    replace_once(pledges, old, old.replace("donald-tusk", "olaf-scholz").replace(
        "        primary: true\n", ""))  # fmt: skip
    message = only_issue([data_copy])
    assert ".speaker:" in message and "olaf-scholz held no office on 2025-09-04" in message


def test_a_statement_dated_year_one_is_refused(data_copy: Path) -> None:
    pledges = data_copy / "pledges.yaml"
    line = replace_once(pledges, "- date: 2025-02-12", "- date: 0001-01-01")
    message = only_issue([data_copy])
    assert f":{line}:" in message and "is not a day a statement was made" in message
