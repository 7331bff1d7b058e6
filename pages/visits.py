"""Visits: every sourced leader visit on a timeline and a map, and the article's visit counts tested on the data."""

import pandas as pd
import streamlit as st

from dashboard_app.charts_visits import (
    MAP_VIEWS,
    map_centre,
    timeline_figure,
    visitor_colours,
    visits_map,
)
from dashboard_app.components import (
    cached_figure,
    downloads,
    forget_out_of_range,
    lazy_sections,
    link_columns,
    link_or_text,
    opened_expander,
    page_url_notices,
    show_chart,
    source_caption,
)
from dashboard_app.data import current_data_version, dataset, geojson, sidecar
from dashboard_app.frame import require_frame
from dashboard_app.params import escape_markdown, param_notices
from dashboard_app.url_specs import PAGE_SPECS
from dashboard_data import visits_views as views
from dashboard_data.filters import apply_all, count_phrase, describe

require_frame()

VERDICT_BADGES = {"agrees": ("green", ":material/check:"), "differs": ("orange", ":material/close:")}
TABLE_COLUMNS = ["visit_id", "date", "visitor", "visitor_role", "direction", "city", "host", "occasion", "confidence",
                 "context_stop", "netanyahu_fourth_term_trip", "note", "source_url", "source_url_2"]
LEG_COLUMNS = ("visit_id", "date", "visitor", "city", "confidence", "source_url", "source_url_2")

visits, claims, meta = dataset("visits"), dataset("claims"), sidecar("visits")
leaders, directions = views.leaders_in_order(visits), views.directions_in_order(visits)
first_year, last_year = int(visits["year"].min()), int(visits["year"].max())
context_cities = sorted(visits.loc[visits["context_stop"], "city"].unique())

st.title("Visits")
page_url_notices("visits")


def quote_sentences(checked: list[pd.Series]) -> None:
    """The article's sentences behind the checked claims, each once, with where they are in the article."""
    for sentence, claims_in_it in pd.DataFrame(checked).groupby("sentence", sort=False):
        st.markdown(f"> {escape_markdown(sentence)}")
        st.caption(escape_markdown(f"The article ({claims_in_it['source_url'].iloc[0]}, line "
                                   f"{claims_in_it['raw_line'].iloc[0]}); the counts tested are marked below."))


def claim_words(claim: pd.Series) -> None:
    context = ", ".join(str(part) for part in (claim["place"], claim["period"]) if pd.notna(part))
    st.markdown(escape_markdown(f"The article: “{claim['text']}” ({context}), characters "
                                f"{claim['start']}–{claim['end']}"))


def verdict_badges(verdicts: dict[str, str]) -> None:
    for what, word in verdicts.items():
        colour, icon = VERDICT_BADGES.get(word, ("gray", ":material/help:"))
        st.badge(f"{what}: {word}", color=colour, icon=icon)


def legs_table(legs: pd.DataFrame, key: str, columns: tuple[str, ...] = LEG_COLUMNS) -> None:
    shown = legs.assign(date=legs.apply(views.date_label, axis=1))
    st.dataframe(shown, hide_index=True, key=key, column_config=link_columns(shown), column_order=columns)


def check_card(check: views.ArticleCheck, key: str) -> None:
    with st.container(border=True):
        st.metric(check.label, check.value)
        st.markdown(escape_markdown(check.detail))
        if check.claim is not None:
            claim_words(check.claim)
        verdict_badges(check.verdicts)
        # On demand: three hidden tables made the page's first load noticeably slower.
        rows = opened_expander(f"The {len(check.legs)} rows counted, with sources", f"{key}-open")
        if rows is not None:
            with rows:
                st.caption("Legs of one visitor that start the same day are one trip.")
                legs_table(check.legs, key)


@st.cache_data(show_spinner=False)
def count_sources(version: str, count: float, first_word: str) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """The rows and metadata notes that could be the source of the article's count: once per data version."""
    every_visit = dataset("visits")
    return (views.rows_mentioning_count(every_visit, count), views.counting_notes(every_visit),
            views.metadata_notes_mentioning(sidecar("visits"), first_word))


def where_eleven_may_come_from(claim: pd.Series | None) -> None:
    """Search the data for a sourced remark giving the article's number; say plainly when there is none."""
    if claim is None:
        return
    st.markdown(f"**Where could “{escape_markdown(claim['text'])}” come from?**")
    remark, counting, notes = count_sources(current_data_version(), claim["value"], claim["text"].split()[0])
    if len(remark):
        legs_table(remark, "visits-remark")
    else:
        st.write(f"The visits data holds no sourced record of a remark counting {int(claim['value'])} meetings "
                 "(no visit's note or occasion gives that count).")
    if len(counting):
        st.write("Counts that sources give themselves, as the researcher's notes on these visits record them:")
        legs_table(counting, "visits-counting-notes", ("visit_id", "date", "visitor", "note", "source_url",
                                                       "source_url_2"))
    for note in notes:
        st.caption("The dataset's metadata (known disagreements), a research note without a row of its own: "
                   + escape_markdown(note))


@st.cache_data(show_spinner=False)
def article_checks(version: str) -> tuple[views.ArticleCheck, views.ArticleCheck, views.ArticleCheck]:
    """Computed from every row, whatever the filters: once per data version, not on every run (it was about half
    of the page's run, and under load every viewer's run waits for the others')."""
    every_visit, every_claim = dataset("visits"), dataset("claims")
    return (views.check_fourth_term(every_visit, every_claim), views.check_putin_window(every_visit, every_claim),
            views.all_putin_trips(every_visit, every_claim))


def article_panel() -> None:
    st.subheader("The article's visit counts, tested on the data")
    st.caption("Computed from every row of the visits dataset, whatever the filters below.")
    fourth_term, putin_window, all_putin = article_checks(current_data_version())
    quote_sentences([check.claim for check in (fourth_term, putin_window) if check.claim is not None])
    left, middle, right = st.columns(3)
    with left:
        check_card(fourth_term, "visits-check-fourth-term")
    with middle:
        check_card(putin_window, "visits-check-putin-window")
    with right:
        check_card(all_putin, "visits-check-putin-all")
    where_eleven_may_come_from(fourth_term.claim)


def filter_widgets() -> views.VisitChoices:
    left, middle, right = st.columns(3)
    chosen_leaders = left.multiselect("Leader", leaders, default=leaders, key="leader", bind="query-params")
    chosen_directions = middle.multiselect("Direction", directions, default=directions, key="direction",
                                           bind="query-params")
    forget_out_of_range("years", first_year, last_year)
    years = right.slider("Years", first_year, last_year, (first_year, last_year), key="years", bind="query-params")
    left, right = st.columns(2)
    fourth_term = left.toggle("Only Netanyahu's fourth-term trips to Russia", key="fourth_term", bind="query-params")
    context = right.toggle(f"Show context stops ({', '.join(context_cities)}): not Russia–Israel meetings",
                           value=True, key="context", bind="query-params")
    return views.VisitChoices(chosen_leaders, chosen_directions, years, fourth_term, context)


def timeline(shown: pd.DataFrame, sentence: str, lanes: list[str]) -> None:
    source = (f"Source: {meta['title']}, {count_phrase(shown, 'visit leg')} (links per row in the section Table)."
              "<br>Shape = confidence; open marker = date known to the month only, placed on the 1st of the month.")
    fig = cached_figure(timeline_figure, views.timeline_points(shown), lanes, visitor_colours(leaders), source)
    show_chart(fig, "visits-timeline", alt=views.timeline_alt(shown))
    source_caption(shown, meta, "visit legs (one row per city visited)", sentence)


def route_map(shown: pd.DataFrame, sentence: str) -> None:
    view = MAP_VIEWS[st.segmented_control("Map view", list(MAP_VIEWS), default=next(iter(MAP_VIEWS)), required=True,
                                          key="map", bind="query-params")]
    route_table, city_table = views.routes(shown), views.cities(shown)
    event = st.pydeck_chart(visits_map(route_table, city_table, geojson(), map_centre(visits, view),
                                       merge_degrees=view.merge_degrees, colours=visitor_colours(leaders)),
                            on_select="rerun", selection_mode="single-object", key="visits-map", height=520,
                            alt=views.map_alt(route_table))
    st.caption(escape_markdown(
        "One arc per visitor and route, from the visitor's capital to the host city (a display choice, not the "
        "trip's real start), coloured by visitor as on the timeline; width grows with the number of visits. "
        "Arcs bend to the left of travel, so the two directions between a pair of cities lie on opposite sides; "
        "faint arcs are context stops. Hover for the figures; click an arc or a city to list its visits with "
        "their sources. Base map: Natural Earth (public domain), drawn offline."))
    source_caption(shown, meta, "visit legs per route", sentence)
    selected_on_map(shown, event)


def selected_on_map(shown: pd.DataFrame, event) -> None:
    objects = event.selection.get("objects", {}) if event else {}
    picked = (objects.get("routes") or objects.get("cities") or [None])[0]
    if picked is None:
        return
    legs = views.legs_on_route(shown, picked)
    if legs.empty:
        return
    st.markdown(f"**Selected on the map:** {escape_markdown(views.selection_title(picked))}, "
                f"{count_phrase(legs, 'visit leg')}")
    legs_table(legs, "visits-map-legs")


def visit_table(shown: pd.DataFrame, sentence: str) -> None:
    """The visits shown, one selectable row each; the selected visit goes into the link (?visit=...)."""
    table = dated(shown)
    linked = st.query_params.get("visit")
    linked_rows = table.index[table["visit_id"] == linked].tolist()
    st.caption("Select a row to see that visit's details, its sources and the trade figures of its year.")
    # The key follows the rows shown, so a kept selection can never point at another visit's row.
    event = st.dataframe(table, hide_index=True, key=f"visits-table-{views.rows_fingerprint(table['visit_id'])}",
                         column_order=TABLE_COLUMNS, column_config=link_columns(table), on_select="rerun",
                         selection_mode="single-row",
                         selection_default={"selection": {"rows": linked_rows}} if linked_rows else None)
    source_caption(shown, meta, "visit legs", sentence)
    selected = event.selection.get("rows", [])
    if selected:
        st.query_params["visit"] = table.iloc[selected[0]]["visit_id"]
    elif linked is not None:
        del st.query_params["visit"]
    downloads(shown, meta, sentence, key="visits")


def dated(shown: pd.DataFrame) -> pd.DataFrame:
    return shown.assign(date=shown.apply(views.date_label, axis=1)).reset_index(drop=True)


def linked_visit(shown: pd.DataFrame) -> None:
    """The visit the link names (?visit=, set by selecting a table row), on every tab, so a shared link shows it."""
    linked = st.query_params.get("visit")
    if linked not in set(visits["visit_id"]):
        return
    rows = dated(shown)
    rows = rows[rows["visit_id"] == linked]
    if rows.empty:
        st.info(f"The linked visit {escape_markdown(linked)} is hidden by the filters above.")
    else:
        visit_details(rows.iloc[0])


def visit_details(visit: pd.Series) -> None:
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(visit['visitor'])}** ({escape_markdown(visit['visitor_role'])}) in "
                    f"{escape_markdown(visit['city'])}, {escape_markdown(visit['date'])} · {visit['visit_id']}")
        for field in ("host", "occasion", "note", "confidence"):
            if pd.notna(visit[field]):
                st.markdown(f"**{field.capitalize()}**: {escape_markdown(str(visit[field]))}")
        for field in ("source_url", "source_url_2"):
            if pd.notna(visit[field]):
                st.markdown(f"**{field.replace('_', ' ')}**: {link_or_text(visit[field])}")
        st.caption(f"Row {visit['raw_line']} of {visit['raw_file']}")
        trade_link(int(visit["year"]))


def trade_page_accepts(params: dict[str, list[str]]) -> bool:
    """Whether the trade page takes these link parameters, by its own registered checks."""
    return not param_notices(params, PAGE_SPECS["trade"](params))


def trade_link(year: int) -> None:
    params = views.trade_link_params(year, trade_page_accepts)
    if params is None:
        st.caption(f"The trade page has no figures for {year}.")
    else:
        st.page_link("pages/trade.py", label=f"Trade figures for {year}", icon=":material/swap_horiz:",
                     query_params=params)


article_panel()
st.subheader("Every sourced visit")
choices = filter_widgets()
filters = views.visit_filters(visits, choices)
shown = apply_all(visits, filters)
sentence = describe(filters, shown, noun="visit leg")
if shown.empty:
    st.info(f"No visit matches these filters ({escape_markdown(sentence)}). Widen the years or add a leader.")
else:
    section = lazy_sections("visits")
    if section == "Timeline":
        timeline(shown, sentence, [d for d in directions if d in choices.directions])
    elif section == "Map":
        route_map(shown, sentence)
    else:
        visit_table(shown, sentence)
    # After the section: selecting a row of the Table changes which visit the link names.
    linked_visit(shown)
