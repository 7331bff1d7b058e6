"""Every page's URL parameters in one place, so pages and presentation decks check links the same way.

Each entry takes the link's parameters (some option lists depend on them, e.g. the headline years depend on the
partner) and returns the specs of the page's bound widgets."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import streamlit as st

from dashboard_app.charts_visits import url_specs as visits_url_specs
from dashboard_app.data import dataset, sidecar
from dashboard_app.navigation import PAGE_SECTIONS, TAB_KEY
from dashboard_app.params import Choice, Flag, Spec, YearRange
from dashboard_data import diaspora_views, trade_views
from dashboard_data.registry import DATASETS
from dashboard_data.trade import REPORTERS

Params = Mapping[str, Sequence[str]]


@st.cache_data(show_spinner=False, max_entries=16)
def trade_headline_years(pair: str) -> tuple[list[int], int | None]:
    """The years with a headline figure for the pair, and the one the Trade page opens with: its year choice and
    the link check read the same list."""
    rows = dataset("trade")
    rows = rows[rows["pair"].eq(pair)]
    return trade_views.headline_years(rows), trade_views.default_headline_year(rows)


def trade_specs(params: Params) -> list[Spec]:
    low, high = trade_views.year_bounds(dataset("trade"))
    partners = tuple(trade_views.PAIR_BY_PARTNER)
    chosen = (params.get("pair") or [partners[0]])[0]
    pair = trade_views.PAIR_BY_PARTNER.get(chosen, trade_views.PAIR_BY_PARTNER[partners[0]])
    years, _ = trade_headline_years(pair)
    return [Choice("pair", partners), YearRange("years", low, high), Flag("undated"),
            Choice("flow", trade_views.FLOW_ORDER, many=True), Choice("reporter", REPORTERS, many=True),
            Choice("qualifier", trade_views.QUALIFIER_ORDER, many=True), Choice("year", tuple(map(str, years))),
            Flag("context")]


def diaspora_specs(_: Params) -> list[Spec]:
    return _diaspora_specs()


@st.cache_data(show_spinner=False)
def _diaspora_specs() -> list[Spec]:
    """Built from four datasets' views, so kept: every run of the page checks its link against them."""
    immigration = diaspora_views.immigration_view(dataset("immigration"))
    first, last = diaspora_views.year_bounds(immigration)
    candidates = diaspora_views.map_candidates(immigration)
    areas = diaspora_views.census_areas(dataset("census2022"))
    return [YearRange("years", first, last),
            Choice("origin", tuple(diaspora_views.origins_in_order(immigration)), many=True),
            Choice("agency", tuple(diaspora_views.agencies_in_order(immigration)), many=True),
            Choice("map_year", tuple(diaspora_views.map_options(candidates))),
            Choice("settled", tuple(diaspora_views.settlement_options(dataset("settlement")))),
            Choice("district", tuple(diaspora_views.districts_in_order(areas)), many=True),
            Choice("min_pop", tuple(str(n) for n in diaspora_views.MIN_POPULATION_CHOICES)), Flag("fsu_top3")]


def visits_specs(_: Params) -> list[Spec]:
    return list(visits_url_specs(dataset("visits")))


def article_specs(_: Params) -> list[Spec]:
    return [Choice("claim", tuple(dataset("claims")["claim_id"]))]


def datasets_specs(_: Params) -> list[Spec]:
    return [Choice("dataset", tuple(DATASETS))]


def no_specs(_: Params) -> list[Spec]:
    return []


def with_sections(page: str, specs: Callable[[Params], Sequence[Spec]]) -> Callable[[Params], Sequence[Spec]]:
    if page not in PAGE_SECTIONS:
        return specs
    return lambda params: [*specs(params), Choice(TAB_KEY, PAGE_SECTIONS[page])]


PAGE_SPECS: dict[str, Callable[[Params], Sequence[Spec]]] = {page: with_sections(page, specs) for page, specs in {
    "overview": no_specs, "trade": trade_specs, "diaspora": diaspora_specs, "visits": visits_specs,
    "article": article_specs, "sources": no_specs, "datasets": datasets_specs,
}.items()}
PAGE_DATASETS = {
    "overview": ("trade", "immigration", "population", "visits", "events"),
    "trade": ("trade", "visits", "events"),
    "diaspora": ("immigration", "population", "settlement", "knesset_seats", "census2022", "countries", "claims"),
    "visits": ("visits", "countries", "claims"),
    "article": ("claims", "trade", "population", "immigration", "knesset_seats", "visits", "events"),
    "sources": tuple(DATASETS),
    "datasets": tuple(DATASETS),
}


def page_sources(page: str) -> str:
    """The source line of a page: the datasets it draws on, by title (their sources are on the Sources page)."""
    return "; ".join(sidecar(name)["title"] for name in PAGE_DATASETS[page])
