"""Snapshot folders: written whole or not at all, found again by content hash, read back with their checksums checked.

A snapshot is data/snapshots/<kind>-<YYYYMMDD>-<hash>/ holding raw/ (what was received, one file per request or the
imported file), rows.csv (normalized, the trade dataset's columns) and snapshot.json (query, retrieval time, client,
row counts, sha256 of every file). Layout and rules: data/snapshots/README.md.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard_data.errors import DataError, Problem, fail
from dashboard_data.paths import ProjectPaths

KINDS = ("comtrade", "import")
SHORT_HASH = 10
SNAPSHOT_ID_PATTERN = rf"(?:{'|'.join(KINDS)})-\d{{8}}-[0-9a-f]{{{SHORT_HASH}}}"
SNAPSHOT_ID = re.compile(rf"^{SNAPSHOT_ID_PATTERN}$")
MANIFEST = "snapshot.json"
ROWS = "rows.csv"
RAW = "raw"


def snapshots_dir(paths: ProjectPaths) -> Path:
    return paths.root / "data" / "snapshots"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_hash(query: dict, files: dict[str, bytes]) -> str:
    """sha256 over the query and every received file, never over the retrieval time: the same answer to the same
    question hashes the same, which is what makes a repeated run a no-op."""
    digest = hashlib.sha256(json.dumps(query, sort_keys=True).encode())
    for name in sorted(files):
        digest.update(f"\x1f{name}\x1f{sha256_of(files[name])}".encode())
    return digest.hexdigest()


def snapshot_id(kind: str, retrieved_at: str, full_hash: str) -> str:
    return f"{kind}-{retrieved_at[:10].replace('-', '')}-{full_hash[:SHORT_HASH]}"


# --- writing -------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    """What a refresh or import did: the snapshot folder, whether this run created it, and its row count."""

    folder: Path
    created: bool
    rows: int


def existing_snapshot(out_dir: Path, kind: str, full_hash: str) -> Path | None:
    """The snapshot already holding exactly this content, whatever day it was written."""
    for folder in sorted(out_dir.glob(f"{kind}-*-{full_hash[:SHORT_HASH]}")):
        if SNAPSHOT_ID.match(folder.name) and read_manifest(folder)["content_hash"] == full_hash:
            return folder
    return None


@contextmanager
def staged_folder(out_dir: Path, final_name: str) -> Iterator[Path]:
    """A hidden staging folder renamed to `final_name` only when the block succeeds; removed when it fails, so a
    reader never sees a half-written snapshot (the loader skips names starting with a dot)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".staging-{final_name}-", dir=out_dir))
    try:
        yield staging
        staging.rename(out_dir / final_name)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def finish_snapshot(folder: Path, rows: pd.DataFrame, manifest: dict) -> None:
    """Write rows.csv, then snapshot.json with the sha256 of every file in the folder."""
    (folder / ROWS).write_text(rows.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
    files = {path.relative_to(folder).as_posix(): sha256_of(path.read_bytes())
             for path in sorted(folder.rglob("*")) if path.is_file()}
    manifest = {**manifest, "files": files}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# --- reading -------------------------------------------------------------------------------------------------------

def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise fail(path.as_posix(), None, None, None, "snapshot.json missing: not a complete snapshot") from None
    except json.JSONDecodeError as error:
        raise fail(path.as_posix(), error.lineno, None, None, f"invalid JSON: {error.msg}") from None


def snapshot_folders(paths: ProjectPaths) -> list[Path]:
    """Every snapshot under data/snapshots/, oldest retrieval first (ties by id), so row order is deterministic.

    Only folders named like a snapshot id count: staging folders (.staging-*) and anything else are not data.
    """
    directory = snapshots_dir(paths)
    if not directory.is_dir():
        return []
    folders = [folder for folder in directory.iterdir() if folder.is_dir() and SNAPSHOT_ID.match(folder.name)]
    return sorted(folders, key=lambda folder: (read_manifest(folder)["retrieved_at"], folder.name))


def read_snapshot_rows(folder: Path, columns: dict[str, str], display_name: str) -> pd.DataFrame:
    """rows.csv typed as `columns`; it must still match the sha256 recorded when the snapshot was written."""
    path = folder / ROWS
    recorded = read_manifest(folder).get("files", {}).get(ROWS)
    if recorded != sha256_of(path.read_bytes()):
        raise fail(display_name, None, None, None,
                   "does not match the sha256 in snapshot.json: the snapshot was changed after it was written; "
                   "write a new one with refresh or import instead")
    records, lines = read_csv_records(path, list(columns), display_name)
    frame = typed_frame(records, lines, columns, display_name)
    return frame.astype(columns)


def read_csv_records(path: Path, header: list[str], display_name: str) -> tuple[list[list[str]], list[int]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        found = next(reader, [])
        if found != header:
            differing = next((h for h, f in zip(header, found, strict=False) if h != f), None)
            raise fail(display_name, 1, differing, None, "columns differ from the trade dataset's")
        records, lines = [], []
        start = reader.line_num + 1
        for record in reader:
            records.append(record)
            lines.append(start)
            start = reader.line_num + 1
    return records, lines


CELL_PARSERS = {"Int64": int, "Float64": float, "string": str}


def typed_frame(records: list[list[str]], lines: list[int], columns: dict[str, str], display_name: str
                ) -> pd.DataFrame:
    problems: list[Problem] = []
    rows = []
    for record, line in zip(records, lines, strict=True):
        if len(record) != len(columns):
            problems.append(Problem(display_name, line, None, None, f"expected {len(columns)} fields"))
            continue
        row = {}
        for (name, dtype), cell in zip(columns.items(), record, strict=True):
            try:
                row[name] = CELL_PARSERS[dtype](cell) if cell != "" else None
            except ValueError:
                problems.append(Problem(display_name, line, name, cell, f"not a valid {dtype} value"))
        rows.append(row)
    if problems:
        raise DataError(problems)
    return pd.DataFrame(rows, columns=list(columns))


# --- what the app shows --------------------------------------------------------------------------------------------

def snapshot_summary(paths: ProjectPaths) -> list[dict]:
    """One entry per snapshot the trade dataset includes, oldest first: id, kind, retrieved_at, rows and a label
    such as "UN Comtrade snapshot of 2026-01-15". Reads only snapshot.json files."""
    summaries = []
    for folder in snapshot_folders(paths):
        manifest = read_manifest(folder)
        summaries.append({"id": manifest["id"], "kind": manifest["kind"], "retrieved_at": manifest["retrieved_at"],
                          "rows": manifest["row_counts"]["rows"], "label": snapshot_label(manifest)})
    return summaries


def snapshot_label(manifest: dict) -> str:
    day = manifest["retrieved_at"][:10]
    if manifest["kind"] == "comtrade":
        return f"UN Comtrade snapshot of {day}"
    return f"import of {manifest['source']['file']} of {day}"


def data_label(summaries: list[dict]) -> str:
    """ "curated figures", or "curated figures + UN Comtrade snapshot of 2026-01-15" (one "+" per snapshot)."""
    return " + ".join(["curated figures", *(summary["label"] for summary in summaries)])
