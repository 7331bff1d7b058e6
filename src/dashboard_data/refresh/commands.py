"""`refresh comtrade` and `import FILE`: fetch or read, normalize, validate, then write one snapshot in one step.

Nothing is written before everything is fetched and every row validates; a repeated run with the same content finds
its snapshot by hash and writes nothing. Exit codes: 0 written or unchanged, 1 failed, 2 UN Comtrade unreachable.
"""

from __future__ import annotations

import csv
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TextIO

import pandas as pd

from dashboard_data import __version__
from dashboard_data.errors import DataError, fail
from dashboard_data.paths import ProjectPaths
from dashboard_data.rawcsv import FILE, LINE, read_raw_csv
from dashboard_data.refresh import comtrade, template
from dashboard_data.refresh.client import ComtradeClient, RefreshError, fetch_with_retry
from dashboard_data.refresh.comtrade import Request, plan_requests
from dashboard_data.refresh.figures import snapshot_rows
from dashboard_data.refresh.store import (
    RAW,
    Outcome,
    content_hash,
    existing_snapshot,
    finish_snapshot,
    read_manifest,
    sha256_of,
    snapshot_id,
    staged_folder,
    write_files,
)
from dashboard_data.trade import check_one_value_per_comtrade_figure, validate_trade

FIRST_YEAR = 1991  # Russia's trade as a state; the trade dataset's schema starts there too
LAYOUTS = {"comtrade": "UN Comtrade export", "template": "trade template"}


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_years(text: str) -> range:
    """'1996-2024' or '2020', inclusive, from 1991 to the current year."""
    first, _, last = text.partition("-")
    if not (first.isdigit() and (last or first).isdigit()):
        raise ValueError(f"years must look like 1996-2024 or 2020, not {text!r}")
    years = range(int(first), int(last or first) + 1)
    if not years or years.start < FIRST_YEAR or years.stop - 1 > datetime.now(UTC).year:
        raise ValueError(f"years must run forward from {FIRST_YEAR} at the earliest to this year at the latest")
    return years


class Progress:
    """A one-line text progress bar on stderr: [#####-----] 12/812 RUS-ISR-2001-X-AG2."""

    def __init__(self, total: int, stream: TextIO, width: int = 30):
        self.total, self.stream, self.width, self.done = total, stream, width, 0

    def step(self, label: str) -> None:
        self.done += 1
        filled = self.width * self.done // self.total
        self.stream.write(f"\r[{'#' * filled}{'-' * (self.width - filled)}] {self.done}/{self.total} {label:<24}")
        self.stream.flush()

    def close(self) -> None:
        """End the bar's line, if one was drawn, so what follows starts on its own line."""
        if self.done:
            self.stream.write("\n")
            self.stream.flush()


# --- refresh comtrade ----------------------------------------------------------------------------------------------

def refresh_comtrade(client: ComtradeClient, years: range, out_dir: Path, paths: ProjectPaths, *,
                     sleep: Callable[[float], None] = time.sleep, stream: TextIO | None = None,
                     now: Callable[[], str] = utc_now) -> Outcome:
    replies = fetch_all(client, plan_requests(years), sleep, stream or sys.stderr)
    files = {raw_name(request): reply_csv(reply) for request, reply in replies}
    query = {"endpoint": client.endpoint, "typeCode": "C", "freqCode": "A", "clCode": "HS",
             "years": f"{years.start}-{years.stop - 1}", "flows": list(comtrade.FLOWS), "levels": comtrade.LEVELS}
    full_hash = content_hash(query, files)
    existing = existing_snapshot(out_dir, "comtrade", full_hash)
    if existing:
        return Outcome(existing, created=False, rows=read_manifest(existing)["row_counts"]["rows"])
    retrieved_at = now()
    new_id = snapshot_id("comtrade", retrieved_at, full_hash)
    with staged_folder(out_dir, new_id) as staging:
        write_files(staging, files)
        rows = []
        for request, reply in replies:
            if not reply.empty:
                rows += reply_rows(staging, request, client.endpoint, retrieved_at, paths.relative(out_dir / new_id))
        frame = validated_rows(rows, new_id)
        manifest = {"id": new_id, "kind": "comtrade", "content_hash": full_hash, "retrieved_at": retrieved_at,
                    "client": {"name": client.name, "version": client.version}, "query": query,
                    **replies_entries(client.endpoint, replies, len(frame))}
        finish_snapshot(staging, frame, manifest)
    return Outcome(out_dir / new_id, created=True, rows=len(frame))


def fetch_all(client: ComtradeClient, requests: list[Request], sleep: Callable[[float], None],
              stream: TextIO) -> list[tuple[Request, pd.DataFrame]]:
    progress = Progress(len(requests), stream)
    replies = []
    try:
        for request in requests:
            replies.append((request, fetch_with_retry(client, request, sleep=sleep)))
            progress.step(request.name)
    finally:
        progress.close()
    return replies


def raw_name(request: Request) -> str:
    return f"{RAW}/{request.name}.csv"


def reply_csv(reply: pd.DataFrame) -> bytes:
    """The reply as the client returned it; an empty reply (no records for that query) is an empty file."""
    return b"" if reply.empty else reply.to_csv(index=False, lineterminator="\n").encode("utf-8")


def reply_rows(staging: Path, request: Request, endpoint: str, retrieved_at: str, final_folder: str) -> list[dict]:
    name = raw_name(request)
    raw = read_raw_csv(staging / name, comtrade.REQUIRED, display_name=f"{final_folder}/{name}")
    comtrade.check_reply_matches(raw, request)
    return comtrade.normalize_comtrade(raw, partial(comtrade.reply_query_url, endpoint, request), retrieved_at[:10])


def replies_entries(endpoint: str, replies: list[tuple[Request, pd.DataFrame]], rows: int) -> dict:
    """snapshot.json's account of the requests: each one's query address, stored file and record count."""
    requests = [{"request": request.name, "url": comtrade.query_url(endpoint, request), "file": raw_name(request),
                 "records": len(reply)} for request, reply in replies]
    counts = {"requests": len(replies), "empty_replies": sum(reply.empty for _, reply in replies),
              "records": sum(len(reply) for _, reply in replies), "rows": rows}
    return {"requests": requests, "row_counts": counts}


def validated_rows(rows: list[dict], new_id: str) -> pd.DataFrame:
    frame = snapshot_rows(rows, new_id)
    check_one_value_per_comtrade_figure(frame)
    return validate_trade(frame)


# --- import FILE ---------------------------------------------------------------------------------------------------

def import_file(path: Path, kind: str | None, out_dir: Path, paths: ProjectPaths, *,
                now: Callable[[], str] = utc_now) -> Outcome:
    """Store a hand-downloaded UN Comtrade file or a trade-template file as a snapshot; errors name `path` as given."""
    display = path.as_posix()
    data = path.read_bytes()
    text, encoding = decode(data, display)
    kind = kind or detect_layout(first_row(text), display)
    stored = {f"{RAW}/{path.name}": text.encode("utf-8")}
    # The layout and the content decide the hash, not the file's name: the same file imported again is a no-op.
    full_hash = content_hash({"layout": kind}, {"file": stored[f"{RAW}/{path.name}"]})
    existing = existing_snapshot(out_dir, "import", full_hash)
    if existing:
        return Outcome(existing, created=False, rows=read_manifest(existing)["row_counts"]["rows"])
    retrieved_at = now()
    new_id = snapshot_id("import", retrieved_at, full_hash)
    with staged_folder(out_dir, new_id) as staging:
        write_files(staging, stored)
        raw = read_layout(staging / RAW / path.name, kind, display)
        frame = validated_rows(normalize_layout(raw, kind, path.name, retrieved_at), new_id)
        frame[FILE] = paths.relative(out_dir / new_id / RAW / path.name)
        manifest = {"id": new_id, "kind": "import", "content_hash": full_hash, "retrieved_at": retrieved_at,
                    "client": {"name": "dashboard_data import", "version": __version__},
                    "source": {"file": path.name, "layout": LAYOUTS[kind], "encoding": encoding,
                               "sha256": sha256_of(data)},
                    "row_counts": {"records": len(raw), "rows": len(frame)}}
        finish_snapshot(staging, frame, manifest)
    return Outcome(out_dir / new_id, created=True, rows=len(frame))


def decode(data: bytes, display: str) -> tuple[str, str]:
    """UTF-8 (a byte-order mark is dropped), else Windows-1252, in which UN Comtrade's web exports come."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise fail(display, None, None, None, "neither UTF-8 nor Windows-1252 text")


def first_row(text: str) -> list[str]:
    return next(csv.reader(text.splitlines()), [])


def detect_layout(header: list[str], display: str) -> str:
    if comtrade.is_comtrade_layout(header):
        return "comtrade"
    if template.is_template_layout(header):
        return "template"
    raise fail(display, 1, None, None, "neither the UN Comtrade export layout (reporterCode, partnerCode, "
               f"primaryValue, ...) nor the trade template ({', '.join(template.COLUMNS)}; docs/TRADE_TEMPLATE.md)")


def read_layout(path: Path, kind: str, display: str) -> pd.DataFrame:
    if kind == "comtrade":
        return read_raw_csv(path, comtrade.REQUIRED, display_name=display)
    raw = read_raw_csv(path, template.COLUMNS, display_name=display)
    extra = [column for column in raw.columns if column not in (*template.COLUMNS, FILE, LINE)]
    if extra:
        raise fail(display, 1, extra[0], None,
                   f"not a template column; the template has: {', '.join(template.COLUMNS)}")
    return raw


def normalize_layout(raw: pd.DataFrame, kind: str, file_name: str, retrieved_at: str) -> list[dict]:
    if kind == "template":
        return template.normalize_template(raw, file_name)
    note = f"imported from {file_name}, downloaded from UN Comtrade by hand"
    return comtrade.normalize_comtrade(raw, comtrade.row_query_url, retrieved_at[:10], note)


# --- exit codes ----------------------------------------------------------------------------------------------------

def run_refresh(paths: ProjectPaths, years: range, out_dir: Path, client_factory: Callable[[], ComtradeClient], *,
                sleep: Callable[[float], None] = time.sleep, stdout: TextIO | None = None,
                stderr: TextIO | None = None) -> int:
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    try:
        outcome = refresh_comtrade(client_factory(), years, out_dir, paths, sleep=sleep, stream=stderr)
    except RefreshError as error:
        print(f"error: {error}; nothing was written", file=stderr)
        return error.exit_code
    except DataError as error:
        return report_data_error(error, stderr)
    report(outcome, paths, stdout)
    return 0


def run_import(paths: ProjectPaths, path: Path, kind: str | None, out_dir: Path, *, stdout: TextIO | None = None,
               stderr: TextIO | None = None) -> int:
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    try:
        outcome = import_file(path, kind, out_dir, paths)
    except DataError as error:
        return report_data_error(error, stderr)
    except OSError as error:
        print(f"error: {path}: {error.strerror}; nothing was written", file=stderr)
        return 1
    report(outcome, paths, stdout)
    return 0


def report_data_error(error: DataError, stderr: TextIO) -> int:
    print(f"error: {len(error.problems)} problem(s); nothing was written", file=stderr)
    for problem in error.problems:
        print(f"  {problem}", file=stderr)
    return 1


def report(outcome: Outcome, paths: ProjectPaths, stdout: TextIO) -> None:
    where = paths.relative(outcome.folder)
    if outcome.created:
        print(f"wrote {where}: {outcome.rows} rows", file=stdout)
    else:
        print(f"unchanged: {where} already holds this data ({outcome.rows} rows); nothing written", file=stdout)
