"""The compiled nearest-segment search against Shapely's distance and a search over
every segment, on lines of a few and of thousands of vertices, with crowded, sparse,
tied and missing points."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from coalition.monitoring.nearest import distance_and_side, nearest_segment


def every_segment(line: shapely.LineString, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The nearest segment by comparing each point with all of them (lowest index on a
    tie), with the same arithmetic."""
    coords = np.asarray(line.coords)
    sx, sy = coords[:-1, 0], coords[:-1, 1]
    dx, dy = np.diff(coords[:, 0]), np.diff(coords[:, 1])
    length2 = np.maximum(dx**2 + dy**2, 1e-18)
    t = np.clip(((x[:, None] - sx) * dx + (y[:, None] - sy) * dy) / length2, 0.0, 1.0)
    gap = (sx + t * dx - x[:, None]) ** 2 + (sy + t * dy - y[:, None]) ** 2
    return np.asarray(np.argmin(gap, axis=1))


def search(line: shapely.LineString, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    coords = np.asarray(line.coords)
    dx, dy = np.diff(coords[:, 0]), np.diff(coords[:, 1])
    return nearest_segment(
        np.ascontiguousarray(coords[:-1, 0]), np.ascontiguousarray(coords[:-1, 1]),
        dx, dy, np.maximum(dx**2 + dy**2, 1e-18), x, y,
    )  # fmt: skip


def zigzag(rng: np.random.Generator, vertices: int) -> shapely.LineString:
    xs = np.cumsum(rng.uniform(100, 20_000, vertices))
    return shapely.LineString(np.column_stack([xs, rng.uniform(-30_000, 30_000, vertices)]))


@pytest.mark.parametrize("vertices", [2, 30, 3_000])
def test_distance_and_side_match_shapely_on_random_lines(vertices: int) -> None:
    """Against Shapely's own distance, and the side of the chord around the nearest
    position (line_locate_point); points spread far around the line and crowded on it."""
    rng = np.random.default_rng(vertices)
    for _ in range(3):
        line = zigzag(rng, vertices)
        x0, x1 = line.bounds[0], line.bounds[2]
        spread = (rng.uniform(x0 - 50_000, x1 + 50_000, 3_000), rng.uniform(-1e5, 1e5, 3_000))
        on = shapely.line_interpolate_point(line, rng.uniform(0, line.length, 3_000))
        crowd = (
            shapely.get_x(on) + rng.normal(0, 300, 3_000),
            shapely.get_y(on) + rng.normal(0, 300, 3_000),
        )
        x, y = np.concatenate([spread[0], crowd[0]]), np.concatenate([spread[1], crowd[1]])
        assert (search(line, x, y) == every_segment(line, x, y)).all()
        distance, left = distance_and_side(line, x, y)
        points = shapely.points(x, y)
        assert distance == pytest.approx(shapely.distance(line, points), abs=1e-6)
        along = shapely.line_locate_point(line, points)
        a = shapely.line_interpolate_point(line, np.clip(along - 0.01, 0, line.length))
        b = shapely.line_interpolate_point(line, np.clip(along + 0.01, 0, line.length))
        ax, ay, bx, by = shapely.get_x(a), shapely.get_y(a), shapely.get_x(b), shapely.get_y(b)
        reference = (bx - ax) * (y - ay) - (by - ay) * (x - ax) > 0
        clear = distance > 1.0
        assert (left[clear] == reference[clear]).all()


def test_ties_go_to_the_lowest_segment() -> None:
    """A line that runs out and back over itself: every point is equally near two
    segments; vertices themselves are shared by two."""
    line = shapely.LineString([(0, 0), (1_000, 0), (2_000, 0), (1_000, 0), (0, 0)])
    rng = np.random.default_rng(0)
    x = np.concatenate([rng.uniform(-500, 2_500, 2_000), [0.0, 1_000.0, 2_000.0]])
    y = np.concatenate([rng.uniform(-500, 500, 2_000), [0.0, 0.0, 0.0]])
    found = search(line, x, y)
    assert (found == every_segment(line, x, y)).all()
    assert set(found) <= {0, 1}


def test_points_that_are_not_finite_get_no_segment() -> None:
    line = shapely.LineString([(0, 0), (1_000, 0), (1_000, 1_000)])
    x = np.array([np.nan, 10.0, np.inf, 1_200.0])
    y = np.array([0.0, 5.0, 0.0, np.nan])
    assert list(search(line, x, y)) == [-1, 0, -1, -1]
    distance, left = distance_and_side(line, x, y)
    assert np.isnan(distance[[0, 2, 3]]).all() and distance[1] == pytest.approx(5.0)
    assert not left[[0, 2, 3]].any()
    empty = np.zeros(0)
    assert len(search(line, empty, empty)) == 0


def test_all_points_in_one_place_and_a_line_with_repeated_vertices() -> None:
    line = shapely.LineString([(0, 0), (0, 0), (500, 500), (500, 500), (1_000, 0)])
    x, y = np.full(1_000, 400.0), np.full(1_000, 100.0)
    assert (search(line, x, y) == every_segment(line, x, y)).all()


@settings(max_examples=60, deadline=None)
@given(
    vertices=st.lists(
        st.tuples(st.floats(-1e4, 1e4), st.floats(-1e4, 1e4)), min_size=2, max_size=40
    ),
    points=st.lists(st.tuples(st.floats(-2e4, 2e4), st.floats(-2e4, 2e4)), min_size=1, max_size=60),
)
def test_any_line_and_points_match_every_segment(
    vertices: list[tuple[float, float]], points: list[tuple[float, float]]
) -> None:
    line = shapely.LineString(vertices)
    x, y = np.array([p[0] for p in points]), np.array([p[1] for p in points])
    found = search(line, x, y)
    best = every_segment(line, x, y)
    # Both searches pick a segment at the smallest distance; exact ties (same squared
    # distance) go to the lower index in both.
    assert (found == best).all()
