import pandas as pd
import pandera.pandas as pa
import pytest

from dashboard_data.errors import DataError
from dashboard_data.rawcsv import blank_to_na, read_raw_csv
from dashboard_data.validation import validate_frame


def write(tmp_path, text, name="raw.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_records_keep_the_line_they_start_on_even_after_a_multiline_field(tmp_path):
    path = write(tmp_path, 'a,b\n1,"two\nlines"\n\n3,x\n')
    frame = read_raw_csv(path, ["a", "b"], display_name="raw.csv")
    assert frame["raw_line"].tolist() == [2, 5]
    assert frame["b"].tolist() == ["two\nlines", "x"]
    assert set(frame["raw_file"]) == {"raw.csv"}


def test_missing_required_column_names_file_line_and_column(tmp_path):
    path = write(tmp_path, "a,c\n1,2\n")
    with pytest.raises(DataError, match=r"raw.csv:1: column 'b'.*required column missing"):
        read_raw_csv(path, ["a", "b"], display_name="raw.csv")


def test_a_record_with_the_wrong_field_count_names_its_line(tmp_path):
    path = write(tmp_path, "a,b\n1,2\n3\n")
    with pytest.raises(DataError, match=r"raw.csv:3: expected 2 fields, found 1"):
        read_raw_csv(path, ["a"], display_name="raw.csv")


def test_an_empty_file_is_an_error(tmp_path):
    with pytest.raises(DataError, match="empty"):
        read_raw_csv(write(tmp_path, ""), ["a"], display_name="raw.csv")


def test_blank_to_na():
    assert blank_to_na(pd.Series([" x ", "  ", ""], dtype="string")).tolist() == ["x", pd.NA, pd.NA]


SCHEMA = pa.DataFrameSchema({"value": pa.Column("Float64", pa.Check.ge(0), nullable=False)})


def test_schema_failures_point_at_the_raw_row(tmp_path):
    frame = pd.DataFrame({"id": ["a", "b"], "value": pd.array([1.0, -2.0], dtype="Float64"),
                          "raw_file": ["f.csv", "f.csv"], "raw_line": pd.array([2, 3], dtype="Int64")})
    with pytest.raises(DataError) as caught:
        validate_frame(frame, SCHEMA, ["id"], "demo")
    assert str(caught.value).startswith("f.csv:3: column 'value' value '-2.0':")


def test_duplicate_keys_name_both_rows():
    frame = pd.DataFrame({"id": ["a", "a"], "value": pd.array([1.0, 2.0], dtype="Float64"),
                          "raw_file": ["f.csv", "f.csv"], "raw_line": pd.array([2, 7], dtype="Int64")})
    with pytest.raises(DataError) as caught:
        validate_frame(frame, SCHEMA, ["id"], "demo")
    lines = [p.line for p in caught.value.problems]
    assert lines == [2, 7]
    assert all(p.message == "duplicate key in dataset 'demo'" for p in caught.value.problems)
