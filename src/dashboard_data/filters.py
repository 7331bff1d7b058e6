"""Pure filters: DataFrame + plain values -> DataFrame. Each filter can say itself as part of a sentence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class YearFilter:
    """Rows whose `column` lies in [low, high]. Rows without a year are kept only if `keep_undated`."""

    low: int
    high: int
    column: str = "year"
    keep_undated: bool = False

    def apply(self, frame: pd.DataFrame) -> pd.DataFrame:
        years = frame[self.column]
        inside = years.between(self.low, self.high).fillna(False).astype(bool)
        if self.keep_undated:
            inside |= years.isna()
        return frame[inside]

    def describe(self) -> str:
        span = str(self.low) if self.low == self.high else f"{self.low}–{self.high}"
        return f"{span} (and undated figures)" if self.keep_undated else span


@dataclass(frozen=True)
class ChoiceFilter:
    """Rows whose `column` is one of `chosen`; `universe` is every possible value (to say 'all ...')."""

    column: str
    chosen: tuple[str, ...]
    universe: tuple[str, ...]
    noun: str

    def apply(self, frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame[self.column].isin(self.chosen)]

    def describe(self) -> str:
        if set(self.chosen) >= set(self.universe):
            return f"all {self.noun}"
        if not self.chosen:
            return f"no {self.noun}"
        return f"{join_words(self.chosen)} {self.noun}" if len(self.chosen) <= 3 else \
            f"{len(self.chosen)} of {len(self.universe)} {self.noun}"


Filter = YearFilter | ChoiceFilter


def apply_all(frame: pd.DataFrame, filters: Sequence[Filter]) -> pd.DataFrame:
    for item in filters:
        frame = item.apply(frame)
    return frame


def join_words(words: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def count_phrase(frame: pd.DataFrame, noun: str = "figure") -> str:
    sources = frame["source_url"].nunique() if "source_url" in frame.columns else 0
    return f"{len(frame)} {noun}{'' if len(frame) == 1 else 's'} from {sources} source{'' if sources == 1 else 's'}"


def describe(filters: Sequence[Filter], frame: pd.DataFrame, noun: str = "figure") -> str:
    """The filter as one sentence for a caption, e.g. 'Turnover and Russian exports, 2008–2019, Russian
    official figures; 9 figures from 6 sources' — the parts come in the order the filters are given."""
    parts = [f.describe() for f in filters]
    head = ", ".join(p[0].upper() + p[1:] if i == 0 else p for i, p in enumerate(parts))
    return f"{head}; {count_phrase(frame, noun)}"
