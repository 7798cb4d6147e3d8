"""The as-of reading of a pledge, on hand-made statements (no database)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from coalition.domain import Bucket, ContributionKind, Domain, Pledge, Source, Statement, Status
from coalition.registry.asof import read_pledge
from coalition.registry.grading import graded

PLEDGE = Pledge(
    id="X-troops",
    actor="GBR",
    kind=ContributionKind.TROOPS,
    domains=(Domain.LAND,),
    description="test",
)
D = dt.date


def source(name: str, published: dt.date | None = None) -> Source:
    return Source(id=name, title=name, url="https://example.org/" + name, published=published)


def say(
    day: dt.date,
    status: Status,
    *conditions: str,
    src: str = "s1",
    published: dt.date | None = None,
) -> Statement:
    return Statement(
        key=f"{day}-{status}-{src}-{conditions}",
        pledge_id=PLEDGE.id,
        date=day,
        status=status,
        conditions=conditions,
        quote="q",
        source=source(src, published),
    )


def test_nothing_said_yet_is_none() -> None:
    assert read_pledge(PLEDGE, [say(D(2025, 2, 17), Status.RULED_OUT)], D(2025, 2, 16)) is None


def test_latest_day_wins() -> None:
    statements = [say(D(2025, 2, 17), Status.RULED_OUT), say(D(2025, 9, 4), Status.ANNOUNCED)]
    assert read_pledge(PLEDGE, statements, D(2025, 9, 3)).status is Status.RULED_OUT  # type: ignore[union-attr]
    later = read_pledge(PLEDGE, statements, D(2025, 9, 4))
    assert later is not None
    assert later.status is Status.ANNOUNCED
    assert later.bucket is Bucket.IN
    assert later.since == D(2025, 9, 4)


def test_same_day_disagreement_is_disputed_and_read_cautiously() -> None:
    day = D(2025, 2, 17)
    statements = [
        say(day, Status.ANNOUNCED, src="a"),
        say(day, Status.CONDITIONAL, "peace_agreement", src="b"),
        say(day, Status.CONDITIONAL, "us_backstop", src="c"),
    ]
    reading = read_pledge(PLEDGE, statements, day)
    assert reading is not None
    assert reading.disputed
    assert reading.status is Status.CONDITIONAL
    assert reading.conditions == ("peace_agreement", "us_backstop")
    assert len(reading.statements) == 3  # every source kept


def test_complementary_conditions_are_not_a_dispute() -> None:
    day = D(2026, 1, 6)
    statements = [
        say(day, Status.GOVERNMENT_APPROVED, "ceasefire", src="a"),
        say(day, Status.GOVERNMENT_APPROVED, "away_from_front_line", src="b"),
    ]
    reading = read_pledge(PLEDGE, statements, day)
    assert reading is not None
    assert not reading.disputed
    assert reading.conditions == ("away_from_front_line", "ceasefire")


def test_since_spans_repeated_statements_of_one_status() -> None:
    statements = [
        say(D(2025, 1, 1), Status.CONSIDERING),
        say(D(2025, 2, 17), Status.RULED_OUT),
        say(D(2025, 9, 4), Status.RULED_OUT),
    ]
    reading = read_pledge(PLEDGE, statements, D(2026, 1, 1))
    assert reading is not None
    assert reading.since == D(2025, 2, 17)


def test_known_by_hides_later_publications() -> None:
    statements = [
        say(D(2025, 2, 17), Status.RULED_OUT, src="early", published=D(2025, 2, 17)),
        say(D(2025, 2, 18), Status.ANNOUNCED, src="late", published=D(2025, 3, 1)),
    ]
    assert read_pledge(PLEDGE, statements, D(2025, 3, 1)).status is Status.ANNOUNCED  # type: ignore[union-attr]
    known = read_pledge(PLEDGE, statements, D(2025, 3, 1), known_by=D(2025, 2, 20))
    assert known is not None
    assert known.status is Status.RULED_OUT


days = st.dates(min_value=D(2024, 1, 1), max_value=D(2026, 12, 31))
statuses = st.sampled_from(list(Status))


@given(st.lists(st.tuples(days, statuses), min_size=1, max_size=12), days)
def test_later_statements_never_change_an_earlier_reading(
    pairs: list[tuple[dt.date, Status]], on: dt.date
) -> None:
    statements = [say(day, status, src=f"s{i}") for i, (day, status) in enumerate(pairs)]
    past = [s for s in statements if s.date <= on]
    assert read_pledge(PLEDGE, statements, on) == read_pledge(PLEDGE, past, on)
    reading = read_pledge(PLEDGE, statements, on)
    if reading is not None:
        assert reading.since <= max(s.date for s in past)
        assert all(s.date == max(p.date for p in past) for s in reading.statements)


def _primary(s: Statement) -> Statement:
    return s.model_copy(update={"primary": True})


def test_the_speakers_own_words_outrank_a_paraphrase() -> None:
    day = D(2025, 2, 17)
    own = _primary(say(day, Status.CONDITIONAL, "peace_agreement", src="transcript"))
    agree = say(day, Status.CONDITIONAL, "us_backstop", src="news")
    blog = say(day, Status.ANNOUNCED, src="blog")
    reading = read_pledge(PLEDGE, [blog, agree, own], day)
    assert reading is not None
    assert reading.status is Status.CONDITIONAL and not reading.disputed
    assert reading.statements[0] == own
    assert reading.conditions == ("peace_agreement", "us_backstop")  # no condition lost
    assert reading.set_aside == (blog,)


def test_primaries_that_disagree_stay_disputed() -> None:
    day = D(2025, 2, 17)
    one = _primary(say(day, Status.ANNOUNCED, src="a"))
    other = _primary(say(day, Status.CONDITIONAL, "us_backstop", src="b"))
    reading = read_pledge(PLEDGE, [one, other, say(day, Status.RULED_OUT, src="c")], day)
    assert reading is not None
    assert reading.disputed and reading.status is Status.CONDITIONAL
    assert [s.status for s in reading.set_aside] == [Status.RULED_OUT]


def test_without_primaries_disagreement_is_disputed_at_the_least_committed() -> None:
    day = D(2025, 2, 17)
    reading = read_pledge(
        PLEDGE, [say(day, Status.ANNOUNCED, src="a"), say(day, Status.CONDITIONAL, src="b")], day
    )
    assert reading is not None and reading.disputed and reading.status is Status.CONDITIONAL
    assert reading.set_aside == ()


def test_a_pending_vote_is_read_from_the_parliamentary_condition() -> None:
    day = D(2026, 1, 7)
    pending = read_pledge(PLEDGE, [say(day, Status.DECLARED, "parliamentary_approval")], day)
    assert pending is not None and pending.parliament_pending
    assert pending.reading == "declaration of intent; parliamentary vote pending"
    assert pending.bucket is Bucket.IN
    voted = read_pledge(
        PLEDGE,
        [
            say(day, Status.DECLARED, "parliamentary_approval"),
            say(D(2026, 3, 1), Status.PARLIAMENT_APPROVED, "parliamentary_approval"),
        ],
        D(2026, 3, 2),
    )
    assert voted is not None and not voted.parliament_pending
    refused = read_pledge(PLEDGE, [say(day, Status.REFUSED, "parliamentary_approval")], day)
    assert refused is not None and not refused.parliament_pending


def test_since_follows_each_days_reading_not_set_aside_reports() -> None:
    """A blog's "announced" on a day the speaker's words read conditional does not start
    an "announced" run."""
    first, second = D(2025, 2, 17), D(2025, 3, 2)
    statements = [
        _primary(say(first, Status.CONDITIONAL, "us_backstop", src="pm")),
        say(first, Status.ANNOUNCED, src="blog"),
        _primary(say(second, Status.ANNOUNCED, src="pm2")),
    ]
    reading = read_pledge(PLEDGE, statements, D(2025, 3, 5))
    assert reading is not None
    assert reading.status is Status.ANNOUNCED and reading.since == second


def test_a_pending_vote_stays_pending_until_a_vote_is_recorded() -> None:
    statements = [
        say(D(2026, 1, 7), Status.DECLARED, "parliamentary_approval"),
        say(D(2026, 1, 20), Status.DECLARED, "ceasefire"),  # says nothing of the vote
    ]
    reading = read_pledge(PLEDGE, statements, D(2026, 1, 31))
    assert reading is not None and reading.parliament_pending
    voted = [*statements, say(D(2026, 2, 10), Status.REFUSED)]
    after = read_pledge(PLEDGE, voted, D(2026, 2, 11))
    assert after is not None and not after.parliament_pending


def test_known_by_grades_only_what_could_be_seen() -> None:
    """A confirmation published later does not confirm anything on the earlier day."""
    day = D(2025, 2, 17)
    early = say(day, Status.CONDITIONAL, src="early", published=day)
    late = say(day, Status.CONDITIONAL, src="late", published=D(2025, 2, 20))
    both = graded([early, late], set())
    assert both[0].credibility == 1  # confirmed, as read today
    reading = read_pledge(PLEDGE, both, day, known_by=D(2025, 2, 18))
    assert reading is not None and [s.credibility for s in reading.statements] == [3]
