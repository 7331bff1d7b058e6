"""What a snapshot row is: one reporter's annual goods trade with one partner, seen from Russia's side.

Shared by the UN Comtrade normalizer and the trade template, so both produce the trade dataset's columns the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard_data.rawcsv import FILE, LINE
from dashboard_data.trade import ALL_GOODS, COLUMNS, PAIRS, PLAIN_USD


@dataclass(frozen=True)
class Country:
    iso3: str
    m49: int
    name: str  # as it reads after "reported by"


COUNTRIES = {country.iso3: country for country in (
    Country("RUS", 643, "Russia"),
    Country("ISR", 376, "Israel"),
    Country("TUR", 792, "Turkey"),
    Country("IRN", 364, "Iran"),
    Country("EGY", 818, "Egypt"),
    Country("SAU", 682, "Saudi Arabia"),
    Country("ARE", 784, "the UAE"),
)}
BY_M49 = {country.m49: country for country in COUNTRIES.values()}
RUSSIA = COUNTRIES["RUS"]
PARTNERS = tuple(PAIRS.values())


@dataclass(frozen=True)
class Side:
    """Which country reports a figure, and Russia's partner in the pair (the other country)."""

    reporter: Country
    partner: Country

    @property
    def pair(self) -> str:
        return f"RUS-{self.partner.iso3}"

    @property
    def russia_reports(self) -> bool:
        return self.reporter == RUSSIA

    @property
    def seen_from(self) -> str:
        return "Russia" if self.russia_reports else "partner"


def country(iso3: str) -> Country:
    if iso3 not in COUNTRIES:
        raise ValueError(f"unknown country; known: {', '.join(COUNTRIES)}")
    return COUNTRIES[iso3]


def country_by_m49(text: str) -> Country:
    code = int(text) if text.isdigit() else None
    if code not in BY_M49:
        raise ValueError(f"unknown country code; known: {', '.join(f'{c.m49} ({c.iso3})' for c in BY_M49.values())}")
    return BY_M49[code]


def side_of(reporter: Country, counterpart: Country) -> Side:
    """The pair is Russia and one of its partners in the dataset; anything else is outside the dataset."""
    partner = counterpart if reporter == RUSSIA else reporter
    if RUSSIA not in (reporter, counterpart) or partner.iso3 not in PARTNERS:
        raise ValueError(f"not a pair of Russia with one of {', '.join(PARTNERS)}")
    return Side(reporter, partner)


def russian_flow(side: Side, reporter_exports: bool) -> str:
    """The dataset's flows are Russia's: a partner's exports to Russia are Russian imports."""
    russia_sells = reporter_exports == side.russia_reports
    return "Russian exports" if russia_sells else "Russian imports"


def product_of(hs_chapter: str | None) -> str:
    return ALL_GOODS if hs_chapter is None else f"HS chapter {hs_chapter}"


def figure_row(side: Side, year: int, reporter_exports: bool, hs_chapter: str | None, value: float, *,
               reporter: str, flow_as_printed: str, hs_chapter_name: str | None, note: str | None,
               source_url: str, source_date: str, source_label: str, raw_file: str, raw_line: int) -> dict:
    """One row of the trade dataset (figure_id is set once the snapshot's rows are all known)."""
    return {
        "figure_id": None, "period_label": str(year), "year": year, "period_type": "calendar year", "months": None,
        "pair": side.pair, "partner_iso3": side.partner.iso3, "flow": russian_flow(side, reporter_exports),
        "seen_from": side.seen_from, "flow_as_printed": flow_as_printed, "product": product_of(hs_chapter),
        "hs_chapter": hs_chapter, "hs_chapter_name": hs_chapter_name, "measure": "level", "reporter": reporter,
        "value": value, "unit_as_printed": PLAIN_USD, "unit": "USD", "value_usd": value, "qualifier": "as stated",
        "flags": "as stated", "note": note, "source_url": source_url, "source_date": source_date,
        "source_label": source_label, "quote": None, FILE: raw_file, LINE: raw_line,
    }


def snapshot_rows(rows: list[dict], snapshot_id: str) -> pd.DataFrame:
    """The rows as a typed frame, numbered in order: figure_id is "<snapshot id>-00001" ..."""
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame["figure_id"] = [f"{snapshot_id}-{n:05d}" for n in range(1, len(frame) + 1)]
    return frame.astype(COLUMNS)
