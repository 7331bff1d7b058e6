"""Downloads that keep every row's source: a CSV, and a zip with the CSV, the sidecar and a README."""

from __future__ import annotations

import io
import json
import zipfile

import pandas as pd

from dashboard_data.metadata import citation


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def readme_text(meta: dict, filter_sentence: str, rows: int, data_version: str) -> str:
    sources = "\n".join(f"- {s['title']}: {s.get('url') or s.get('path')} (retrieved {s['retrieved']})"
                        for s in meta["sources"])
    return (
        f"{meta['title']}\n{'=' * len(meta['title'])}\n\n{meta['description']}\n\n"
        f"Filter: {filter_sentence}\nRows: {rows}\nData version: {data_version}\n\n"
        f"Every row carries its own source_url, reporter or attribution, unit, period and quality flag;\n"
        f"quote the row's source, not this dashboard, for a figure.\n\n"
        f"Sources\n-------\n{sources}\n\n"
        f"Licence\n-------\n{meta['licence']['name']}. {meta['licence'].get('note', '')}\n\n"
        f"How to cite\n-----------\n{citation(meta)} Data version {data_version}.\n"
    )


def zip_bytes(frame: pd.DataFrame, meta: dict, filter_sentence: str, data_version: str) -> bytes:
    """A zip holding exactly `frame` as CSV, the dataset's metadata (plus the filter used) and a README."""
    name = meta["name"]
    export_meta = {**meta, "export": {"filter": filter_sentence, "rows": len(frame), "data_version": data_version}}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{name}.csv", to_csv_bytes(frame))
        archive.writestr(f"{name}.metadata.json", json.dumps(export_meta, indent=2, ensure_ascii=False))
        archive.writestr("README.txt", readme_text(meta, filter_sentence, len(frame), data_version))
    return buffer.getvalue()
