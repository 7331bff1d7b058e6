"""Checks for URL query parameters (pure: no streamlit). A bad value falls back to the default with a notice."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MAX_PARAM_LENGTH = 200


@dataclass(frozen=True)
class Choice:
    """A parameter taking one value (or, with many=True, several) from a fixed list."""

    key: str
    options: tuple[str, ...]
    many: bool = False
    # A select_slider reads a repeated parameter as a range, which a single-value slider rejects as a whole.
    repeat_rejected: bool = False

    @property
    def single(self) -> bool:
        return not self.many

    def problem(self, values: Sequence[str]) -> str | None:
        unknown = [v for v in values if v not in self.options]
        if unknown:
            return f"'{_short(unknown[0])}' is not one of: {', '.join(self.options)}"
        return None


@dataclass(frozen=True)
class YearRange:
    """A year, or a range given as the parameter repeated twice (?years=2008&years=2019)."""

    key: str
    low: int
    high: int
    pair: bool = True

    @property
    def single(self) -> bool:
        return not self.pair

    def problem(self, values: Sequence[str]) -> str | None:
        expected = 2 if self.pair else 1
        if len(values) != expected:
            return f"expected {expected} year value(s), got {len(values)}"
        for value in values:
            if not value.strip().lstrip("-").isdigit():
                return f"'{_short(value)}' is not a year"
            if not self.low <= int(value) <= self.high:
                return f"{value} is outside {self.low}–{self.high}"
        return None


@dataclass(frozen=True)
class Flag:
    key: str
    single = True

    def problem(self, values: Sequence[str]) -> str | None:
        if len(values) != 1 or values[0].lower() not in {"true", "false"}:
            return "expected true or false"
        return None


Spec = Choice | YearRange | Flag


def param_notices(raw: dict[str, list[str]], specs: Sequence[Spec]) -> list[str]:
    """One sentence per URL parameter that the page will ignore, naming the parameter and the reason."""
    notices = []
    for spec in specs:
        values = raw.get(spec.key)
        if not values:
            continue
        if spec.single and len(values) > 1:
            if getattr(spec, "repeat_rejected", False):
                notices.append(f"Link parameter `{spec.key}` not understood: it may appear only once. "
                               "That value was dropped; the page shows its default there.")
                continue
            # Streamlit keeps the last of a repeated single-valued parameter, so that is the one to check.
            notices.append(f"Link parameter `{spec.key}` appears {len(values)} times; only the last one counts.")
            values = values[-1:]
        if any(len(v) > MAX_PARAM_LENGTH for v in values):
            reason = f"the value is longer than {MAX_PARAM_LENGTH} characters"
        else:
            reason = spec.problem(values)
        if reason:
            notices.append(f"Link parameter `{spec.key}` not understood: {reason}. "
                           "That value was dropped; the page shows its default there.")
    return notices


def _short(text: str, limit: int = 40) -> str:
    """Shorten, and escape Markdown so a crafted URL value can't render as a link or formatting."""
    text = text if len(text) <= limit else text[:limit] + "…"
    return escape_markdown(text)


def escape_markdown(text: str) -> str:
    return "".join(f"\\{c}" if c in MARKDOWN_SPECIALS else c for c in text)


MARKDOWN_SPECIALS = set("\\`*_{}[]()<>#+-.!|~$:")
