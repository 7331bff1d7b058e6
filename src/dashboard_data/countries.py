"""Country polygons (Natural Earth 1:110m admin-0, public domain) as a table, the GeoJSON itself, and names -> ISO3.

The GeoJSON is built once by scripts/build_countries.py and committed under data/geo/.
"""

from __future__ import annotations

import json

import pandas as pd
import pandera.pandas as pa

from dashboard_data.errors import DataError, Problem, ProblemCollector
from dashboard_data.paths import ProjectPaths
from dashboard_data.rawcsv import FILE, LINE
from dashboard_data.validation import validate_frame

NAME = "countries"
KEY = ["iso3"]
GEOJSON_NAME = "countries_110m.geojson"
SOURCE_URL = "https://www.naturalearthdata.com/downloads/110m-cultural-vectors/"
PROPERTIES = ("iso3", "name", "continent")
POLYGON_TYPES = ("Polygon", "MultiPolygon")
# Label points are computed from 4-decimal coordinates; more digits would be noise.
LABEL_DECIMALS = 4

# Country names as the project's other datasets print them -> the code Natural Earth uses for that polygon.
# Groups ("Azerbaijan and Armenia") and dissolved states ("USSR") are deliberately absent: they have no polygon.
ISO3_BY_NAME = {
    "Russia": "RUS", "Russian Federation": "RUS", "Israel": "ISR",
    "Ukraine": "UKR", "Belarus": "BLR", "Moldova": "MDA",
    "Lithuania": "LTU", "Latvia": "LVA", "Estonia": "EST",
    "Georgia": "GEO", "Armenia": "ARM", "Azerbaijan": "AZE",
    "Kazakhstan": "KAZ", "Kyrgyzstan": "KGZ", "Tajikistan": "TJK", "Turkmenistan": "TKM", "Uzbekistan": "UZB",
    "Turkey": "TUR", "Iran": "IRN", "Syria": "SYR", "Egypt": "EGY",
    "Saudi Arabia": "SAU", "United Arab Emirates": "ARE",
    "USA": "USA", "United States": "USA", "UK": "GBR", "United Kingdom": "GBR",
    "France": "FRA", "Germany": "DEU",
    # The Palestine polygon of Natural Earth 110m (West Bank outline) stands for all three wordings.
    "Palestinian territories": "PSE", "Palestinian territories (West Bank)": "PSE", "Palestinian Authority": "PSE",
}


def load_geojson(paths: ProjectPaths) -> dict:
    """The committed FeatureCollection, for map layers (pydeck GeoJsonLayer)."""
    path = paths.geo / GEOJSON_NAME
    where = paths.relative(path)
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise DataError([Problem(where, error.lineno, None, None, f"invalid JSON: {error.msg}")]) from None
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise DataError([Problem(where, None, "type", None, "expected a GeoJSON FeatureCollection")])
    return collection


def ring_area_and_centroid(ring: list) -> tuple[float, float, float] | None:
    """Signed planar area and area-weighted centroid (shoelace formula) of a ring in lon/lat degrees.

    None for a ring without area: Natural Earth's North Korea has a sliver that 4-decimal rounding collapses.
    """
    twice_area = centroid_x = centroid_y = 0.0
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = x0 * y1 - x1 * y0
        twice_area += cross
        centroid_x += (x0 + x1) * cross
        centroid_y += (y0 + y1) * cross
    if twice_area == 0:
        return None
    return twice_area / 2, centroid_x / (3 * twice_area), centroid_y / (3 * twice_area)


def label_point(polygons: list) -> tuple[float, float]:
    """Centroid of the exterior ring of the polygon with the largest exterior area (holes ignored).

    Computed in plain lon/lat degrees: good enough to place a label inside the main landmass, not a geodesic centroid.
    """
    rings = [ring for ring in (ring_area_and_centroid(polygon[0]) for polygon in polygons) if ring is not None]
    if not rings:
        raise ValueError("no polygon has an area")
    _, lon, lat = max(rings, key=lambda ring: abs(ring[0]))
    return round(lon, LABEL_DECIMALS), round(lat, LABEL_DECIMALS)


def country_row(feature: dict, number: int, file: str, problems: ProblemCollector) -> dict | None:
    """One feature -> one table row; `number` (1-based feature position) stands in for a line number."""
    properties = feature.get("properties") or {}
    for name in PROPERTIES:
        if not isinstance(properties.get(name), str) or not properties[name].strip():
            problems.add(file, number, name, properties.get(name), "missing or empty feature property")
    geometry = feature.get("geometry") or {}
    if geometry.get("type") not in POLYGON_TYPES:
        problems.add(file, number, "geometry", geometry.get("type"), f"geometry must be one of {POLYGON_TYPES}")
        return None
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    try:
        label_lon, label_lat = label_point(polygons)
    except (ValueError, TypeError, IndexError) as error:
        problems.add(file, number, "geometry", None, f"cannot compute a label point: {error}")
        return None
    return {**{name: properties.get(name) for name in PROPERTIES}, "label_lon": label_lon, "label_lat": label_lat,
            "n_polygons": len(polygons), "source_url": SOURCE_URL, FILE: file, LINE: number}


def normalize_countries(collection: dict, file: str) -> pd.DataFrame:
    """FeatureCollection -> one row per country with a computed label point."""
    problems = ProblemCollector()
    rows = [country_row(feature, number, file, problems)
            for number, feature in enumerate(collection.get("features", []), start=1)]
    problems.raise_if_any()
    frame = pd.DataFrame(rows, columns=[*PROPERTIES, "label_lon", "label_lat", "n_polygons", "source_url", FILE, LINE])
    return frame.astype({**dict.fromkeys([*PROPERTIES, "source_url", FILE], "string"), "label_lon": "Float64",
                         "label_lat": "Float64", "n_polygons": "Int64", LINE: "Int64"})


def iso3_for_name(name: str, countries: pd.DataFrame) -> str:
    """Map a country name as printed in the project's data to the ISO3 code of its polygon.

    Raises ValueError for a name not in ISO3_BY_NAME or a code without a polygon in `countries`; callers that
    know the file and line turn it into a DataError.
    """
    if name not in ISO3_BY_NAME:
        raise ValueError(f"unknown country name {name!r}; add it to countries.ISO3_BY_NAME if it is one country")
    code = ISO3_BY_NAME[name]
    if code not in set(countries["iso3"]):
        raise ValueError(f"country name {name!r} maps to {code}, which has no polygon in the countries table")
    return code


SCHEMA = pa.DataFrameSchema({
    "iso3": pa.Column("string", checks=pa.Check.str_matches(r"^([A-Z]{3}|-99)$")),
    "name": pa.Column("string"),
    "continent": pa.Column("string"),
    "label_lon": pa.Column("Float64", checks=pa.Check.in_range(-180, 180)),
    "label_lat": pa.Column("Float64", checks=pa.Check.in_range(-90, 90)),
    "n_polygons": pa.Column("Int64", checks=pa.Check.ge(1)),
    "source_url": pa.Column("string"),
    FILE: pa.Column("string"),
    LINE: pa.Column("Int64"),
}, strict=True, ordered=True)


def load_countries(paths: ProjectPaths) -> pd.DataFrame:
    file = paths.relative(paths.geo / GEOJSON_NAME)
    return validate_frame(normalize_countries(load_geojson(paths), file), SCHEMA, KEY, NAME)


LOADERS = {NAME: load_countries}
