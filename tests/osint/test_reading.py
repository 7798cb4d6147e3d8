"""Boilerplate, languages, appended translations, HTML and near-duplicate articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from coalition.osint.pipeline import near_duplicates
from coalition.osint.reading import analyse, read
from coalition.osint.text import sentences

ENGLISH = (
    "The foreign ministers met in Vienna on Friday to discuss the monitoring mission and "
    "its budget for the coming year, which several members want to cut."
)
MORE = (
    "Officials said the talks would continue next month, although no date has been set "
    "and the agenda remains disputed between the delegations."
)
GERMAN = (
    "Die Außenminister trafen sich am Freitag in Wien, um über die Beobachtermission und "
    "ihr Budget für das kommende Jahr zu beraten, das mehrere Mitglieder kürzen wollen."
)
GERMAN_2 = (
    "Beamte sagten, die Gespräche würden nächsten Monat fortgesetzt, obwohl noch kein "
    "Termin feststeht und die Tagesordnung zwischen den Delegationen umstritten bleibt."
)
SPANISH = (
    "Los ministros de Asuntos Exteriores se reunieron el viernes en Viena para hablar de la "
    "misión de observación y de su presupuesto para el próximo año."
)


def test_boilerplate_and_a_repeated_title_are_set_aside() -> None:
    text = "\n".join(
        ["Ministers meet in Vienna", "", "Ministers meet in Vienna", "Source: Reuters", ENGLISH,
         "Read more: Click here", "Related article", MORE, "Leave a Comment", "© Example News 2025"]
    )  # fmt: skip
    document = analyse(text)
    assert [p.text for p in document.body()] == ["Ministers meet in Vienna", ENGLISH, MORE]
    assert document.language == "en"


def test_marked_translation_is_not_part_of_the_article() -> None:
    text = "\n\n".join([ENGLISH, MORE, "Translation below into German (A. Translator)", GERMAN,
                        GERMAN_2, "Translation into Spanish below", SPANISH])  # fmt: skip
    document = analyse(text)
    assert [p.text for p in document.body()] == [ENGLISH, MORE]
    languages = {p.text: p.language for p in document.passages}
    assert languages[GERMAN] == "de" and languages[SPANISH] == "es"
    assert all(p.translation for p in document.passages if p.text in (GERMAN, GERMAN_2, SPANISH))


def test_unmarked_translation_is_found_by_its_language() -> None:
    document = analyse("\n\n".join([ENGLISH, MORE, GERMAN, GERMAN_2]))
    assert [p.text for p in document.body()] == [ENGLISH, MORE]


def test_one_foreign_quote_is_not_a_translation() -> None:
    """A German sentence quoted inside an English article stays part of the article."""
    document = analyse("\n\n".join([ENGLISH, GERMAN, MORE, ENGLISH.replace("Vienna", "Graz")]))
    assert GERMAN in [p.text for p in document.body()]


def test_a_headline_read_as_another_language_does_not_make_the_article_a_translation() -> None:
    """A headline with a Finnish name may be detected as German; the article's own
    language is its first paragraph's, so the English body stays the article."""
    headline = 'INTERVIEW: "Nothing is excluded" - Minister Jussi Häkkänen-Järvinen on Ålands väg'
    document = analyse("\n\n".join([headline, ENGLISH, MORE]))
    assert document.language == "en"
    assert [p.text for p in document.body()][1:] == [ENGLISH, MORE]


def test_offsets_point_into_the_text() -> None:
    text = "Title\n\n" + ENGLISH + "\n" + MORE
    document = analyse(text)
    for passage in document.passages:
        assert text[passage.start : passage.end] == passage.text


def test_html_main_text_without_navigation_or_comments(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text(
        "<html><head><title>Ministers meet</title>"
        '<meta property="article:published_time" content="2025-03-07"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>Ministers meet</h1><p>{ENGLISH}</p><p>{MORE}</p></article>"
        "<div class='comments'><p>Great article! Subscribe to my channel.</p></div>"
        "<footer>© Example News</footer></body></html>",
        encoding="utf-8",
    )
    document = read(page)
    body = " ".join(p.text for p in document.body())
    assert ENGLISH in body and MORE in body
    assert "Home" not in body and "Subscribe" not in body
    assert str(document.published) == "2025-03-07"


def test_near_duplicates_group_the_same_story() -> None:
    story = "\n\n".join([ENGLISH, MORE, ENGLISH.replace("Friday", "Thursday"), MORE + " Again."])
    a = analyse(story, "a.txt")
    b = analyse("Source: Wire\n\n" + story + "\n\nLeave a Comment", "b.txt")
    c = analyse("\n\n".join([GERMAN, SPANISH]), "c.txt")
    assert near_duplicates([a, b, c]) == [sorted([a.id, b.id])]


@pytest.mark.parametrize(
    ("heading", "reply"),
    [("6 COMMENTS", "Reply"), ("14 Kommentare", "Antworten"), ("", "Odpowiedz"),
     ("Коментарі (3)", "Відповісти"), ("11 commentaires", "Répondre")],
)  # fmt: skip
def test_readers_comments_are_not_the_article(heading: str, reply: str) -> None:
    text = (
        "Norway sends minehunters\n\nNorway will send two minehunters, the minister said.\n\n"
        + (f"{heading}\n\n" if heading else "")
        + f"kestrel_77, 3.11.2025 10:02\n\nDenmark will send 5,000 troops, mark it.\n\n{reply}"
    )
    body = " ".join(p.text for p in analyse(text).body())
    assert "minehunters" in body
    assert "Denmark" not in body and "kestrel" not in body


def test_a_comment_label_above_an_opinion_piece_is_not_its_comments() -> None:
    offer = "Der Kanzler hat zugesagt, dass Deutschland 1.500 Soldaten entsendet. " * 2
    view = "Nun muss der Bundestag liefern, und zwar schnell, schreibt unser Autor. " * 2
    text = f"KOMMENTAR\n\nDie Zahl ist gesagt\n\n{offer}\n\n{view}"
    assert "Kanzler" in " ".join(p.text for p in analyse(text).body())


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Japan rules out troops\n\nTOKYO, Oct 8, 2025 (Agence) - Japan will not send troops.",
         "2025-10-08"),
        ("Neue Zusage\n\nBerlin, 18. November 2025 (dpa) - Deutschland ist bereit.", "2025-11-18"),
        ("Norway offers ships\n\nOSLO, March 10 (Wire) - Norway will send two ships.", None),
    ],
)  # fmt: skip
def test_the_date_of_a_wire_story_from_its_dateline(text: str, day: str | None) -> None:
    published = analyse(text).published
    assert (published.isoformat() if published else None) == day


def test_a_german_date_does_not_end_a_sentence() -> None:
    said = [
        s.text for s in sentences("Der Bundestag hat am 15. Oktober zugestimmt. Neu ist das nicht.")
    ]
    assert said == ["Der Bundestag hat am 15. Oktober zugestimmt.", "Neu ist das nicht."]
    assert len(sentences("He arrived on May 3. June was hot.")) == 2
