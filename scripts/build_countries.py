"""Build data/geo/countries_110m.geojson from a Natural Earth 1:110m admin-0 countries shapefile (read with pyshp).

    python scripts/build_countries.py /tmp/gpd/geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp

The input used for the committed file is `naturalearth_lowres` as shipped in the geopandas 0.14.4 wheel
(see data/meta/countries.json for its checksums). The output keeps three properties (iso3, name, continent),
sorts features by iso3 then name and rounds coordinates to 4 decimals, so a rebuild is byte-identical.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

import shapefile

from dashboard_data.errors import fail

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = ROOT / "data" / "geo" / "countries_110m.geojson"
# About 11 m at the equator: far finer than the 1:110m linework, and it keeps the file small.
DECIMALS = 4
REQUIRED_FIELDS = ("iso_a3", "name", "continent")
# Natural Earth prints -99 where a country has no ISO 3166-1 code of its own.
NO_ISO_CODE = "-99"


def country_code(record: dict) -> str:
    """ISO 3166-1 alpha-3 as Natural Earth prints it; where that is -99, Natural Earth's own ADM0_A3 code if the
    file carries that field (the rule geopandas applied when it packaged naturalearth_lowres), else -99 as printed.
    """
    code = record["iso_a3"]
    return record.get("adm0_a3", code) if code == NO_ISO_CODE else code


def rounded(coordinates: Sequence) -> list:
    if isinstance(coordinates[0], int | float):
        return [round(value, DECIMALS) for value in coordinates]
    return [rounded(part) for part in coordinates]


def feature(shape_record: shapefile.ShapeRecord) -> dict:
    # Field names are lower case in the geopandas copy and upper case in Natural Earth's own download.
    record = {name.lower(): value for name, value in shape_record.record.as_dict().items()}
    geometry = shape_record.shape.__geo_interface__
    return {
        "type": "Feature",
        "properties": {"iso3": country_code(record), "name": record["name"], "continent": record["continent"]},
        "geometry": {"type": geometry["type"], "coordinates": rounded(geometry["coordinates"])},
    }


def read_features(shp_path: Path) -> list[dict]:
    with shapefile.Reader(str(shp_path)) as reader:
        fields = {field.name.lower() for field in reader.fields}
        for required in REQUIRED_FIELDS:
            if required not in fields:
                raise fail(shp_path.with_suffix(".dbf"), None, required, None, "required attribute field missing")
        return [feature(shape_record) for shape_record in reader.iterShapeRecords()]


def geojson_text(features: list[dict]) -> str:
    """A FeatureCollection with one feature per line, so a rebuild's diff shows which countries changed."""
    ordered = sorted(features, key=lambda f: (f["properties"]["iso3"], f["properties"]["name"]))
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in ordered]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shp", type=Path, help="path to the Natural Earth admin-0 countries .shp")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="GeoJSON file to write")
    args = parser.parse_args(argv)
    features = read_features(args.shp)
    args.output.write_text(geojson_text(features), encoding="utf-8")
    print(f"wrote {len(features)} countries to {args.output}")


if __name__ == "__main__":
    main()
