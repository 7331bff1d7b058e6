"""Trade figures: Russia's trade with Israel, and with Turkey, Iran, Egypt, Saudi Arabia and the UAE for scale.

The curated figures are sparse points from different reporters, not one series. Every raw row becomes one output row
whose period, flow, product, measure, reporter, unit and flags are spelled out, so a chart can never silently mix them.
Free text is mapped by the explicit tables below; text that no rule recognizes is a DataError, never a guess.

Snapshots (UN Comtrade series and imported files, see data/snapshots/README.md) are appended after the curated figures;
they never replace one. Their rows were normalized when the snapshot was written and are only re-validated here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from dashboard_data.errors import DataError, Problem, ProblemCollector, fail
from dashboard_data.paths import ProjectPaths
from dashboard_data.rawcsv import FILE, LINE, read_raw_csv
from dashboard_data.refresh.store import SNAPSHOT_ID_PATTERN, read_snapshot_rows, snapshot_folders
from dashboard_data.units import scale_to_units
from dashboard_data.validation import duplicate_key_problems, validate_frame

NAME = "trade"
KEY = ["figure_id"]
SEED = "seeds/000_dadec4a85cfbf35b.txt"

TRADE_FLOWS = ("Russian exports", "Russian imports", "turnover")
UN_COMTRADE = "UN Comtrade"
REPORTERS = ("Russian official", "Israeli official", "partner official", "press", "the article", UN_COMTRADE)
# Ordered by priority: the first flag that applies to a row is its qualifier.
QUALIFIERS = ("unit as printed", "lower bound", "upper bound", "part year", "approximate", "change only", "as stated")
EXTRA_FLAGS = ("inferred year", "year unstated", "includes services", "ambiguous flow", "conflicts with another figure")
FLAG_ORDER = QUALIFIERS[:-1] + EXTRA_FLAGS
PERIOD_TYPES = ("calendar year", "part year", "inferred year", "approximate year", "annual rate", "multi-year",
                "unstated")
SEEN_FROM = ("Russia", "partner", "both")
MEASURES = ("level", "change", "share", "ratio", "volume")
UNITS = ("USD", "percent", "ILS", "EUR", "tonnes", "thousand barrels per day", "ratio")
# Snapshot values are plain US dollars as published, with no scale word.
PLAIN_USD = "USD"
PAIRS = {"RUS-ISR": "ISR", "RUS-TUR": "TUR", "RUS-IRN": "IRN", "RUS-EGY": "EGY", "RUS-SAU": "SAU", "RUS-ARE": "ARE"}


def compile_rules(rules: tuple[tuple[str, str], ...], flags: int = 0) -> tuple[tuple[re.Pattern[str], str], ...]:
    """(regex, outcome) rule tables, compiled once; callers take the first rule that matches."""
    return tuple((re.compile(pattern, flags), outcome) for pattern, outcome in rules)


COLUMNS = {
    "figure_id": "string", "period_label": "string", "year": "Int64", "period_type": "string", "months": "string",
    "pair": "string", "partner_iso3": "string", "flow": "string", "seen_from": "string",
    "flow_as_printed": "string", "product": "string", "hs_chapter": "string", "hs_chapter_name": "string",
    "measure": "string", "reporter": "string",
    "value": "Float64", "unit_as_printed": "string", "unit": "string", "value_usd": "Float64",
    "qualifier": "string", "flags": "string", "note": "string",
    "source_url": "string", "source_date": "string", "source_label": "string", "quote": "string",
    FILE: "string", LINE: "Int64",
}


# --- periods -------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    year: int | None
    period_type: str
    months: str | None = None


MONTH_SPAN = r"Jan-[A-Z][a-z]{2}|January|April|July|Q[1-4]"
# Each raw period form, first match wins; `year` and `months` groups are read when present.
PERIOD_RULES = compile_rules((
    (r"^(?P<year>\d{4})$", "calendar year"),
    (rf"^(?P<year>\d{{4}}) \((?P<months>{MONTH_SPAN})(?:, inferred)?\)$", "part year"),
    (r"^(?P<year>\d{4}) (?P<months>H[12]) vs \d{4} H[12]$", "part year"),
    (r"^(?P<year>\d{4}) \(part of year\b", "part year"),
    (r"^(?P<year>\d{4}) \(inferred: ", "inferred year"),
    (r"^(?P<year>\d{4}) \(current\b", "annual rate"),
    (r"^c\.(?P<year>\d{4})\b", "approximate year"),
    (r"^(?P<year>\d{4}) vs \d{4}\b", "calendar year"),
    (r"^\d{4}-\d{4}$|^pre-\d{4}\b", "multi-year"),
    # "2012/2013 (current ...)": an annual rate whose year the source leaves open.
    (r"^\d{4}/\d{4} \(current\b", "annual rate"),
    (r"^(?:unstated|unspecified|unclear|year not stated|period unclear|as of )", "unstated"),
    # Two pages date the same statement differently; neither year is kept.
    (r"^\d{4} \(per one page\) / \d{4} \(per another\)$", "unstated"),
    # A statement date, not the period the change refers to.
    (r"^\d{4} \(stated [A-Z][a-z]{2} \d{4}; refers to ", "unstated"),
))
MONTHS_PATTERN = r"^(?:Jan–[A-Z][a-z]{2}|January|April|July|Q[1-4]|H[12])$"

# Round-1 `period_type` can refine a plain calendar year that the label alone cannot show.
ROUND1_PERIOD_REFINEMENTS: dict[str, str | None] = {
    "calendar_year": None,
    "partial_year": None,
    "change": None,
    "annual rate": None,
    "unstated": None,
    "calendar_year (inferred)": "inferred year",
    "calendar_year (approx)": "approximate year",
    "statement (annual rate)": "annual rate",
}


def parse_period(label: str) -> Period:
    """The year, period type and months of a period label as printed; unrecognized forms raise ValueError.

    >>> parse_period("2014 (Jan-Sep)")
    Period(year=2014, period_type='part year', months='Jan–Sep')
    """
    for pattern, period_type in PERIOD_RULES:
        match = pattern.match(label)
        if match:
            groups = match.groupdict()
            year = int(groups["year"]) if groups.get("year") else None
            months = groups["months"].replace("-", "–") if groups.get("months") else None
            return Period(year, period_type, months)
    raise ValueError("period form not recognized; add a rule to PERIOD_RULES if it is genuine")


def refine_period(raw_period_type: str, period: Period) -> Period:
    if raw_period_type not in ROUND1_PERIOD_REFINEMENTS:
        raise ValueError(f"unknown period_type; known: {', '.join(ROUND1_PERIOD_REFINEMENTS)}")
    refinement = ROUND1_PERIOD_REFINEMENTS[raw_period_type]
    if refinement and period.period_type == "calendar year":
        return Period(period.year, refinement, period.months)
    return period


# --- pairs and flows -----------------------------------------------------------------------------------------------

PAIR_PREFIX = re.compile(r"^(?P<pair>RUS-[A-Z]{3}):? ")
COUNTRY_CODES = {"RUS": "RUS", "RU": "RUS", "ISR": "ISR", "IL": "ISR", "TUR": "TUR", "TR": "TUR", "EG": "EGY"}
DIRECTION = re.compile(
    r"^(?P<actor>[A-Z]{2,3}) (?P<verb>exports|imports)\b(?:.*?\b(?:to|from) (?P<other>[A-Z]{2,3})\b)?")
# "wymiana handlowa" is Polish for "trade exchange", i.e. turnover as printed (the row also flags it ambiguous).
TURNOVER = re.compile(r"^(?:total )?turnover\b|^'wymiana handlowa z Rosją'")


def check_pair(pair: str) -> str:
    if pair not in PAIRS:
        raise ValueError(f"unknown country pair; known: {', '.join(PAIRS)}")
    return pair


def split_pair_prefix(flow_text: str) -> tuple[str, str]:
    """Rounds 2/3 have no pair column: a "RUS-XXX" prefix names the pair, no prefix means Russia–Israel (README)."""
    match = PAIR_PREFIX.match(flow_text)
    if not match:
        return "RUS-ISR", flow_text
    return check_pair(match["pair"]), flow_text[match.end():]


def map_flow(flow_text: str, pair: str) -> tuple[str, str]:
    """(flow from Russia's side, whose side the text is phrased from); the named countries must be the pair's."""
    if TURNOVER.match(flow_text):
        return "turnover", "both"
    match = DIRECTION.match(flow_text)
    if not match:
        raise ValueError("flow not recognized (expected turnover or '<country> exports/imports ...')")
    countries = {"RUS", PAIRS[pair]}
    actor, other = COUNTRY_CODES.get(match["actor"]), COUNTRY_CODES.get(match["other"] or "")
    if actor not in countries or (match["other"] and (other not in countries or other == actor)):
        raise ValueError(f"flow names countries outside the pair {pair}")
    russia_sells = (actor == "RUS") == (match["verb"] == "exports")
    return ("Russian exports" if russia_sells else "Russian imports"), ("Russia" if actor == "RUS" else "partner")


# --- products and measures -----------------------------------------------------------------------------------------

# First match wins, so narrower phrases come before the words they contain.
PRODUCT_RULES = compile_rules((
    (r"context: carrots, potatoes", "agricultural products (apparently)"),
    (r"goods AND services", "goods and services"),
    (r"EXCLUDING diamonds", "all goods excluding diamonds"),
    (r"rough diamonds \(Alrosa sales only\)", "rough diamonds (Alrosa sales only)"),
    (r"diamond", "diamonds"),
    (r"fruit and vegetables", "fruit and vegetables"),
    (r"vegetables, fruits and processed", "vegetables, fruit and processed"),
    (r"vegetables", "vegetables"),
    (r"fruit", "fruit"),
    (r"agricultur", "agricultural products"),
    (r"crude oil", "crude oil"),
    (r"oil and oil products", "oil and oil products"),
    (r"precious metals and stones", "precious metals and stones"),
    (r"pharmaceuticals", "pharmaceuticals"),
    (r"chemicals", "chemicals"),
    (r"jewellery", "jewellery"),
    (r"plastic products and furniture", "plastic products and furniture"),
    (r"industrial goods of Moscow companies only", "industrial goods (Moscow companies only)"),
    (r"vodka", "vodka"),
    (r"wheat", "wheat"),
    # A ratio of two totals: the text after the colon describes the measure, not a product.
    (r"^turnover: ratio of ", "all goods"),
))
ALL_GOODS = "all goods"
PRODUCTS = (ALL_GOODS, *dict.fromkeys(label for _, label in PRODUCT_RULES))
# Snapshot rows by HS chapter name their product "HS chapter 27"; the chapter's title is in hs_chapter_name.
HS_CHAPTER = r"\d{2}"
HS_PRODUCT = re.compile(rf"^HS chapter {HS_CHAPTER}$")
VOLUME_UNITS = ("tonnes", "thousand barrels per day")


def map_product(flow_text: str) -> str:
    """The product named in the flow text; a flow naming none is all goods, but an unmatched ': detail' is an error."""
    for pattern, label in PRODUCT_RULES:
        if pattern.search(flow_text):
            return label
    if ":" in re.sub(r"\([^)]*\)", "", flow_text):
        raise ValueError("product detail not recognized; add a rule to PRODUCT_RULES")
    return ALL_GOODS


def measure_of(flow_text: str, unit: str) -> str:
    if unit == "ratio":
        return "ratio"
    if unit in VOLUME_UNITS:
        return "volume"
    if re.search(r"\bshare\b", flow_text):
        return "share"
    if re.search(r"\b(?:change|growth)\b", flow_text):
        return "change"
    if unit == "percent":
        raise ValueError("a percentage must be a share or a change, and the flow says neither")
    return "level"


# --- units ---------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PrintedUnit:
    """A unit as printed in the raw: its normalized unit, the multiplier word for USD, and whether it is misprinted."""

    unit: str
    multiplier: str | None = None
    misprinted: bool = False


USD_BILLION, USD_MILLION, PERCENT = PrintedUnit("USD", "billion"), PrintedUnit("USD", "million"), PrintedUnit("percent")
PRINTED_UNITS = {
    "USD billion (current)": USD_BILLION,
    "USD billion": USD_BILLION,
    "USD million (current)": USD_MILLION,
    "USD million": USD_MILLION,
    # The page prints "million" where its context implies billion; the unit is kept as printed, never corrected.
    "as printed: 'milhões de dólares' (USD million) [sic]": PrintedUnit("USD", "million", misprinted=True),
    "percent": PERCENT,
    "percent of RU exports to IL": PERCENT,
    "percent of IL exports to RU": PERCENT,
    "percent of turnover": PERCENT,
    "percent of IL wheat imports": PERCENT,
    "ILS million": PrintedUnit("ILS"),
    "EUR million": PrintedUnit("EUR"),
    "tonnes": PrintedUnit("tonnes"),
    "thousand barrels per day": PrintedUnit("thousand barrels per day"),
    "ratio (x10, quantity not value)": PrintedUnit("ratio"),
    "ratio (2 bn target = 'three times' the 2009 level; 2009 level itself not stated)": PrintedUnit("ratio"),
}
NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def printed_unit(text: str) -> PrintedUnit:
    if text not in PRINTED_UNITS:
        raise ValueError("unknown unit; add it to PRINTED_UNITS")
    return PRINTED_UNITS[text]


def parse_value(text: str) -> float:
    if not NUMBER.match(text):
        raise ValueError("not a plain number")
    return float(text)


def to_usd(value: float, unit: PrintedUnit) -> float | None:
    """Plain US dollars for a USD amount in billions/millions; None for other units and for a misprinted unit."""
    if unit.unit != "USD" or unit.misprinted:
        return None
    return scale_to_units(value, unit.multiplier)


# --- reporters -----------------------------------------------------------------------------------------------------

# Companies, business councils, trade associations and the Israel Export Institute are not state bodies: their
# figures are classed with the press, and source_label keeps who they are.
NON_GOVERNMENT = (r"\bcompany\b|Business Council|Exporters' Association|Manufacturers Association"
                  r"|Farmers Association|Export Institute|Grain Union")
# First match wins. "Official" means a state body, office-holder or official statistics of that side.
REPORTER_RULES = compile_rules((
    (r"\(seed article\)$", "the article"),
    # No reporter named (or only a side guessed from context): the publication is the source.
    (r"^unspecified\b|^IL-side press\b|^[A-Z]{2} \(via ", "press"),
    # Minister Elkin co-reporting with a business council: the minister makes it official.
    (r"^Elkin\b", "Israeli official"),
    (NON_GOVERNMENT, "press"),
    (r"^(?:Israeli\b|IL \()", "Israeli official"),
    # A joint Russian–Egyptian ministerial statement, co-chaired by a Russian minister, is kept with the Russian side.
    (r"^RU\+EG \(", "Russian official"),
    (r"^(?:Russian\b|RU \()", "Russian official"),
    (r"^(?:Turkish\b|TR \(|EG \()", "partner official"),
    # The Tehran Times page (relaying TASS) attributes these figures to a Russian official in its headline.
    (r"^official data \(via Tehran Times / TASS\)$", "Russian official"),
    # The EEC publishes the customs statistics of the EAEU members, i.e. Russia's side of the trade.
    (r"^Eurasian Economic Commission\b", "Russian official"),
))


def classify_reporter(text: str) -> str:
    for pattern, reporter in REPORTER_RULES:
        if pattern.search(text):
            return reporter
    raise ValueError("reporter not recognized; add a rule to REPORTER_RULES")


# --- qualifiers and flags ------------------------------------------------------------------------------------------

# Matched (case-insensitively) in the raw qualifier/scope text, the period label and round-1 period_type.
TEXT_FLAG_RULES = compile_rules((
    (r"lower[ _]bound", "lower bound"),
    # "approaches" = just below the figure.
    (r"upper bound|'approaches'", "upper bound"),
    # "possibly PART YEAR" is a doubt, not a flag; "not complete" is a year stated before it ended.
    (r"(?<!possibly )part year|partial_year|\bJan-[A-Z][a-z]{2}\b|\bnot complete\b", "part year"),
    (r"approx|estimate", "approximate"),
    (r"inferred", "inferred year"),
    (r"year (?:not stated|not named|unstated)", "year unstated"),
    (r"services", "includes services"),
    (r"ambiguous flow", "ambiguous flow"),
    (r"conflict", "conflicts with another figure"),
), re.IGNORECASE)
ROUND1_QUALIFIERS = ("as_stated", "approx", "lower_bound", "partial_year", "change")
PERIOD_FLAGS = {"part year": "part year", "inferred year": "inferred year", "unstated": "year unstated"}


def check_round1_qualifier(text: str) -> None:
    """Round 1 has a controlled qualifier vocabulary (README); extra words may follow it."""
    if not text.startswith(ROUND1_QUALIFIERS):
        raise ValueError(f"qualifier must start with one of {', '.join(ROUND1_QUALIFIERS)}")


def flags_of(text: str, period: Period, measure: str, unit: PrintedUnit) -> tuple[str, ...]:
    """Every flag that applies, in FLAG_ORDER: from the raw text, the period, the measure and the unit."""
    found = {flag for pattern, flag in TEXT_FLAG_RULES if pattern.search(text)}
    if period.period_type in PERIOD_FLAGS:
        found.add(PERIOD_FLAGS[period.period_type])
    if measure == "change":
        found.add("change only")
    if unit.misprinted:
        found.add("unit as printed")
    return tuple(flag for flag in FLAG_ORDER if flag in found)


def qualifier_of(flags: tuple[str, ...]) -> str:
    return next((flag for flag in flags if flag in QUALIFIERS), "as stated")


# --- provenance ----------------------------------------------------------------------------------------------------

SEED_CITATION = re.compile(r"^SEED: .*\((?P<path>seeds/[^)]+)\)$")
# The article file quotes the seed in its notes as: exact words: "...".
ARTICLE_WORDS = re.compile(r'exact words: "(?P<words>[^"]+)"')


def normalize_source_url(text: str) -> str:
    """Round 1 cites the seed as 'SEED: <title> (seeds/...)'; provenance keeps the bare project path."""
    match = SEED_CITATION.match(text)
    if match:
        return match["path"]
    if not (text.startswith(("http://", "https://")) or text == SEED):
        raise ValueError("source_url must be a web address or the seed path")
    return text


def article_words(notes: str) -> str:
    match = ARTICLE_WORDS.search(notes)
    if not match:
        raise ValueError('the article\'s own words must be quoted as: exact words: "..."')
    return match["words"]


# --- rows ----------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RawLayout:
    """Which raw column holds what, per file family (round 1 and the article vs rounds 2/3)."""

    period: str
    flow: str
    reporter: str
    flags: str
    notes: tuple[str, ...]
    period_type: str | None = None
    pair: str | None = None
    quote: str | None = None
    quote_is_article_words: bool = False

    @property
    def required(self) -> list[str]:
        optional = (self.period_type, self.pair, self.quote)
        columns = (self.period, self.flow, self.reporter, "value", "unit", self.flags, *self.notes,
                   "source_url", "source_date", *optional)
        return list(dict.fromkeys(c for c in columns if c))


ROUND1_LAYOUT = RawLayout(period="period", flow="flow", reporter="reporter_or_speaker", flags="qualifier",
                          notes=("qualifier", "notes"), period_type="period_type", pair="pair")
ARTICLE_LAYOUT = RawLayout(period="period", flow="flow", reporter="reporter_or_speaker", flags="qualifier",
                           notes=("qualifier", "notes"), period_type="period_type", pair="pair",
                           quote="notes", quote_is_article_words=True)
SERIES_LAYOUT = RawLayout(period="year", flow="flow", reporter="reporter", flags="scope", notes=("scope",),
                          quote="quote")
# (path under data/raw, figure_id tag, layout), in output order.
RAW_FILES = (
    ("article/trade_figures_from_article.csv", "article", ARTICLE_LAYOUT),
    ("press-figures/trade_figures_from_press.csv", "press-r1", ROUND1_LAYOUT),
    ("press-figures/trade_series_round2.csv", "press-r2", SERIES_LAYOUT),
    ("press-figures/trade_series_round3.csv", "press-r3", SERIES_LAYOUT),
)


@contextmanager
def located(row: dict, column: str) -> Iterator[None]:
    """Turn a parser's ValueError into a DataError naming the row's file, line, column and value."""
    try:
        yield
    except DataError:
        raise
    except ValueError as error:
        raise fail(row[FILE], int(row[LINE]), column, row[column], str(error)) from None


def normalize_row(row: dict, layout: RawLayout, figure_id: str) -> dict:
    """One raw row -> one output row (see COLUMNS); raises DataError at the first cell that cannot be mapped."""
    period = row_period(row, layout)
    pair, flow_text = row_pair_and_flow_text(row, layout)
    with located(row, "unit"):
        unit = printed_unit(row["unit"])
    with located(row, layout.flow):
        flow, seen_from = map_flow(flow_text, pair)
        product = map_product(flow_text)
        measure = measure_of(flow_text, unit.unit)
    with located(row, "value"):
        value = parse_value(row["value"])
    with located(row, layout.reporter):
        reporter = classify_reporter(row[layout.reporter])
    flags = row_flags(row, layout, period, measure, unit)
    return {
        "figure_id": figure_id, "period_label": row[layout.period], "year": period.year,
        "period_type": period.period_type, "months": period.months, "pair": pair, "partner_iso3": PAIRS[pair],
        "flow": flow, "seen_from": seen_from, "flow_as_printed": row[layout.flow], "product": product,
        "hs_chapter": None, "hs_chapter_name": None, "measure": measure, "reporter": reporter, "value": value,
        "unit_as_printed": row["unit"], "unit": unit.unit,
        "value_usd": to_usd(value, unit), "qualifier": qualifier_of(flags), "flags": "; ".join(flags) or "as stated",
        "note": "; ".join(text for text in (row[c].strip() for c in layout.notes) if text) or None,
        **row_provenance(row, layout),
    }


def row_period(row: dict, layout: RawLayout) -> Period:
    with located(row, layout.period):
        period = parse_period(row[layout.period])
    if not layout.period_type:
        return period
    with located(row, layout.period_type):
        return refine_period(row[layout.period_type], period)


def row_pair_and_flow_text(row: dict, layout: RawLayout) -> tuple[str, str]:
    """The pair and the flow text without any pair prefix."""
    if not layout.pair:
        with located(row, layout.flow):
            return split_pair_prefix(row[layout.flow])
    with located(row, layout.pair):
        return check_pair(row[layout.pair]), row[layout.flow]


def row_flags(row: dict, layout: RawLayout, period: Period, measure: str, unit: PrintedUnit) -> tuple[str, ...]:
    if layout.period_type:
        with located(row, layout.flags):
            check_round1_qualifier(row[layout.flags])
    text = "; ".join(row[column] for column in (layout.flags, layout.period, layout.period_type) if column)
    return flags_of(text, period, measure, unit)


def row_provenance(row: dict, layout: RawLayout) -> dict:
    with located(row, "source_url"):
        source_url = normalize_source_url(row["source_url"])
    with located(row, layout.quote or "quote"):
        quote = quote_of(row, layout)
    return {"source_url": source_url, "source_date": row["source_date"].strip() or None,
            "source_label": row[layout.reporter], "quote": quote, FILE: row[FILE], LINE: row[LINE]}


def quote_of(row: dict, layout: RawLayout) -> str | None:
    if not layout.quote:
        return None
    if layout.quote_is_article_words:
        return article_words(row[layout.quote])
    return row[layout.quote].strip() or None


def normalize_trade(raw: pd.DataFrame, layout: RawLayout, file_tag: str) -> pd.DataFrame:
    """Normalize one raw file (as read by read_raw_csv); every problem of the file is reported at once.

    figure_id is the file tag plus the row's position among the file's records, so it is stable while the
    raw files only grow at the end.
    """
    problems = ProblemCollector()
    rows = []
    for position, row in enumerate(raw.to_dict("records"), start=1):
        try:
            rows.append(normalize_row(row, layout, f"{file_tag}-{position:03d}"))
        except DataError as error:
            problems.capture(error)
    problems.raise_if_any()
    return pd.DataFrame(rows, columns=list(COLUMNS)).astype(COLUMNS)


def check_article_quotes(frame: pd.DataFrame, seed_text: str) -> None:
    """Words quoted from the seed must occur in it verbatim: the article's figures are transcribed, not paraphrased."""
    problems = ProblemCollector()
    quoted = frame[(frame["source_url"] == SEED) & frame["quote"].notna()]
    for row in quoted.itertuples():
        if row.quote not in seed_text:
            problems.add(row.raw_file, int(row.raw_line), "quote", row.quote, f"words not found in {SEED}")
    problems.raise_if_any()


def _text(vocabulary: tuple[str, ...] | None = None, *, nullable: bool = False) -> pa.Column:
    checks = [pa.Check.isin(vocabulary)] if vocabulary else []
    return pa.Column("string", checks, nullable=nullable)


FLAG_VOCABULARY = frozenset(QUALIFIERS + EXTRA_FLAGS)


SCHEMA = pa.DataFrameSchema(
    {
        "figure_id": pa.Column("string", pa.Check.str_matches(
            rf"^(?:(?:article|press-r[1-3])-\d{{3}}|{SNAPSHOT_ID_PATTERN}-\d{{5}})$")),
        "period_label": _text(),
        # Russia's trade as a state starts in 1991; a year outside the range is a typo.
        "year": pa.Column("Int64", pa.Check.in_range(1991, 2026), nullable=True),
        "period_type": _text(PERIOD_TYPES),
        "months": pa.Column("string", pa.Check.str_matches(MONTHS_PATTERN), nullable=True),
        "pair": _text(tuple(PAIRS)),
        "partner_iso3": _text(tuple(PAIRS.values())),
        "flow": _text(TRADE_FLOWS),
        "seen_from": _text(SEEN_FROM),
        "flow_as_printed": _text(),
        "product": pa.Column("string", pa.Check(lambda product: product in PRODUCTS or bool(HS_PRODUCT.match(product)),
                                                element_wise=True, name="product_in_vocabulary")),
        "hs_chapter": pa.Column("string", pa.Check.str_matches(rf"^{HS_CHAPTER}$"), nullable=True),
        "hs_chapter_name": _text(nullable=True),
        "measure": _text(MEASURES),
        "reporter": _text(REPORTERS),
        "value": pa.Column("Float64"),
        "unit_as_printed": _text((*PRINTED_UNITS, PLAIN_USD)),
        "unit": _text(UNITS),
        "value_usd": pa.Column("Float64", nullable=True),
        "qualifier": _text(QUALIFIERS),
        "flags": pa.Column("string", pa.Check(lambda flags: set(flags.split("; ")) <= FLAG_VOCABULARY,
                                              element_wise=True, name="flags_in_vocabulary")),
        "note": _text(nullable=True),
        "source_url": pa.Column("string", pa.Check.str_matches(rf"^(?:https?://|{re.escape(SEED)}$)")),
        "source_date": _text(nullable=True),
        "source_label": _text(),
        "quote": _text(nullable=True),
        FILE: _text(),
        LINE: pa.Column("Int64", pa.Check.ge(1)),
    },
    checks=[
        pa.Check(lambda frame: frame["value_usd"].isna() | frame["unit"].eq("USD"), name="value_usd_only_for_usd"),
    ],
    strict=True,
    ordered=True,
)


def validate_trade(frame: pd.DataFrame) -> pd.DataFrame:
    validate_frame(frame, SCHEMA, KEY, NAME)
    problems = hs_chapter_problems(frame)
    if problems:
        raise DataError(problems)
    return frame


def hs_chapter_problems(frame: pd.DataFrame) -> list[Problem]:
    """A row has an HS chapter exactly when its product is that chapter, and a chapter title only with a chapter."""
    product_chapter = frame["product"].str.extract(rf"^HS chapter ({HS_CHAPTER})$", expand=False).fillna("")
    mismatched = product_chapter.ne(frame["hs_chapter"].fillna(""))
    orphan_title = frame["hs_chapter_name"].notna() & frame["hs_chapter"].isna()
    return [
        *(Problem(row[FILE], int(row[LINE]), "hs_chapter", row["hs_chapter"],
                  f"must be the chapter its product names (product '{row['product']}')")
          for _, row in frame[mismatched].iterrows()),
        *(Problem(row[FILE], int(row[LINE]), "hs_chapter_name", row["hs_chapter_name"], "a title without a chapter")
          for _, row in frame[orphan_title].iterrows()),
    ]


def load_trade(paths: ProjectPaths) -> pd.DataFrame:
    """The curated figures, then every snapshot's rows (oldest snapshot first)."""
    frames = []
    for relative_path, tag, layout in RAW_FILES:
        path = paths.raw / relative_path
        raw = read_raw_csv(path, layout.required, display_name=paths.relative(path))
        frames.append(normalize_trade(raw, layout, tag))
    curated = pd.concat(frames, ignore_index=True)
    check_article_quotes(curated, (paths.root / SEED).read_text(encoding="utf-8"))
    frame = pd.concat([curated, *load_snapshot_rows(paths)], ignore_index=True)
    return validate_trade(latest_comtrade_vintage(frame))


# --- snapshots -----------------------------------------------------------------------------------------------------

# One UN Comtrade figure: one reporter's value for one pair, year, flow and product (total or HS chapter).
COMTRADE_FIGURE = ["source_label", "pair", "year", "flow", "product"]


def load_snapshot_rows(paths: ProjectPaths) -> list[pd.DataFrame]:
    frames = []
    for folder in snapshot_folders(paths):
        frame = read_snapshot_rows(folder, COLUMNS, paths.relative(folder / "rows.csv"))
        check_one_value_per_comtrade_figure(frame)
        frames.append(frame)
    return frames


def check_one_value_per_comtrade_figure(frame: pd.DataFrame) -> None:
    problems = duplicate_key_problems(frame[frame["reporter"].eq(UN_COMTRADE)], COMTRADE_FIGURE, NAME)
    if problems:
        raise DataError(problems)


def latest_comtrade_vintage(frame: pd.DataFrame) -> pd.DataFrame:
    """Where two snapshots hold the same UN Comtrade figure, keep the later retrieval's (Comtrade revises its data);
    rows are in snapshot order, oldest first. Curated figures and template imports are never dropped."""
    superseded = frame["reporter"].eq(UN_COMTRADE) & frame.duplicated(COMTRADE_FIGURE, keep="last")
    return frame[~superseded].reset_index(drop=True)


LOADERS = {NAME: load_trade}
