"""Presentation decks (pure: no streamlit): an ordered list of saved views, checked when the deck loads."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from dashboard_app.navigation import route_of
from dashboard_app.params import Spec, param_notices


@dataclass(frozen=True)
class Slide:
    page: str
    title: str
    params: dict[str, list[str]] = field(default_factory=dict)
    notes: str = ""

    def url(self) -> str:
        """The slide's page as an embeddable relative URL (Streamlit's own ?embed=true hides the chrome)."""
        query = [(key, value) for key, values in self.params.items() for value in values]
        return f"{route_of(self.page)}?{urlencode([*query, ('embed', 'true')])}"


@dataclass(frozen=True)
class Deck:
    title: str
    slides: tuple[Slide, ...]


class DeckError(ValueError):
    """The deck can't be played; `problems` lists every defect, one sentence each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def load_deck(path: str | Path, page_specs: Mapping[str, Callable[[dict], Sequence[Spec]]]) -> Deck:
    """Read a JSON deck and check every slide against the known pages and their URL parameters."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise DeckError([f"{Path(path).name}: cannot read the deck ({error})"]) from None
    problems: list[str] = []
    slides = tuple(_slide(number, item, page_specs, problems) for number, item in enumerate(raw.get("slides", []), 1))
    if not slides:
        problems.append(f"{Path(path).name}: the deck has no slides")
    if problems:
        raise DeckError(problems)
    return Deck(title=str(raw.get("title", "Presentation")), slides=slides)


def _slide(number: int, item: dict, page_specs: Mapping[str, Callable[[dict], Sequence[Spec]]],
           problems: list[str]) -> Slide:
    page = str(item.get("page", ""))
    params = {key: [str(v) for v in (value if isinstance(value, list) else [value])]
              for key, value in (item.get("params") or {}).items()}
    where = f"slide {number} ({item.get('title', 'untitled')})"
    if page not in page_specs:
        problems.append(f"{where}: unknown page '{page}'; known pages: {', '.join(page_specs)}")
    else:
        specs = page_specs[page](params)
        known = {spec.key for spec in specs}
        problems.extend(f"{where}: parameter '{key}' is not a filter of the {page} page"
                        for key in params if key not in known)
        problems.extend(f"{where}: {notice}" for notice in param_notices(params, specs))
    if not item.get("title"):
        problems.append(f"{where}: a slide needs a title")
    return Slide(page=page, title=str(item.get("title", "")), params=params, notes=str(item.get("notes", "")))
