"""The extractor reads whatever an article holds without failing: text built from the
pieces its patterns look for (numbers, ranges, units, cues, conditions, names, quotes)
in any order and any of the six languages. A crash here once hid in a range's second
shape ("5,000-8,000 troops")."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from coalition.osint.extract import extract
from coalition.osint.reading import analyse
from tests.osint.builders import GAZETTEER

PIECES = [
    "Norway", "Germany's", "Berlin", "Polska", "Україна", "Франция", "la France", "he said",
    "will send", "would not deploy", "is ready to", "ruled out", "does not exclude",
    "bereit", "n'enverra pas", "gotowa wysłać", "готова направити", "не будет",
    "5,000-8,000", "between 400 and", "two to three", "up to", "a", "one or two", "1.500",
    "EUR", "€", "$", "A$", "million", "Millionen", "тисяч", "troops", "soldiers", "Soldaten",
    "żołnierzy", "frigates", "eine Fregatte", "jets", "once a ceasefire", "if Washington",
    "without a vote", "unless", "whether or not", "before or after", "but", "while", ",",
    ".", ";", ":", "?", "\"", "“", "”", "«", "»", "'", "—", "-", "(", ")", "\n\n", "Q:",
    "PISTORIUS:", "Read also:", "2026", "on Tuesday", "",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40))
def test_any_arrangement_of_the_pieces_is_read_without_failing(pieces: list[str]) -> None:
    text = " ".join(pieces)
    for candidate in extract(analyse(text, published=dt.date(2026, 3, 3)), GAZETTEER):
        assert candidate.quote and candidate.start <= candidate.end
