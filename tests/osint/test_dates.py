"""Relative and written dates resolved against the article's own date."""

from __future__ import annotations

import datetime as dt

import pytest

from coalition.osint.dates import resolve

MONDAY = dt.date(2025, 2, 17)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Leaders met in Paris on Monday.", "2025-02-17"),
        ("The ministers spoke on Thursday.", "2025-02-13"),
        ("Officials met last Monday.", "2025-02-10"),
        ("They will meet next Monday.", "2025-02-24"),
        ("Le Monde reported this evening that talks failed.", "2025-02-17"),
        ("He said yesterday that he was ready.", "2025-02-16"),
        ("Talks open in Riyadh tomorrow.", "2025-02-18"),
        ("In a speech on December 31, he promised commitments.", "2024-12-31"),
        ("On 31 December 2025 he promised commitments.", "2025-12-31"),
        ("The summit of 6 January will decide.", "2025-01-06"),
        ("He repeated his offer.", "2025-02-17"),
    ],
)
def test_resolve(sentence: str, expected: str) -> None:
    assert resolve(sentence, MONDAY)[0] == dt.date.fromisoformat(expected)


def test_without_the_article_date_only_full_dates_resolve() -> None:
    assert resolve("They met on Tuesday.", None) == (None, "")
    assert resolve("On 17 February 2025 they met.", None)[0] == dt.date(2025, 2, 17)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Der Kanzler sagte am Freitag, Deutschland sei bereit.", "2025-02-14"),
        ("BERLIN, 3. März 2026 - Die Regierung hat beschlossen.", "2026-03-03"),
        ("Le ministre a déclaré le 12 février que la France était prête.", "2025-02-12"),
        ("Premier oświadczył we wtorek, że Polska nie wyśle żołnierzy.", "2025-02-11"),
        ("Міністр заявив у п'ятницю, що Україна готова.", "2025-02-14"),  # noqa: RUF001
        ("В Кремле вчера заявили, что это неприемлемо.", "2025-02-16"),  # noqa: RUF001
        ("Hier ist die Lage anders.", "2025-02-17"),  # German "here", not French "yesterday"
    ],
)
def test_resolve_in_the_other_languages(sentence: str, expected: str) -> None:
    assert resolve(sentence, MONDAY)[0] == dt.date.fromisoformat(expected)
