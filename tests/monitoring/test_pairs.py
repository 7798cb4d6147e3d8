"""The compiled link search against the rule applied to every pair of reports."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coalition.monitoring.pairs import Reports, find_links

WINDOW, FLOOR = 600.0, 250.0


def every_pair(r: Reports) -> set[tuple[int, int]]:
    a, b = np.triu_indices(len(r.x), k=1)
    gap = np.hypot(r.x[a] - r.x[b], r.y[a] - r.y[b])
    ok = (
        (np.abs(r.t[a] - r.t[b]) <= WINDOW)
        & (gap <= np.maximum(r.uncertainty[a] + r.uncertainty[b], FLOOR))
        & ((r.groups[a] & r.groups[b]) != 0)
        & (r.weapon[a] == r.weapon[b])
        & (r.source[a] != r.source[b])
    )
    return set(zip(a[ok].tolist(), b[ok].tolist(), strict=True))


def reports(rng: np.random.Generator, n: int, spread: float, hours: float) -> Reports:
    """Reports in clumps (several sightings of one thing), a few of them vague."""
    centres = rng.uniform(0, spread, (n // 3 + 1, 2))
    at = rng.integers(0, len(centres), n)
    uncertainty = rng.choice([50.0, 150.0, 300.0, 800.0, 2_000.0], n)
    uncertainty[rng.random(n) < 0.02] = rng.uniform(3_000, 9_000)  # wider than the 99th
    xy = centres[at] + rng.normal(0, 1, (n, 2)) * uncertainty[:, None] / 2
    return Reports(
        x=xy[:, 0],
        y=xy[:, 1],
        t=rng.uniform(0, hours * 3600, n) + at * 60.0,
        uncertainty=uncertainty,
        groups=rng.choice([1, 2, 3, 4], n).astype(np.int64),
        weapon=rng.choice([0, 0, 0, 1, 2], n).astype(np.int64),
        source=rng.integers(0, 12, n).astype(np.int64),
    )


@pytest.mark.parametrize(("n", "spread", "hours"), [(2_000, 20_000, 2), (3_000, 200_000, 24)])
def test_links_are_exactly_the_pairs_that_pass_the_rule(
    n: int, spread: float, hours: float
) -> None:
    r = reports(np.random.default_rng(n), n, spread, hours)
    links = find_links(r, WINDOW, FLOOR)
    found = set(zip(links.a.tolist(), links.b.tolist(), strict=True))
    assert len(found) == len(links.a)  # each pair once
    assert found == every_pair(r)
    assert (links.a < links.b).all()
    assert (np.diff(links.a * len(r.x) + links.b) > 0).all()  # ordered by a, then b
    gap = np.hypot(r.x[links.a] - r.x[links.b], r.y[links.a] - r.y[links.b])
    assert links.metres_apart == pytest.approx(gap)
    assert links.seconds_apart == pytest.approx(np.abs(r.t[links.a] - r.t[links.b]))
    assert (links.metres_apart <= links.metres_allowed).all()


def test_reports_without_a_place_link_to_nothing() -> None:
    r = reports(np.random.default_rng(1), 300, 5_000, 1)
    x = r.x.copy()
    x[:20] = np.nan
    links = find_links(r._replace(x=x), WINDOW, FLOOR)
    assert not np.isin(np.arange(20), np.concatenate([links.a, links.b])).any()
    assert len(find_links(r._replace(x=np.full(300, np.nan)), WINDOW, FLOOR).a) == 0


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.floats(0, 3_000), st.floats(0, 3_000), st.floats(0, 2_000),
            st.sampled_from([50.0, 300.0, 2_000.0, 6_000.0]), st.integers(1, 3),
            st.integers(0, 1), st.integers(0, 3),
        ),
        min_size=0, max_size=40,
    )
)  # fmt: skip
def test_any_reports_match_every_pair(rows: list[tuple[float, ...]]) -> None:
    columns = list(zip(*rows, strict=True)) if rows else [()] * 7
    r = Reports(
        *(np.array(c, dtype=float) for c in columns[:4]),
        *(np.array(c, dtype=np.int64) for c in columns[4:]),
    )
    links = find_links(r, WINDOW, FLOOR)
    assert set(zip(links.a.tolist(), links.b.tolist(), strict=True)) == every_pair(r)
