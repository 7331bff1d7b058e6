"""The relationship at a glance (pure): headline figures per strand, one timeline, a caption from the data."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard_data.visits import distinct_trips, netanyahu_fourth_term_trips

LANES = ("Trade", "Immigration", "Visits", "Events")


@dataclass(frozen=True)
class Glance:
    """Everything the overview shows that follows from the data alone."""

    caption: str
    latest_trade: pd.DataFrame
    russia: pd.Series
    fsu: pd.Series
    share: pd.Series
    fourth_term_trips: int
    marks: pd.DataFrame


def glance(trade: pd.DataFrame, immigration: pd.DataFrame, population: pd.DataFrame, visits: pd.DataFrame,
           events: pd.DataFrame) -> Glance:
    return Glance(
        caption=caption(trade, immigration, population, visits),
        latest_trade=latest_trade_per_reporter(trade),
        russia=latest_count(calendar_counts(immigration, origin_iso3="RUS")),
        fsu=latest_count(calendar_counts(immigration, origin_group="FSU")),
        share=russian_speaking_share(population),
        fourth_term_trips=len(netanyahu_fourth_term_trips(visits)),
        marks=timeline_rows(trade, immigration, visits, events),
    )


def bilateral_totals(trade: pd.DataFrame) -> pd.DataFrame:
    """Russia–Israel all-goods levels in USD with a known year: the figures a timeline can place."""
    mask = ((trade["pair"] == "RUS-ISR") & (trade["measure"] == "level") & trade["value_usd"].notna()
            & trade["year"].notna() & (trade["product"] == "all goods"))
    return trade[mask]


def latest_trade_per_reporter(trade: pd.DataFrame) -> pd.DataFrame:
    """For each reporter, its latest-year figure(s); the largest first when one year has several."""
    totals = bilateral_totals(trade)
    latest_year = totals.groupby("reporter")["year"].transform("max")
    latest = totals[totals["year"] == latest_year]
    return latest.sort_values(["reporter", "value_usd"], ascending=[True, False]).drop_duplicates("reporter")


def calendar_counts(immigration: pd.DataFrame, *, origin_iso3: str | None = None,
                    origin_group: str | None = None) -> pd.DataFrame:
    """Calendar-year immigrant counts (no Hebrew years, no part years) for one origin."""
    mask = (immigration["measure"] == "immigrants") & (immigration["period_type"] == "calendar year")
    if origin_iso3:
        mask &= immigration["origin_iso3"] == origin_iso3
    if origin_group:
        mask &= immigration["origin_group"] == origin_group
    return immigration[mask & immigration["value_persons"].notna()]


def latest_count(counts: pd.DataFrame) -> pd.Series:
    """The latest year's count; where agencies differ that year, the CBS figure if there is one."""
    latest = counts[counts["year"] == counts["year"].max()]
    preferred = latest[latest["agency"] == "CBS"]
    return (preferred if len(preferred) else latest).iloc[0]


def russian_speaking_share(population: pd.DataFrame) -> pd.Series:
    shares = population[(population["definition"] == "Russian speakers") & (population["unit"] == "percent")]
    return shares.sort_values("year").iloc[-1]


def trips_per_year(visits: pd.DataFrame) -> pd.Series:
    trips = distinct_trips(visits[~visits["context_stop"]])
    return trips.groupby("year").size()


def peak_years(per_year: pd.Series) -> tuple[list[int], int]:
    top = int(per_year.max())
    return [int(y) for y in per_year[per_year == top].index], top


def timeline_rows(trade: pd.DataFrame, immigration: pd.DataFrame, visits: pd.DataFrame,
                  events: pd.DataFrame) -> pd.DataFrame:
    """One long table for the overview timeline: lane, date, label, page and year to open, source."""
    parts = [_trade_marks(trade), _immigration_marks(immigration), _visit_marks(visits), _event_marks(events)]
    rows = pd.concat(parts, ignore_index=True)
    rows["lane"] = pd.Categorical(rows["lane"], categories=LANES, ordered=True)
    return rows.sort_values(["lane", "date"]).reset_index(drop=True)


def _mid_year(years: pd.Series) -> pd.Series:
    return pd.to_datetime(years.astype(int).astype(str) + "-07-01")


def _trade_marks(trade: pd.DataFrame) -> pd.DataFrame:
    totals = bilateral_totals(trade)
    return pd.DataFrame({
        "lane": "Trade", "date": _mid_year(totals["year"]), "year": totals["year"].astype(int),
        "label": (totals["flow"] + ", " + totals["reporter"] + ": USD "
                  + (totals["value_usd"] / 1e9).round(2).astype(str) + " bn (" + totals["qualifier"] + ")"),
        "page": "trade", "source_url": totals["source_url"], "precision": "year",
    })


def _immigration_marks(immigration: pd.DataFrame) -> pd.DataFrame:
    counts = pd.concat([calendar_counts(immigration, origin_group="FSU"),
                        calendar_counts(immigration, origin_iso3="RUS")])
    return pd.DataFrame({
        "lane": "Immigration", "date": _mid_year(counts["year"]), "year": counts["year"].astype(int),
        "label": (counts["origin"] + ": " + counts["value_persons"].astype(int).map("{:,}".format)
                  + " immigrants (" + counts["agency"] + ")"),
        "page": "diaspora", "source_url": counts["source_url"], "precision": "year",
    })


def _visit_marks(visits: pd.DataFrame) -> pd.DataFrame:
    legs = visits[~visits["context_stop"]]
    return pd.DataFrame({
        "lane": "Visits", "date": pd.to_datetime(legs["date_start"], format="mixed"), "year": legs["year"].astype(int),
        "label": legs["visitor"] + " in " + legs["city"] + " (" + legs["date_start"] + ")",
        "page": "visits", "source_url": legs["source_url"], "precision": legs["date_precision"],
    })


def _event_marks(events: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "lane": "Events", "date": pd.to_datetime(events["date"], format="mixed"), "year": events["year"].astype(int),
        "label": events["title"] + " (" + events["date"] + ")",
        "page": "trade", "source_url": events["source_url"], "precision": events["date_precision"],
    })


def caption(trade: pd.DataFrame, immigration: pd.DataFrame, population: pd.DataFrame,
            visits: pd.DataFrame) -> str:
    """A plain-language summary whose every number comes from the tables passed in."""
    years, most = peak_years(trips_per_year(visits))
    fourth_term = netanyahu_fourth_term_trips(visits)
    russia = calendar_counts(immigration, origin_iso3="RUS")
    latest_russia = latest_count(russia)
    earlier = russia[russia["year"] < latest_russia["year"]]
    before = latest_count(earlier) if len(earlier) else None
    share = russian_speaking_share(population)
    reporters = latest_trade_per_reporter(trade).set_index("reporter")
    parts = [
        f"Leader visits peaked in {_years_text(years)} ({most} trips in a year); Netanyahu made "
        f"{len(fourth_term)} trips to Russia in his fourth term.",
        f"Immigration from Russia: {int(latest_russia['value_persons']):,} in {latest_russia['year']} "
        f"({latest_russia['agency']})" + (f", after {int(before['value_persons']):,} in {before['year']} "
                                           f"({before['agency']})." if before is not None else "."),
        f"Russian speakers: {share['value']:g}% of the population in {share['year']} ({share['qualifier']}).",
    ]
    if {"Russian official", "Israeli official"} <= set(reporters.index):
        ru, il = reporters.loc["Russian official"], reporters.loc["Israeli official"]
        parts.append(f"The latest trade figures disagree: Russian officials {amount_phrase(ru)} ({ru['year']}), "
                     f"Israeli officials {amount_phrase(il)} ({il['year']}).")
    return " ".join(parts)


QUALIFIER_WORDS = {"lower bound": "more than ", "upper bound": "less than ", "approximate": "about "}
QUALIFIER_SIGNS = {"lower bound": "> ", "upper bound": "< ", "approximate": "≈ "}


def amount_phrase(row: pd.Series) -> str:
    """'more than USD 5 bn' for a lower bound, 'about USD 2 bn' for an approximation, and so on."""
    return f"{QUALIFIER_WORDS.get(row['qualifier'], '')}USD {row['value_usd'] / 1e9:g} bn"


def amount_short(row: pd.Series) -> str:
    """'> USD 5 bn', '≈ USD 2 bn': the same reading as amount_phrase, short enough for a metric card."""
    return f"{QUALIFIER_SIGNS.get(row['qualifier'], '')}USD {row['value_usd'] / 1e9:g} bn"


KEY_KINDS = ("amount", "percentage", "count")


def key_claims(claims: pd.DataFrame, statuses: dict[str, str]) -> pd.DataFrame:
    """The article's figures the data can speak to — amounts, percentages and counts, plus any other claim the
    data contradicts — once per wording, in text order."""
    status = claims["claim_id"].map(statuses)
    keep = status.ne("not checkable") & (claims["kind"].isin(KEY_KINDS) | status.isin(["differs", "mixed"]))
    return claims[keep].assign(status=status[keep]).drop_duplicates(["text", "status"])


def _years_text(years: list[int]) -> str:
    return " and ".join(map(str, years)) if len(years) <= 2 else f"{', '.join(map(str, years[:-1]))} and {years[-1]}"
