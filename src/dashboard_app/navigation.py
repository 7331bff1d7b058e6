"""The page registry: stable url_paths (never rename one: shared links depend on them)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class PageEntry:
    script: str
    title: str
    url_path: str
    icon: str
    hidden: bool = False


PAGES: tuple[PageEntry, ...] = (
    PageEntry("pages/datasets.py", "Datasets", "datasets", ":material/table_view:"),
)


def page_by_url(url_path: str) -> PageEntry | None:
    return next((p for p in PAGES if p.url_path == url_path), None)
