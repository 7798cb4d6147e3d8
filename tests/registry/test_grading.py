"""Credibility grades (Admiralty 1-6) read from the statements of one day."""

from __future__ import annotations

import datetime as dt

from coalition.domain import Reliability, Source, SourceKind, Statement, Status
from coalition.registry.grading import grade, graded

DAY = dt.date(2025, 2, 17)


def say(
    src: str,
    status: Status,
    reliability: Reliability = Reliability.B,
    outlet: str | None = None,
    primary: bool = False,
) -> Statement:
    source = Source(
        id=src,
        title=src,
        outlet=outlet or src,
        url="https://example.org/" + src,
        kind=SourceKind.NEWS,
        reliability=reliability,
    )
    return Statement(
        key=src, pledge_id="p", date=DAY, status=status, quote="q", source=source, primary=primary
    )


def test_own_words_are_confirmed() -> None:
    own = say("pm", Status.CONDITIONAL, primary=True)
    assert grade(own, [own]) == (1, "the speaker's own words")


def test_a_paraphrase_the_speaker_contradicts_is_doubtful() -> None:
    own = say("pm", Status.CONDITIONAL, primary=True)
    blog = say("blog", Status.ANNOUNCED, Reliability.D)
    assert grade(blog, [own, blog])[0] == 4


def test_confirmation_needs_another_outlet() -> None:
    a = say("a1", Status.RULED_OUT, outlet="A")
    same_outlet = say("a2", Status.RULED_OUT, outlet="A")
    other = say("b", Status.RULED_OUT, outlet="B")
    assert grade(a, [a, same_outlet])[0] == 2  # one reliable outlet, twice: not confirmed
    assert grade(a, [a, same_outlet, other]) == (1, "confirmed by 1 other source")


def test_lone_and_contested_reports() -> None:
    lone_good = say("bbc", Status.ANNOUNCED, Reliability.B)
    lone_poor = say("blog", Status.ANNOUNCED, Reliability.D)
    assert grade(lone_good, [lone_good])[0] == 2
    assert grade(lone_poor, [lone_poor])[0] == 3
    other = say("cnn", Status.CONDITIONAL)
    assert grade(lone_good, [lone_good, other])[0] == 3


def test_a_persons_grade_stands() -> None:
    own = say("pm", Status.CONDITIONAL, primary=True)
    blog = say("blog", Status.ANNOUNCED, Reliability.D).model_copy(update={"credibility": 2})
    result = {s.key: s for s in graded([own, blog], by_person={"blog"})}
    assert result["blog"].credibility == 2
    assert result["blog"].credibility_reason == "graded by a person"
    assert result["pm"].credibility == 1
    assert result["blog"].grade == "D2 S"
