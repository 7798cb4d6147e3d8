"""Text columns of a million rows, built and looked up in Arrow: a Python object per row
(``np.where`` on strings, ``Series.map`` with a dict) costs more than the geometry that
decides the values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from coalition.monitoring.theatre import Floats


def labels(index: np.ndarray, names: Sequence[str]) -> pd.Series:
    """``names[i]`` for each ``i`` in ``index`` (-1 picks the last name), as a text
    column."""
    codes = np.where(index < 0, len(names) - 1, index).astype(np.int32)
    decoded = pa.DictionaryArray.from_arrays(
        pa.array(codes), pa.array(list(names))
    ).dictionary_decode()
    return pd.Series(pd.array(decoded, dtype="str"))


def lookup(values: pd.Series, table: Mapping[str, float], missing: float = 0.0) -> Floats:
    """``table[value]`` for each value, ``missing`` where the value is absent or not in
    the table."""
    keys = list(table)
    if not keys or not len(values):
        return np.full(len(values), missing)
    at = pc.index_in(pa.array(values.astype("str"), from_pandas=True), value_set=pa.array(keys))
    position = np.asarray(pc.fill_null(at, len(keys)), dtype=np.int64)
    return np.append(np.array([table[k] for k in keys], dtype=float), missing)[position]


def codes(values: pd.Series) -> np.ndarray:
    """An integer code per distinct value (missing values share one code), for compiled
    loops and sorting."""
    return np.asarray(pd.factorize(values.fillna(""))[0], dtype=np.int64)


def take(values: pd.Series, index: np.ndarray) -> pd.Series:
    """``values`` at the positions ``index``, as a column with a fresh index (without
    passing through Python objects)."""
    return pd.Series(values.array.take(index), name=values.name)
