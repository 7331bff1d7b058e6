"""Countries: label-point geometry, GeoJSON checks, name -> ISO3 mapping, and the build script on a tiny shapefile."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest
import shapefile

from dashboard_data.countries import ISO3_BY_NAME, iso3_for_name, label_point, load_countries, load_geojson
from dashboard_data.errors import DataError
from dashboard_data.metadata import frame_problems, load_metadata
from dashboard_data.paths import ProjectPaths
from support import ROOT, assert_matches_golden

GEOJSON = "data/geo/countries_110m.geojson"
# Where the geopandas 0.14.4 wheel was unpacked to build the committed GeoJSON; override to rebuild from elsewhere.
NATURAL_EARTH_SHP = Path(os.environ.get(
    "NATURAL_EARTH_SHP", "/tmp/gpd/geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp"))  # noqa: S108
# Every ISO3 code the project's other datasets use (trade pairs, diaspora origins, visits).
ISO3_USED = ["RUS", "ISR", "UKR", "BLR", "TUR", "IRN", "EGY", "SAU", "ARE", "UZB", "MDA", "GEO", "AZE", "KAZ", "LTU",
             "LVA", "PSE"]
SQUARE = [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]
SMALL_SQUARE = [[10, 10], [11, 10], [11, 11], [10, 11], [10, 10]]
SLIVER = [[5, 5], [5, 5], [5, 5], [5, 5]]


def load_build_script():
    spec = importlib.util.spec_from_file_location("build_countries", ROOT / "scripts" / "build_countries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def feature(iso3: str = "ISR", geometry: dict | None = None, **properties) -> dict:
    return {"type": "Feature", "properties": {"iso3": iso3, "name": f"Name {iso3}", "continent": "Asia", **properties},
            "geometry": geometry or {"type": "Polygon", "coordinates": [SQUARE]}}


def project(tmp_path, collection: dict | str) -> ProjectPaths:
    path = tmp_path / GEOJSON
    path.parent.mkdir(parents=True)
    text = collection if isinstance(collection, str) else json.dumps(collection)
    path.write_text(text, encoding="utf-8")
    return ProjectPaths.at(tmp_path)


def collection(*features: dict) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


@pytest.mark.parametrize(("polygons", "expected"), [
    ([[SQUARE]], (1.0, 1.0)),
    ([[list(reversed(SQUARE))]], (1.0, 1.0)),
    ([[[[0, 0], [3, 0], [0, 3], [0, 0]]]], (1.0, 1.0)),
    ([[SMALL_SQUARE], [SQUARE]], (1.0, 1.0)),
    ([[SQUARE, [[0.5, 0.5], [1, 0.5], [1, 1], [0.5, 1], [0.5, 0.5]]]], (1.0, 1.0)),
    ([[SLIVER], [SMALL_SQUARE]], (10.5, 10.5)),
])
def test_label_point_is_centroid_of_largest_exterior_ring(polygons, expected):
    assert label_point(polygons) == expected


def test_normalizes_fixture(tmp_path):
    multipolygon = {"type": "MultiPolygon", "coordinates": [[SMALL_SQUARE], [SQUARE]]}
    countries = load_countries(project(tmp_path, collection(feature("ISR"), feature("RUS", multipolygon))))
    assert countries["iso3"].tolist() == ["ISR", "RUS"]
    assert countries["n_polygons"].tolist() == [1, 2]
    assert countries["label_lon"].tolist() == [1.0, 1.0]
    assert countries["raw_line"].tolist() == [1, 2]
    assert set(countries["raw_file"]) == {GEOJSON}


@pytest.mark.parametrize(("bad_feature", "column"), [
    (feature("UKR", name=""), "name"),
    ({"type": "Feature", "properties": {"iso3": "UKR", "name": "Ukraine"}, "geometry": None}, "continent"),
    (feature("UKR", {"type": "Point", "coordinates": [30, 50]}), "geometry"),
    (feature("UKR", {"type": "Polygon", "coordinates": [SLIVER]}), "geometry"),
    (feature("ukr"), "iso3"),
    (feature("ISR"), "iso3"),
])
def test_malformed_feature_names_file_feature_column(tmp_path, bad_feature, column):
    with pytest.raises(DataError) as error:
        load_countries(project(tmp_path, collection(feature("ISR"), bad_feature)))
    assert f"{GEOJSON}:2" in str(error.value)
    assert f"column '{column}'" in str(error.value)


def test_invalid_json_names_file_and_line(tmp_path):
    with pytest.raises(DataError, match=f"{GEOJSON}:2"):
        load_geojson(project(tmp_path, '{"type": "FeatureCollection",\n "features": [,]}'))


@pytest.fixture(scope="module")
def countries(paths):
    return load_countries(paths)


@pytest.mark.parametrize(("name", "iso3"), [
    ("Russia", "RUS"), ("Russian Federation", "RUS"), ("Israel", "ISR"), ("Ukraine", "UKR"), ("Belarus", "BLR"),
    ("Uzbekistan", "UZB"), ("Moldova", "MDA"), ("Turkey", "TUR"), ("Iran", "IRN"), ("Egypt", "EGY"),
    ("Saudi Arabia", "SAU"), ("United Arab Emirates", "ARE"), ("Palestinian territories", "PSE"),
    ("Palestinian territories (West Bank)", "PSE"), ("Palestinian Authority", "PSE"), ("USA", "USA"), ("UK", "GBR"),
])
def test_iso3_for_name(countries, name, iso3):
    assert iso3_for_name(name, countries) == iso3


@pytest.mark.parametrize("name", ["USSR", "Azerbaijan and Armenia", "russia", "Atlantis"])
def test_iso3_for_unknown_name(countries, name):
    with pytest.raises(ValueError, match="unknown country name"):
        iso3_for_name(name, countries)


def test_iso3_for_name_without_polygon(countries):
    with pytest.raises(ValueError, match="no polygon"):
        iso3_for_name("Israel", countries[countries["iso3"] != "ISR"])


def test_every_alias_and_used_code_has_a_polygon(countries):
    assert set(ISO3_USED) <= set(countries["iso3"])
    assert set(ISO3_BY_NAME.values()) <= set(countries["iso3"])


def test_full_dataset(countries, paths):
    assert len(countries) == 177
    assert countries.loc[countries["name"] == "Kosovo", "iso3"].tolist() == ["-99"]
    assert len(load_geojson(paths)["features"]) == 177
    assert not frame_problems(countries, load_metadata(paths.meta / "countries.json"), "data/meta/countries.json")
    assert_matches_golden(countries, "countries")


def write_shapefile(path, records: list[tuple], fields: list[str]) -> None:
    with shapefile.Writer(str(path), shapeType=shapefile.POLYGON) as writer:
        for field in fields:
            writer.field(field, "C", size=40)
        for offset, record in enumerate(records):
            writer.poly([[[offset, 0], [offset, 1.123456], [offset + 1, 1], [offset + 1, 0], [offset, 0]]])
            writer.record(*record)


def test_build_script_codes_sorting_and_rounding(tmp_path):
    shp = tmp_path / "tiny.shp"
    write_shapefile(shp, [("-99", "Kosovo", "Europe", "KOS"), ("ISR", "Israel", "Asia", "ISR"),
                          ("-99", "France", "Europe", "FRA")], ["ISO_A3", "NAME", "CONTINENT", "ADM0_A3"])
    output = tmp_path / "out.geojson"
    load_build_script().main([str(shp), "--output", str(output)])
    features = json.loads(output.read_text(encoding="utf-8"))["features"]
    assert [f["properties"] for f in features] == [
        {"iso3": "FRA", "name": "France", "continent": "Europe"},
        {"iso3": "ISR", "name": "Israel", "continent": "Asia"},
        {"iso3": "KOS", "name": "Kosovo", "continent": "Europe"},
    ]
    assert features[1]["geometry"]["coordinates"][0][1] == [1, 1.1235]


def test_build_script_keeps_minus_99_without_adm0_a3(tmp_path):
    shp = tmp_path / "tiny.shp"
    write_shapefile(shp, [("-99", "Kosovo", "Europe")], ["iso_a3", "name", "continent"])
    features = load_build_script().read_features(shp)
    assert features[0]["properties"]["iso3"] == "-99"


def test_build_script_requires_fields(tmp_path):
    shp = tmp_path / "tiny.shp"
    write_shapefile(shp, [("ISR", "Israel")], ["iso_a3", "name"])
    with pytest.raises(DataError, match="column 'continent'"):
        load_build_script().read_features(shp)


@pytest.mark.skipif(not NATURAL_EARTH_SHP.exists(), reason="no Natural Earth shapefile at NATURAL_EARTH_SHP")
def test_committed_geojson_rebuilds_byte_identical(tmp_path, paths):
    output = tmp_path / "rebuilt.geojson"
    load_build_script().main([str(NATURAL_EARTH_SHP), "--output", str(output)])
    assert output.read_bytes() == (paths.geo / "countries_110m.geojson").read_bytes()
