"""The vectorised side of :mod:`geo.calendar`: a column of dates in, a DataFrame out.

Kept apart so that importing :mod:`geo.calendar` never imports pandas.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from geo.calendar.record import FIELDS

_INT_FIELDS = ("era_year", "ce_year", "month", "day", "jdn_start", "jdn_end")

Converter = Callable[[Any, Any], tuple[Any, "str | None"]]


def _codes(texts: pd.Series, regimes: Any) -> tuple[np.ndarray, list[tuple[Any, Any]]]:
    """Factorise the (text, regime) pairs: integer codes per row and the distinct pairs."""
    t_codes, t_uniques = pd.factorize(texts, use_na_sentinel=False)
    if regimes is None or isinstance(regimes, str):
        return t_codes, [(t, regimes) for t in t_uniques]
    r_series = pd.Series(list(regimes) if not isinstance(regimes, pd.Series) else regimes.to_numpy())
    if len(r_series) != len(texts):
        raise ValueError(f"regimes has {len(r_series)} rows but texts has {len(texts)} — pass one per text")
    r_codes, r_uniques = pd.factorize(r_series, use_na_sentinel=False)
    pair_codes, pair_uniques = pd.factorize(t_codes.astype(np.int64) * (len(r_uniques) + 1) + r_codes)
    n_r = len(r_uniques) + 1
    pairs = [(t_uniques[p // n_r], r_uniques[p % n_r]) for p in pair_uniques]
    return pair_codes, pairs


def _text_or_none(value: Any) -> str | None:
    """``None`` for missing values (None, NaN, pd.NA), otherwise the value as a string."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)


def convert_frame(
    texts: Sequence[str] | pd.Series, regimes: Any, convert: Converter
) -> pd.DataFrame:
    """Convert each distinct (text, regime) pair once with ``convert`` and broadcast to all rows."""
    index = texts.index if isinstance(texts, pd.Series) else None
    series = texts if isinstance(texts, pd.Series) else pd.Series(list(texts), dtype=object)
    codes, pairs = _codes(series.reset_index(drop=True), regimes)
    columns: dict[str, list[Any]] = {name: [] for name in (*FIELDS, "error")}
    for text, regime in pairs:
        text = _text_or_none(text)
        date, error = convert("" if text is None else text, _text_or_none(regime))
        row = date.to_dict() if date is not None else dict.fromkeys(FIELDS)
        row["input"] = text
        for name in FIELDS:
            columns[name].append(row[name])
        columns["error"].append(error)
    data = {}
    for name, values in columns.items():
        if name in _INT_FIELDS:
            data[name] = pd.array(values, dtype="Int64").take(codes)
        elif name == "leap":
            data[name] = pd.array(values, dtype="boolean").take(codes)
        else:  # object, not pandas' str dtype, so that missing values stay None
            data[name] = pd.Series(np.array(values, dtype=object)[codes], dtype=object)
    frame = pd.DataFrame(data)
    if index is not None:
        frame.index = index
    return frame
