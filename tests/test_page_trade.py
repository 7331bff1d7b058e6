"""AppTest for the Trade page: each filter changes the table, the URL restores the filters, bad link parameters fall
back with a notice, and the downloads hold exactly the filtered rows plus metadata."""

from __future__ import annotations

import io
import json
import zipfile

import pandas as pd
import pytest
import streamlit as st

from dashboard_app import data
from dashboard_data.registry import load_dataset

pytestmark = pytest.mark.apptest

PAGE = "pages/trade.py"
TABLE_TAB = {"tab": "Every figure"}


@pytest.fixture(scope="module")
def trade(paths) -> pd.DataFrame:
    return load_dataset("trade", paths)


def israel(trade: pd.DataFrame) -> pd.DataFrame:
    return trade[trade["pair"].eq("RUS-ISR")]


def table_ids(app) -> set[str]:
    """The figures in the 'Every figure' tab's table (the only table there)."""
    assert len(app.dataframe) == 1
    return set(app.dataframe[0].value["figure_id"])


def ids(rows: pd.DataFrame) -> set[str]:
    return set(rows["figure_id"])


def in_years(rows: pd.DataFrame, low: int, high: int, *, undated: bool = True) -> pd.DataFrame:
    inside = rows["year"].between(low, high).fillna(False).astype(bool)
    return rows[inside | rows["year"].isna()] if undated else rows[inside]


# Each filter: how to set it on the page, and which rows it should leave (computed here with plain pandas).
FILTERS = {
    "years": (lambda app: app.slider(key="years").set_value((2008, 2019)),
              lambda t: in_years(israel(t), 2008, 2019)),
    "undated": (lambda app: app.toggle(key="undated").set_value(False),
                lambda t: israel(t)[israel(t)["year"].notna()]),
    "flow": (lambda app: app.pills(key="flow").set_value(["turnover"]),
             lambda t: israel(t)[israel(t)["flow"].eq("turnover")]),
    "reporter": (lambda app: app.pills(key="reporter").set_value(["Russian official"]),
                 lambda t: israel(t)[israel(t)["reporter"].eq("Russian official")]),
    "qualifier": (lambda app: app.pills(key="qualifier").set_value(["lower bound", "part year"]),
                  lambda t: israel(t)[israel(t)["qualifier"].isin(["lower bound", "part year"])]),
    "pair": (lambda app: app.selectbox(key="pair").select("Turkey"),
             lambda t: t[t["pair"].eq("RUS-TUR")]),
}


def test_the_default_view_runs_only_the_over_time_tab_for_every_russia_israel_figure(run_page, trade):
    app = run_page(PAGE)
    assert not app.exception
    assert not app.warning
    assert app.metric
    showing = next(m.value for m in app.markdown if m.value.startswith("**Showing:**"))
    assert f"{len(israel(trade))} figures from {israel(trade)['source_url'].nunique()} sources" in showing
    titles = [json.loads(chart.proto.spec)["layout"]["title"]["text"] for chart in app.get("plotly_chart")]
    assert titles == ["What each reporter says Russia–Israel trade was, by year"]
    assert not app.dataframe
    assert not app.get("download_button")


# What only each tab holds: the titles of its charts, and whether it has the figures table.
TAB_CONTENT = {
    "Over time": ({"What each reporter says Russia–Israel trade was, by year"}, False),
    "Changes": ({"Changes printed without a level (not comparable with the levels)"}, False),
    "Product mix": ({"Product shares as printed"}, False),
    "Regional comparison": ({"Russia's turnover with Israel and other Middle East partners, as each source states "
                             "it"}, False),
    "Every figure": (set(), True),
}


@pytest.mark.parametrize("tab", TAB_CONTENT)
def test_each_tab_opens_from_the_link_and_runs_only_its_own_part(run_page, tab):
    app = run_page(PAGE, {"tab": tab})
    assert not app.exception
    assert not app.warning
    titles = {json.loads(chart.proto.spec)["layout"]["title"]["text"] for chart in app.get("plotly_chart")}
    charts, has_table = TAB_CONTENT[tab]
    assert charts <= titles
    others = set().union(*(c for name, (c, _) in TAB_CONTENT.items() if name != tab))
    assert not titles & others
    assert bool(app.get("download_button")) is has_table
    assert app.metric, "the headline figures stay above the sections"


@pytest.mark.parametrize("name", FILTERS)
def test_each_filter_changes_the_table(run_page, trade, name):
    set_filter, expected = FILTERS[name]
    app = run_page(PAGE, TABLE_TAB)
    set_filter(app)
    app.run()
    assert not app.exception
    assert table_ids(app) == ids(expected(trade))
    assert table_ids(app) != ids(israel(trade))


def test_url_parameters_restore_the_filters(run_page, trade):
    params = {"pair": "Israel", "years": ["2008", "2019"], "undated": "false", "flow": ["turnover", "Russian exports"],
              "reporter": ["Russian official", "Israeli official"], "qualifier": ["as stated", "lower bound"],
              "year": "2019", "context": "false"}
    app = run_page(PAGE, params)
    assert not app.exception
    assert not app.warning
    assert app.toggle(key="context").value is False
    app = run_page(PAGE, {**params, **TABLE_TAB})
    assert not app.exception
    assert not app.warning
    assert app.slider(key="years").value == (2008, 2019)
    assert app.toggle(key="undated").value is False
    assert app.pills(key="flow").value == ["turnover", "Russian exports"]
    assert app.pills(key="reporter").value == ["Russian official", "Israeli official"]
    assert app.pills(key="qualifier").value == ["as stated", "lower bound"]
    assert app.selectbox(key="year").value == 2019
    rows = in_years(israel(trade), 2008, 2019, undated=False)
    rows = rows[rows["flow"].isin(params["flow"]) & rows["reporter"].isin(params["reporter"])
                & rows["qualifier"].isin(params["qualifier"])]
    assert table_ids(app) == ids(rows)


def test_the_headline_year_shows_what_each_reporter_says_that_year(run_page, trade):
    app = run_page(PAGE, {"year": "2019"})
    rows = israel(trade)
    stated = rows[rows["year"].eq(2019) & rows["product"].eq("all goods") & rows["value_usd"].notna()]
    assert stated["reporter"].nunique() >= 1
    assert {m.label for m in app.metric} >= {"Turnover, level"}
    assert len(app.metric) >= stated[["reporter", "flow", "value_usd", "qualifier"]].drop_duplicates().shape[0]


def test_each_headline_figure_leads_to_its_source(run_page, trade):
    app = run_page(PAGE, {"year": "2019"})
    rows = israel(trade)
    said = headline_rows(rows, 2019)
    helps = "\n".join(m.proto.help for m in app.metric)
    assert all(url in helps for url in said["source_url"])
    assert not [m for m in app.markdown if "**raw file**" in m.value], "the full records are built on demand"
    app.session_state["headline-sources"] = True
    app.run()
    assert not app.exception
    records = [m.value for m in app.markdown if "**raw file**" in m.value]
    assert len(records) == len(said)
    assert all(any(url in record for record in records) for url in said["source_url"])


def headline_rows(rows: pd.DataFrame, year: int) -> pd.DataFrame:
    """Dated total-trade figures of the year: USD levels and changes, the figures the headlines are made of."""
    totals = rows[rows["year"].eq(year) & rows["product"].isin(["all goods", "goods and services"])]
    return totals[(totals["measure"].eq("level") & totals["value_usd"].notna()) | totals["measure"].eq("change")]


@pytest.mark.parametrize(("params", "key"), [
    ({"years": "abc"}, "years"),
    ({"years": ["1800", "2019"]}, "years"),
    ({"flow": "unknown flow"}, "flow"),
    ({"reporter": "nobody"}, "reporter"),
    ({"qualifier": "certain"}, "qualifier"),
    ({"pair": "Mars"}, "pair"),
    ({"year": "1800"}, "year"),
    ({"undated": "maybe"}, "undated"),
    ({"context": "maybe"}, "context"),
])
def test_a_bad_parameter_falls_back_to_the_default_with_a_notice(run_page, trade, params, key):
    app = run_page(PAGE, {**TABLE_TAB, **params})
    assert not app.exception
    assert [w.value for w in app.warning if f"`{key}` not understood" in w.value]
    assert table_ids(app) == ids(israel(trade))


def test_an_unknown_tab_in_the_link_opens_the_first_tab_with_a_notice(run_page):
    app = run_page(PAGE, {"tab": "Nonsense"})
    assert not app.exception
    assert [w.value for w in app.warning if "`tab` not understood" in w.value]
    titles = {json.loads(chart.proto.spec)["layout"]["title"]["text"] for chart in app.get("plotly_chart")}
    assert titles == TAB_CONTENT["Over time"][0]
    assert not app.dataframe


def test_the_downloads_hold_exactly_the_filtered_rows_plus_metadata(run_page, trade, download_builders):
    builders = download_builders
    app = run_page(PAGE, {"years": ["2008", "2019"], "flow": "turnover", "undated": "false", **TABLE_TAB})
    exported = {"csv": builders["trade-figures-csv"](), "zip": builders["trade-figures-zip"]()}
    rows = in_years(israel(trade), 2008, 2019, undated=False)
    rows = rows[rows["flow"].eq("turnover")]
    csv = pd.read_csv(io.BytesIO(exported["csv"]))
    assert set(csv["figure_id"]) == ids(rows)
    assert len(csv) == len(rows)
    assert list(csv.columns) == list(trade.columns)
    with zipfile.ZipFile(io.BytesIO(exported["zip"])) as archive:
        assert sorted(archive.namelist()) == ["README.txt", "trade.csv", "trade.metadata.json"]
        assert archive.read("trade.csv") == exported["csv"]
        meta = json.loads(archive.read("trade.metadata.json"))
        readme = archive.read("README.txt").decode("utf-8")
    showing = next(m.value for m in app.markdown if m.value.startswith("**Showing:**"))
    assert meta["export"]["rows"] == len(rows)
    assert meta["export"]["filter"].startswith("Turnover, 2008–2019, Russia–Israel trade")
    assert meta["export"]["filter"].split(";")[0] in showing.replace("\\", "")
    assert f"Filter: {meta['export']['filter']}" in readme
    assert "How to cite" in readme
    assert "Licence" in readme


def dense_series(trade: pd.DataFrame) -> pd.DataFrame:
    """SYNTHETIC, not data: a made-up annual UN Comtrade-style series (totals from both sides, 2000–2023, and HS
    chapters for 2021) appended to the real figures, to show the page copes with a dense series."""
    template = trade.iloc[0]
    rows = []
    for year in range(2000, 2024):
        for flow, side in (("Russian exports", "Russia"), ("Russian exports", "partner"),
                           ("Russian imports", "Russia")):
            rows.append({"year": year, "flow": flow, "seen_from": side, "product": "all goods", "hs_chapter": None,
                         "hs_chapter_name": None,
                         "value_usd": 1e9 + (year - 2000) * 5e7 + (3e8 if side == "partner" else 0)})
    for chapter, name in (("27", "Mineral fuels"), ("71", "Pearls, precious stones"), ("85", "Electrical machinery")):
        rows.append({"year": 2021, "flow": "Russian exports", "seen_from": "Russia", "product": f"HS chapter {chapter}",
                     "hs_chapter": chapter, "hs_chapter_name": name, "value_usd": 2e8})
    dense = pd.DataFrame([{**template.to_dict(), **row, "figure_id": f"synthetic-{n:05d}", "pair": "RUS-ISR",
                           "partner_iso3": "ISR", "period_label": str(row["year"]), "period_type": "calendar year",
                           "months": None, "measure": "level", "reporter": "UN Comtrade", "value": row["value_usd"],
                           "unit": "USD", "unit_as_printed": "USD", "qualifier": "as stated", "flags": "as stated",
                           "source_label": f"SYNTHETIC test series, reported by {row['seen_from']}", "quote": None}
                          for n, row in enumerate(rows, start=1)])
    return pd.concat([trade, dense.astype(trade.dtypes.to_dict())], ignore_index=True)


@pytest.fixture
def fresh_caches():
    """The page caches what it computes from the data for as long as the server runs (the data is loaded once);
    a test that swaps the data must not see, or leave behind, results computed from other data."""
    st.cache_data.clear()
    yield
    st.cache_data.clear()


@pytest.mark.usefixtures("fresh_caches")
def test_the_page_copes_with_a_dense_annual_series_by_hs_chapter(run_page, trade, paths, monkeypatch):
    monkeypatch.setattr(data, "_load", lambda name: dense_series(trade) if name == "trade"
                        else load_dataset(name, paths))
    app = run_page(PAGE, {"year": "2021", "tab": "Product mix"})
    assert not app.exception
    assert not app.warning
    specs = [chart.proto.spec for chart in app.get("plotly_chart")]
    assert sum('"type":"treemap"' in spec for spec in specs) == 1
    app = run_page(PAGE, {"year": "2021"})
    assert any("SYNTHETIC test series, reported by partner" in chart.proto.spec for chart in app.get("plotly_chart"))
    app = run_page(PAGE, {"year": "2021", **TABLE_TAB})
    assert len(table_ids(app)) == len(dense_series(trade).query("pair == 'RUS-ISR'"))
