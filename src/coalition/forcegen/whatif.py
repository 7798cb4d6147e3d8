"""What-ifs without files: a scenario's assumptions changed on the command line or in
an API call (``parliament:DEU=false``, ``us_backstop=0.5``), checked like a file's."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from coalition.domain.forcegen import Assumption, Scenario
from coalition.errors import CoalitionError
from coalition.forcegen.files import valid_variable

WORDS = {"true": True, "yes": True, "false": False, "no": False}


def parse_assumption(text: str) -> tuple[str, Assumption]:
    """``name=value`` with value true/false (yes/no) or a probability in [0, 1]."""
    name, sep, value = text.partition("=")
    name, value = name.strip(), value.strip().lower()
    if not sep or not name or not value:
        raise CoalitionError(f"--assume {text!r}: write name=value, e.g. parliament:DEU=false")
    if value in WORDS:
        return name, WORDS[value]
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 <= number <= 1:
        raise CoalitionError(
            f"--assume {text!r}: the value is true, false or a probability between 0 and 1"
        )
    return name, number


def with_assumptions(
    base: Scenario | None, assumptions: Mapping[str, Assumption], conditions: set[str]
) -> Scenario:
    """``base`` (or nothing assumed) with ``assumptions`` on top; unknown names refused."""
    for name in assumptions:
        problem = valid_variable(name, conditions)
        if problem:
            raise CoalitionError(f"--assume: {problem}")
    if not assumptions and base is not None:
        return base
    said = ", ".join(f"{k}={v}" for k, v in assumptions.items())
    if base is None:
        title = f"What if: {said} (every condition not named does not hold)"
        return Scenario(id="what-if", title=title, assumptions=dict(assumptions))
    return base.model_copy(update={
        "id": f"{base.id}+what-if", "title": f"{base.title}; what if {said}",
        "assumptions": {**base.assumptions, **assumptions},
    })  # fmt: skip


def parse_all(texts: Sequence[str]) -> dict[str, Assumption]:
    return dict(parse_assumption(t) for t in texts)
