"""Named unit-conversion steps. A unit that is not listed here is an error, never a guess."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    """How a printed unit maps onto a normalized one: value_normalized = value_printed * factor."""

    printed: str
    normalized: str
    factor: float


MONEY_MULTIPLIERS = {"billion": 1e9, "million": 1e6, "thousand": 1e3}


def scale_to_units(value: float, multiplier_word: str) -> float:
    """Convert an amount stated in billions/millions/thousands to plain units.

    >>> scale_to_units(1.9, "billion")
    1900000000.0
    """
    try:
        return value * MONEY_MULTIPLIERS[multiplier_word.lower()]
    except KeyError:
        raise ValueError(f"unknown multiplier {multiplier_word!r}; known: {', '.join(MONEY_MULTIPLIERS)}") from None
