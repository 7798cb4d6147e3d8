"""A silent HiGHS solver, shared by the capabilities that optimise (force sourcing,
deconfliction). HiGHS prints its banner on file descriptor 1 when it is first created,
before any option can stop it, which would corrupt JSON or CSV on standard output; it
goes to /dev/null instead."""

from __future__ import annotations

import os
import sys

import highspy


def silent_highs(threads: int | None = None) -> highspy.Highs:
    """A HiGHS that prints nothing; ``threads`` caps its thread pool (HiGHS takes every
    core by default, which processes solving many small models side by side, as Monte
    Carlo workers do, only lose time to). HiGHS fixes the pool at the first solve of a
    process: a cap asked for later makes that solver fail, so only a fresh process (a
    worker) asks for one."""
    sys.stdout.flush()
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        h = highspy.Highs()  # type: ignore[no-untyped-call]
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)
    h.setOptionValue("output_flag", False)
    if threads is not None:
        h.setOptionValue("threads", int(threads))
    return h
