import io
import json
import zipfile

import pandas as pd

from dashboard_data.export import to_csv_bytes, zip_bytes
from dashboard_data.version import data_version, table_digest

META = {
    "name": "demo", "title": "Demo", "description": "A demo table.", "primary_key": ["id"],
    "licence": {"name": "Public domain", "note": "Facts."},
    "fields": [], "sources": [{"title": "A page", "url": "https://example.org", "retrieved": "2026-11-25"}],
}
ROWS = pd.DataFrame({"id": ["a", "b"], "value": [1.5, None], "source_url": ["https://x.org", "https://y.org"]})


def test_zip_holds_exactly_the_rows_the_metadata_and_a_readme():
    archive = zipfile.ZipFile(io.BytesIO(zip_bytes(ROWS, META, "2018, turnover", "abc123")))
    assert sorted(archive.namelist()) == ["README.txt", "demo.csv", "demo.metadata.json"]
    assert pd.read_csv(archive.open("demo.csv"))["id"].tolist() == ["a", "b"]
    exported = json.loads(archive.read("demo.metadata.json"))
    assert exported["export"] == {"filter": "2018, turnover", "rows": 2, "data_version": "abc123"}
    readme = archive.read("README.txt").decode()
    assert "Filter: 2018, turnover" in readme
    assert "https://example.org (retrieved 2026-11-25)" in readme
    assert "How to cite" in readme


def test_csv_keeps_gaps_as_empty_cells():
    assert to_csv_bytes(ROWS).decode().splitlines()[2] == "b,,https://y.org"


def test_data_version_changes_when_any_value_changes():
    before = data_version({"demo": ROWS})
    after = data_version({"demo": ROWS.assign(value=[1.6, None])})
    assert before != after
    assert len(before) == 12
    assert table_digest(ROWS) == table_digest(ROWS.copy())
