"""The UN Comtrade client behind a small protocol, with retries, so tests can inject a fake and never touch the network.

The official client (comtradeapicall, optional extra `refresh`) does not raise on failure: for an HTTP status other
than 200 it prints the reply body (the API's JSON {"statusCode": ..., "message": ...}) and returns None, and for a
connection failure it prints "Request error: ..." and returns None (urllib3 has already retried the connection).
LibraryClient captures that output and turns it into ComtradeHTTPError or ComtradeUnreachableError.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import os
import re
import time
import tomllib
from collections.abc import Callable, Mapping
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Protocol

import pandas as pd

from dashboard_data.refresh.comtrade import DATA_ENDPOINT, MAX_RECORDS, PREVIEW_ENDPOINT, Request

LIBRARY = "comtradeapicall"
KEY_NAME = "COMTRADE_API_KEY"
INSTALL_HINT = "pip install -e '.[refresh]'"


class RefreshError(Exception):
    """A refresh that cannot complete; the message is one line, the exit code says which kind."""

    exit_code = 1


class ComtradeUnreachableError(RefreshError):
    exit_code = 2


class ComtradeHTTPError(RefreshError):
    """An error reply. 429 (rate limit) and 5xx are worth retrying; a reply without a readable status is treated as a
    server error too (a gateway's HTML error page has none)."""

    def __init__(self, status: int | None, message: str):
        self.status = status
        self.message = message
        super().__init__(f"HTTP {status if status is not None else 'error'}: {message}")

    @property
    def retryable(self) -> bool:
        return self.status is None or self.status == 429 or self.status >= 500

    @property
    def retry_after(self) -> float | None:
        """The wait the rate limiter asks for ("Try again in 2 seconds."), if it says."""
        match = re.search(r"Try again in (\d+) seconds?", self.message)
        return float(match[1]) if match else None


class ComtradeClient(Protocol):
    name: str
    version: str
    endpoint: str

    def fetch(self, reporter: str, partner: str, year: int, flow: str, level: str) -> pd.DataFrame: ...


# --- the official client -------------------------------------------------------------------------------------------

class LibraryClient:
    """comtradeapicall: the public preview without a key, the data API with one (the key never leaves this object)."""

    name = LIBRARY

    def __init__(self, library: ModuleType, version: str, api_key: str | None = None):
        self.library = library
        self.version = version
        self.api_key = api_key
        self.endpoint = DATA_ENDPOINT if api_key else PREVIEW_ENDPOINT

    def fetch(self, reporter: str, partner: str, year: int, flow: str, level: str) -> pd.DataFrame:
        selection = Request(reporter, partner, year, flow, level).parameters()
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed):
                frame = self.call(selection)
        except (ValueError, KeyError) as error:
            # The library parses a 200 reply without checking it; an unreadable one is a server fault.
            raise ComtradeHTTPError(None, f"unreadable reply ({error})") from None
        if frame is None:
            raise reply_error(printed.getvalue())
        return frame

    def call(self, selection: dict[str, str]) -> pd.DataFrame | None:
        arguments = {"typeCode": "C", "freqCode": "A", "clCode": "HS", "period": selection["period"],
                     "reporterCode": selection["reporterCode"], "cmdCode": selection["cmdCode"],
                     "flowCode": selection["flowCode"], "partnerCode": selection["partnerCode"],
                     "partner2Code": selection["partner2Code"], "customsCode": selection["customsCode"],
                     "motCode": selection["motCode"], "maxRecords": MAX_RECORDS, "format_output": "JSON",
                     "breakdownMode": "classic", "includeDesc": True}
        if self.api_key:
            return self.library.getFinalData(self.api_key, **arguments)
        return self.library.previewFinalData(**arguments)


def reply_error(printed: str) -> RefreshError:
    text = printed.strip()
    if text.startswith("Request error:"):
        # The query address in urllib3's message is noise here; the host and the cause are what a reader needs.
        cause = first_line(re.sub(r" with url: \S+", "", text.removeprefix("Request error:")))
        return ComtradeUnreachableError(f"UN Comtrade cannot be reached ({cause})")
    try:
        body = json.loads(text)
    except ValueError:
        body = None
    if isinstance(body, dict) and isinstance(body.get("statusCode"), int):
        return ComtradeHTTPError(body["statusCode"], str(body.get("message", "")))
    return ComtradeHTTPError(None, first_line(text) or "no reply body")


def first_line(text: str, limit: int = 300) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line[:limit]


def library_client(api_key: str | None) -> LibraryClient:
    """Import the optional client only when a refresh runs."""
    try:
        library = importlib.import_module(LIBRARY)
    except ImportError:
        raise RefreshError(f"the UN Comtrade client is not installed: {INSTALL_HINT}") from None
    return LibraryClient(library, metadata.version(LIBRARY), api_key)


def api_key(root: Path, environ: Mapping[str, str] = os.environ, home: Path | None = None) -> str | None:
    """COMTRADE_API_KEY from the environment, else from Streamlit secrets (project, then user); None: the preview."""
    if environ.get(KEY_NAME):
        return environ[KEY_NAME]
    for secrets in (root / ".streamlit" / "secrets.toml", (home or Path.home()) / ".streamlit" / "secrets.toml"):
        if secrets.is_file():
            value = tomllib.loads(secrets.read_text(encoding="utf-8")).get(KEY_NAME)
            if value:
                return str(value)
    return None


# --- retries -------------------------------------------------------------------------------------------------------

def fetch_with_retry(client: ComtradeClient, request: Request, *, attempts: int = 5, base_delay: float = 2.0,
                     sleep: Callable[[float], None] = time.sleep) -> pd.DataFrame:
    """Retry 429 and 5xx with exponential backoff (or the wait the API asks for, if longer); anything else, and the
    last failure, is raised as one line naming the request."""
    for attempt in range(1, attempts + 1):
        try:
            frame = client.fetch(request.reporter, request.partner, request.year, request.flow, request.level)
        except ComtradeHTTPError as error:
            if not error.retryable or attempt == attempts:
                tries = f" after {attempt} attempts" if attempt > 1 else ""
                raise RefreshError(f"{request.name}: {error}{tries}") from None
            sleep(max(base_delay * 2 ** (attempt - 1), error.retry_after or 0))
        else:
            check_not_truncated(frame, request)
            return frame


def check_not_truncated(frame: pd.DataFrame, request: Request) -> None:
    if len(frame) >= MAX_RECORDS:
        raise RefreshError(f"{request.name}: the reply has {len(frame)} records, the preview's limit, so it may be "
                           "cut off")
