"""Pure logic behind the Trade page: its filters, the headline per reporter, the split of levels from changes,
the line segments a chart may draw, the regional comparison, the product mix and the article's product lists.

HS-chapter values (rows with `hs_chapter`, a two-digit code, and `hs_chapter_name`) come with a data refresh; the
page works without them, and `hs_rows` places each chapter in its HS section for a treemap.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard_data.filters import ChoiceFilter, Filter, YearFilter, join_words
from dashboard_data.trade import PAIRS, QUALIFIERS, REPORTERS, TRADE_FLOWS

PARTNER_NAMES = {"RUS-ISR": "Israel", "RUS-TUR": "Turkey", "RUS-IRN": "Iran", "RUS-EGY": "Egypt",
                 "RUS-SAU": "Saudi Arabia", "RUS-ARE": "the UAE"}
PAIR_BY_PARTNER = {name: pair for pair, name in PARTNER_NAMES.items()}
TOTAL_PRODUCTS = ("all goods", "goods and services")
# Display orders: turnover first (the one flow every partner has); a figure as stated first, flags after.
FLOW_ORDER = ("turnover", "Russian exports", "Russian imports")
QUALIFIER_ORDER = ("as stated", "approximate", "part year", "lower bound", "upper bound", "unit as printed",
                   "change only")
# The HS nomenclature's 21 sections, by their first and last chapter (98 and 99 are left to national use); the
# chapter ranges were checked against the section list at https://tradedataplus.com/tools/hs-code (Nov 2026).
HS_SECTIONS = (
    (1, 5, "I Live animals; animal products"), (6, 14, "II Vegetable products"),
    (15, 15, "III Animal or vegetable fats and oils"),
    (16, 24, "IV Prepared foodstuffs; beverages, spirits and vinegar; tobacco"), (25, 27, "V Mineral products"),
    (28, 38, "VI Products of the chemical or allied industries"), (39, 40, "VII Plastics and rubber"),
    (41, 43, "VIII Raw hides and skins, leather, furskins"), (44, 46, "IX Wood, cork, straw and articles"),
    (47, 49, "X Pulp of wood, paper and paperboard"), (50, 63, "XI Textiles and textile articles"),
    (64, 67, "XII Footwear, headgear, umbrellas"), (68, 70, "XIII Articles of stone, ceramic and glass"),
    (71, 71, "XIV Pearls, precious stones and metals"), (72, 83, "XV Base metals and articles of base metal"),
    (84, 85, "XVI Machinery and electrical equipment"), (86, 89, "XVII Vehicles, aircraft, vessels"),
    (90, 92, "XVIII Optical, medical and precision instruments; clocks; musical instruments"),
    (93, 93, "XIX Arms and ammunition"), (94, 96, "XX Miscellaneous manufactured articles"),
    (97, 97, "XXI Works of art, collectors' pieces and antiques"),
)
OUTSIDE_SECTIONS = "Chapters outside the 21 sections"
LEADING_TABLE_COLUMNS = ("figure_id", "period_label", "pair", "flow", "product", "measure", "reporter", "value",
                         "unit_as_printed", "value_usd", "qualifier", "flags", "source_label", "source_date",
                         "source_url", "quote")
# Only figures that cover one whole calendar year, stated or approximate, may be joined by a line.
JOINABLE_QUALIFIERS = ("as stated", "approximate")
# "press" is a class of unrelated publications: a line joins the press only within one publication.
PER_PUBLICATION_REPORTERS = ("press", "the article")
# Each printed share names its base; a share only compares with shares of the same base.
SHARE_BASES = {
    "percent of RU exports to IL": "share of Russian exports to Israel",
    "percent of IL exports to RU": "share of Israeli exports to Russia",
    "percent of turnover": "share of Russia–Israel turnover",
    "percent of IL wheat imports": "share of Israel's wheat imports",
}
# Within one sentence: any character but a full stop, or a decimal point ("USD 1.9 billion").
IN_SENTENCE = r"(?:[^.]|\.(?=\d))*?"
ARTICLE_LISTS = (
    ("Russian exports",
     re.compile(rf"Russian exports to Israel were at {IN_SENTENCE} in (?P<year>\d{{4}})\. It exports a number of "
                r"products to Israel including (?P<products>[^.]+?) etc\.")),
    ("Russian imports",
     re.compile(rf"Russian imports from Israel stood at {IN_SENTENCE} in (?P<year>\d{{4}}) with products such as "
                r"(?P<products>[^.]+?) etc\.")),
)


# --- filters -------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PhrasedChoice(ChoiceFilter):
    """A ChoiceFilter that reads as words in the page's sentence ('Russian official figures', 'all reporters')."""

    phrase: str = "{}"
    everything: str = ""

    def describe(self) -> str:
        if set(self.chosen) >= set(self.universe):
            return self.everything
        if not self.chosen:
            return f"no {self.noun}"
        return self.phrase.format(join_words(self.chosen))


@dataclass(frozen=True)
class TradeSelection:
    """What the page's widgets hold, as plain values."""

    years: tuple[int, int]
    undated: bool
    partner: str
    flows: tuple[str, ...]
    reporters: tuple[str, ...]
    qualifiers: tuple[str, ...]

    @property
    def pair(self) -> str:
        return PAIR_BY_PARTNER[self.partner]


def selection_filters(selection: TradeSelection, *, with_years: bool = True, with_pair: bool = True) -> list[Filter]:
    """The filters in the order the caption says them: flow, years, pair, reporter, qualifier."""
    filters: list[Filter] = [PhrasedChoice("flow", selection.flows, TRADE_FLOWS, "flows", everything="all flows")]
    if with_years:
        filters.append(YearFilter(*selection.years, keep_undated=selection.undated))
    if with_pair:
        filters.append(PhrasedChoice("pair", (selection.pair,), (selection.pair,), "pairs",
                                     everything=f"Russia–{selection.partner} trade"))
    filters += [
        PhrasedChoice("reporter", selection.reporters, REPORTERS, "reporters", phrase="{} figures",
                      everything="all reporters"),
        PhrasedChoice("qualifier", selection.qualifiers, QUALIFIERS, "qualifiers", phrase="qualified {}",
                      everything="any qualifier"),
    ]
    return filters


def table_column_order(frame: pd.DataFrame) -> list[str]:
    """Every column, with what a reader checks first (what, who, how much, how sure, where from) in front."""
    first = [c for c in LEADING_TABLE_COLUMNS if c in frame.columns]
    return first + [c for c in frame.columns if c not in first]


def year_bounds(frame: pd.DataFrame) -> tuple[int, int]:
    years = frame["year"].dropna()
    return int(years.min()), int(years.max())


# --- levels, changes and lines -------------------------------------------------------------------------------------

def totals(frame: pd.DataFrame) -> pd.DataFrame:
    """Figures for all goods (or goods and services), not for one product."""
    return frame[frame["product"].isin(TOTAL_PRODUCTS)]


def usd_levels(frame: pd.DataFrame) -> pd.DataFrame:
    """Dated USD levels of total trade: the only rows that belong on a USD-over-time axis."""
    levels = totals(frame)
    return levels[levels["measure"].eq("level") & levels["value_usd"].notna() & levels["year"].notna()]


def changes(frame: pd.DataFrame) -> pd.DataFrame:
    """Change-only figures of total trade (a percentage or an amount of change, never a level)."""
    rows = totals(frame)
    return rows[rows["measure"].eq("change")]


def line_segments(levels: pd.DataFrame) -> pd.DataFrame:
    """Pairs of points a line may join: one reporter (one publication for the press) from one side, one flow, one
    pair, one product, consecutive calendar years, both whole-year figures as stated or approximate. A year in which
    that series holds two different values is ambiguous, so no line touches it. Two rows per segment, numbered."""
    joinable = levels[levels["period_type"].eq("calendar year") & levels["qualifier"].isin(JOINABLE_QUALIFIERS)
                      & ~levels["flags"].str.contains("ambiguous flow", regex=False)].copy()
    joinable["series"] = _series_keys(joinable)
    points = joinable.drop_duplicates(["series", "year", "value_usd"])
    points = points[~points.duplicated(["series", "year"], keep=False)].sort_values(["series", "year"])
    # A segment ends at each point that follows the previous year's point of the same series.
    follows = points["series"].eq(points["series"].shift()) & points["year"].diff().eq(1)
    ends = np.flatnonzero(follows.fillna(False).to_numpy(dtype=bool))
    columns = [*levels.columns, "series", "segment"]
    if not len(ends):
        return pd.DataFrame(columns=columns)
    pairs = points.iloc[np.column_stack([ends - 1, ends]).ravel()]
    return pairs.assign(segment=np.repeat(np.arange(len(ends)), 2)).reset_index(drop=True)[columns]


def _series_keys(rows: pd.DataFrame) -> pd.Series:
    publication = rows["source_url"].where(rows["reporter"].isin(PER_PUBLICATION_REPORTERS), "")
    return (rows["reporter"] + "|" + rows["seen_from"] + "|" + rows["flow"] + "|" + rows["pair"] + "|"
            + rows["product"] + "|" + publication)


# --- headline per reporter -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Headline:
    """One thing one reporter says about one year; `rows` are the figures (one per source) that say it."""

    reporter: str
    label: str
    value_text: str
    qualifier_text: str
    rows: pd.DataFrame


def headline_candidates(frame: pd.DataFrame) -> pd.DataFrame:
    """Dated figures that can head the page: total levels in USD and total changes."""
    rows = totals(frame)
    usd_level = rows["measure"].eq("level") & rows["value_usd"].notna()
    return rows[(usd_level | rows["measure"].eq("change")) & rows["year"].notna()]


def headline_years(frame: pd.DataFrame) -> list[int]:
    return sorted(int(y) for y in headline_candidates(frame)["year"].unique())


def default_headline_year(frame: pd.DataFrame) -> int | None:
    """The latest year in which more than one reporter speaks (where disagreement can show), else the latest."""
    candidates = headline_candidates(frame)
    if candidates.empty:
        return None
    reporters_per_year = candidates.groupby("year")["reporter"].nunique()
    contested = reporters_per_year[reporters_per_year > 1]
    return int((contested if not contested.empty else reporters_per_year).index.max())


def headlines(frame: pd.DataFrame, year: int) -> list[Headline]:
    """Per reporter (in REPORTERS order), flow (FLOW_ORDER), levels before changes: each distinct figure
    once, with every source that gives it."""
    rows = headline_candidates(frame)
    rows = rows[rows["year"].eq(year)].assign(
        _reporter=lambda r: r["reporter"].map(REPORTERS.index),
        _flow=lambda r: r["flow"].map(FLOW_ORDER.index),
        _measure=lambda r: r["measure"].ne("level"))
    same_statement = ["reporter", "seen_from", "flow", "measure", "unit", "value", "qualifier", "period_type",
                      "months"]
    ordered = rows.sort_values(["_reporter", "_flow", "_measure", "value"])
    found = []
    for _, group in ordered.groupby(same_statement, sort=False, dropna=False):
        first = group.iloc[0]
        found.append(Headline(first["reporter"], headline_label(first), figure_text(first), qualifier_text(first),
                              group.drop(columns=["_reporter", "_flow", "_measure"])))
    return found


def headline_label(row: pd.Series) -> str:
    """'Turnover, level'; a figure stated or reported from the partner's side says so."""
    label = f"{row['flow'][0].upper()}{row['flow'][1:]}, {'change' if row['measure'] == 'change' else 'level'}"
    return f"{label} · from the partner's side" if row["seen_from"] == "partner" else label


def silent_reporters(frame: pd.DataFrame, found: Sequence[Headline]) -> list[str]:
    """Reporters in `frame` that give no headline figure for the year."""
    speaking = {h.reporter for h in found}
    return [r for r in REPORTERS if r in set(frame["reporter"]) and r not in speaking]


def figure_text(row: pd.Series) -> str:
    """A figure for display, from its value and unit (a change carries its sign)."""
    if row["measure"] == "change":
        sign = "+" if row["value"] > 0 else ""
        if row["unit"] == "percent":
            return f"{sign}{row['value']:g}%"
        return f"{sign}{usd_text(row['value_usd'])}" if pd.notna(row["value_usd"]) else \
            f"{sign}{row['value']:g} {row['unit_as_printed']}"
    if pd.notna(row["value_usd"]):
        return usd_text(row["value_usd"])
    if row["unit"] == "percent":
        return f"{row['value']:g}%"
    return f"{row['value']:g} {row['unit_as_printed']}"


def usd_text(value_usd: float) -> str:
    if abs(value_usd) >= 1e9:
        return f"USD {value_usd / 1e9:g} bn"
    return f"USD {value_usd / 1e6:g} m"


def qualifier_text(row: pd.Series) -> str:
    """The qualifier in words; a figure that is not for a calendar year says its period."""
    if row["period_type"] == "calendar year":
        return row["qualifier"]
    if pd.notna(row["months"]) and row["qualifier"] == "part year":
        return f"part year ({row['months']})"
    return f"{row['qualifier']}; period: {row['period_label']}"


# --- regional comparison -------------------------------------------------------------------------------------------

def regional_levels(frame: pd.DataFrame) -> pd.DataFrame:
    """USD levels of total trade for every pair, dated or not: the article's undated Turkey claim stands beside
    the dated figures."""
    levels = totals(frame)
    levels = levels[levels["measure"].eq("level") & levels["value_usd"].notna()]
    return levels.assign(partner=levels["pair"].map(PARTNER_NAMES))


def regional_table(regional: pd.DataFrame) -> pd.DataFrame:
    """One line per figure, by partner (Israel first, then as PAIRS lists them), flow and year."""
    order = {pair: index for index, pair in enumerate(PAIRS)}
    table = regional.assign(_order=regional["pair"].map(order), usd_billion=regional["value_usd"] / 1e9)
    table = table.sort_values(["_order", "flow", "year", "reporter"], na_position="last")
    return table[["partner", "flow", "period_label", "reporter", "qualifier", "usd_billion", "value",
                  "unit_as_printed", "source_label", "source_date", "source_url"]].reset_index(drop=True)


# --- product mix ---------------------------------------------------------------------------------------------------

def shares(frame: pd.DataFrame) -> pd.DataFrame:
    """Printed shares with a readable base and a panel name: one panel per period, flow, base and source."""
    rows = frame[frame["measure"].eq("share")]
    base = rows["unit_as_printed"].map(SHARE_BASES).fillna(rows["unit_as_printed"])
    panel = rows["period_label"] + " · " + base + " · " + rows["reporter"]
    return rows.assign(share_base=base, panel=panel)


def product_figures(frame: pd.DataFrame) -> pd.DataFrame:
    """Figures for one product, in every unit they were printed in; not shares (they have their own chart) nor
    HS-chapter values (they have the treemap)."""
    rows = frame[~frame["product"].isin(TOTAL_PRODUCTS) & frame["measure"].ne("share")]
    if "hs_chapter" in rows.columns:
        rows = rows[rows["hs_chapter"].isna()]
    return rows[["product", "flow", "period_label", "measure", "value", "unit_as_printed", "reporter", "qualifier",
                 "flags", "source_label", "source_date", "source_url", "figure_id"]].reset_index(drop=True)


def article_product_lists(seed_text: str, source_url: str) -> pd.DataFrame:
    """The article's product lists (names only: it gives no shares), read from its text with the sentence quoted."""
    rows = []
    for flow, pattern in ARTICLE_LISTS:
        match = pattern.search(seed_text)
        if match:
            rows.append({"flow": flow, "year": int(match["year"]), "products": match["products"],
                         "quote": match[0], "source_url": source_url})
    return pd.DataFrame(rows, columns=["flow", "year", "products", "quote", "source_url"])


def has_hs_values(frame: pd.DataFrame) -> bool:
    return "hs_chapter" in frame.columns and frame["hs_chapter"].notna().any()


def hs_rows(frame: pd.DataFrame, year: int, flow: str) -> pd.DataFrame:
    """USD levels by HS chapter for one year and flow, each with its section and a readable chapter label (empty
    when the data has no HS-chapter values)."""
    if not has_hs_values(frame):
        return frame.iloc[0:0].assign(hs_section=pd.Series(dtype="string"), hs_label=pd.Series(dtype="string"))
    rows = frame[frame["hs_chapter"].notna() & frame["measure"].eq("level") & frame["value_usd"].notna()
                 & frame["year"].eq(year) & frame["flow"].eq(flow)]
    label = ("HS " + rows["hs_chapter"] + " " + rows["hs_chapter_name"]).fillna("HS chapter " + rows["hs_chapter"])
    return rows.assign(hs_section=rows["hs_chapter"].map(hs_section), hs_label=label)


def hs_section(chapter: str) -> str:
    number = int(chapter)
    return next((name for first, last, name in HS_SECTIONS if first <= number <= last), OUTSIDE_SECTIONS)


def year_span_text(years: Sequence[int]) -> str:
    """Runs of consecutive years: [2001, 2002, 2003, 2008] -> '2001–2003 and 2008'."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return join_words([str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs])


def hs_years(frame: pd.DataFrame) -> list[int]:
    if not has_hs_values(frame):
        return []
    return sorted(int(y) for y in frame.loc[frame["hs_chapter"].notna(), "year"].dropna().unique())


# --- context on the time axis --------------------------------------------------------------------------------------

def context_by_year(visits: pd.DataFrame, events: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    """Leader visits and dated events per year inside `years`: a count and one line per item (date, what, where
    from), the lines joined by newlines (text, not lists, so the frame hashes cheaply as a cache key). Only rows
    with a source are kept."""
    items = pd.concat([
        pd.DataFrame({"kind": "Leader visits", "year": visits["year"], "date": visits["date_start"],
                      "text": visits["visitor"] + " (" + visits["direction"] + (", " + visits["city"]).fillna("")
                      + ")", "source_url": visits["source_url"]}),
        pd.DataFrame({"kind": "Events", "year": events["year"], "date": events["date"], "text": events["title"],
                      "source_url": events["source_url"]}),
    ], ignore_index=True)
    items = items[items["source_url"].notna() & items["year"].between(*years).fillna(False).astype(bool)]
    items = items.assign(line=items["date"] + " " + items["text"] + " — " + items["source_url"].map(domain))
    grouped = items.sort_values("date").groupby(["kind", "year"], sort=False)
    return grouped.agg(count=("line", "size"), lines=("line", "\n".join)).reset_index()


def domain(url: str) -> str:
    match = re.match(r"https?://(?:www\.)?([^/]+)", url)
    return match[1] if match else url
