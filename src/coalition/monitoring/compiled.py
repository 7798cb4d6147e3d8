"""Numba, configured once for the compiled loops of ``nearest`` and ``pairs``: compiled
once per installation (cached beside the modules), with the GIL released, and one caller
at a time for the loops that run on several threads (Numba's default thread pool does not
take two callers at once: the API server and Dask workers may call from several threads)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar, cast

import numba

F = TypeVar("F", bound=Callable[..., Any])
LOCK = threading.Lock()


def jit(parallel: bool = False) -> Callable[[F], F]:
    return cast(Callable[[F], F], numba.njit(cache=True, nogil=True, parallel=parallel))


prange = numba.prange
