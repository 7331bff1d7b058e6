import json

import pandas as pd
import pytest

from dashboard_data.errors import DataError
from dashboard_data.metadata import citation, frame_problems, load_metadata, structure_problems
from dashboard_data.registry import DATASETS, metadata

GOOD = {
    "name": "demo", "title": "Demo", "description": "A demo table.", "primary_key": ["id"],
    "licence": {"name": "Public domain"},
    "fields": [{"name": "id", "type": "string", "unit": None, "description": "key"},
               {"name": "value", "type": "number", "unit": "USD", "description": "amount"}],
    "sources": [{"title": "A page", "url": "https://example.org", "retrieved": "2026-11-25"}],
}


def test_a_good_sidecar_has_no_problems():
    assert structure_problems(GOOD, "demo.json") == []


@pytest.mark.parametrize(("change", "message"), [
    ({"title": None}, "required metadata key missing"),
    ({"fields": [{"name": "id", "type": "text", "unit": None, "description": "k"}]}, "field type must be"),
    ({"fields": [{"name": "id", "type": "string", "description": "k"}]}, "needs 'unit'"),
    ({"sources": [{"title": "x", "url": "https://e.org", "retrieved": "Nov 2026"}]}, "YYYY-MM-DD"),
    ({"sources": [{"title": "x", "retrieved": "2026-11-25"}]}, "url or path"),
    ({"licence": {}}, "licence needs"),
    ({"primary_key": []}, "primary key is required"),
])
def test_structure_problems(change, message):
    meta = {**GOOD, **change}
    if change.get("title", 1) is None:
        del meta["title"]
    assert any(message in p.message for p in structure_problems(meta, "demo.json"))


def test_invalid_json_names_the_file_and_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{\n "name": \n}', encoding="utf-8")
    with pytest.raises(DataError, match=r"bad.json:3: invalid JSON"):
        load_metadata(path)


def frame(values=(1.0, 2.0), ids=("a", "b")):
    return pd.DataFrame({"id": pd.array(ids, dtype="string"), "value": pd.array(values, dtype="Float64")})


def test_frame_matches_its_sidecar():
    assert frame_problems(frame(), GOOD, "demo.json") == []


def test_frame_with_undeclared_column_or_wrong_type_or_duplicate_key():
    assert "undeclared: ['extra']" in frame_problems(frame().assign(extra=1), GOOD, "d")[0].message
    wrong_type = frame().assign(value=pd.array(["x", "y"], dtype="string"))
    assert frame_problems(wrong_type, GOOD, "d")[0].column == "value"
    assert frame_problems(frame(ids=("a", "a")), GOOD, "d")[0].message == "primary key is not unique"


def test_citation_names_dataset_and_sources():
    assert citation(GOOD) == ("Russia–Israel Relations Dashboard, dataset 'demo' (Demo). Sources: A page.")


@pytest.mark.parametrize("name", list(DATASETS))
def test_every_registered_dataset_has_a_valid_sidecar(paths, name):
    meta = metadata(name, paths)
    assert meta["name"] == name
    assert len(meta["fields"]) >= 3
    assert json.dumps(meta)  # serialisable for the zip export
