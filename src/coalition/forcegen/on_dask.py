"""Monte Carlo draws on Dask: the distinct availability patterns, in the same chunks as a
single process solves them, one task a chunk, on a local cluster or any scheduler
(``--scheduler tcp://...``, as ``monitor batch`` does).

Why chunks and not draws: the cost of a Monte Carlo is the patterns it must solve, and a
chunk builds one model for many of them. A pattern's plan depends on the pattern alone
(``optimiser.Resolver`` starts each LP cold), so a cluster gives the same estimates as
one process for the same seed (the test holds it to that).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from coalition.forcegen.montecarlo import Chunk, Progress, Runner, Solved, solve_chunk


def runner(client: Any) -> Runner:
    """A runner that sends each chunk to ``client`` (a ``distributed.Client``) and
    reports patterns done as chunks come back."""

    def run(chunks: list[Chunk], progress: Progress | None) -> list[Solved]:
        from distributed import as_completed

        # one HiGHS thread per worker: the workers, not HiGHS, share out the cores
        futures = client.map(solve_chunk, [replace(c, threads=1) for c in chunks], pure=False)
        place = {future.key: i for i, future in enumerate(futures)}
        total = sum(len(c.patterns) for c in chunks)
        out: list[Solved | None] = [None] * len(chunks)
        done = 0
        for future in as_completed(futures):
            i = place[future.key]
            out[i] = future.result()
            done += len(chunks[i].patterns)
            if progress:
                progress(done, total)
        return [s for s in out if s is not None]

    return run


@contextmanager
def cluster(scheduler: str | None = None, workers: int = 2) -> Iterator[Runner]:
    """A runner on the scheduler at ``scheduler``, or on a local cluster of ``workers``
    single-threaded processes, for the duration of the ``with`` block."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield runner(client)
        return
    # A worker's heartbeat that races the cluster's shutdown is logged with a traceback;
    # a task that fails still reaches the client as its exception.
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=":0",
                     silence_logs=logging.CRITICAL) as local,
        Client(local) as client,
    ):  # fmt: skip
        yield runner(client)
