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

    @property
    def route(self) -> str:
        """The path the page is served at: Streamlit serves the default (first) page only at the root."""
        return "" if self is PAGES[0] else self.url_path


PAGES: tuple[PageEntry, ...] = (
    PageEntry("pages/overview.py", "Overview", "overview", ":material/dashboard:"),
    PageEntry("pages/trade.py", "Trade", "trade", ":material/swap_horiz:"),
    PageEntry("pages/diaspora.py", "Diaspora", "diaspora", ":material/groups:"),
    PageEntry("pages/visits.py", "Visits", "visits", ":material/flight:"),
    PageEntry("pages/article.py", "The article", "article", ":material/article:"),
    PageEntry("pages/sources.py", "Sources", "sources", ":material/menu_book:"),
    PageEntry("pages/datasets.py", "Datasets", "datasets", ":material/table_view:"),
    PageEntry("pages/present.py", "Present", "present", ":material/slideshow:", hidden=True),
)


def route_of(url_path: str) -> str:
    return next(p.route for p in PAGES if p.url_path == url_path)


TAB_KEY = "tab"
# A page's sections, of which only the chosen one runs (components.lazy_sections); the first opens by default.
# The labels are the URL values (?tab=Product+mix): never rename one, shared links depend on them.
PAGE_SECTIONS: dict[str, tuple[str, ...]] = {
    "trade": ("Over time", "Changes", "Product mix", "Regional comparison", "Every figure"),
    "diaspora": ("Immigration", "Origins map", "Where they settled", "Russian speakers", "2022 census",
                 "Knesset seats", "Veterans"),
    "visits": ("Timeline", "Map", "Table"),
}
