"""The "did you mean" a user reads under an unknown code: one wording everywhere a file,
a flag or a request names something the project does not know."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(
    value: str, choices: Iterable[str], cutoff: float = 0.6, quoted: bool = True
) -> str:
    """`` (did you mean 'X'?)`` for the closest of ``choices``, or nothing when none is
    close (``quoted=False`` for codes written bare, such as DEU)."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=cutoff)
    if not close:
        return ""
    return f" (did you mean {close[0]!r}?)" if quoted else f" (did you mean {close[0]}?)"
