"""Errors that say exactly where a raw figure went wrong."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One defect in a raw file: which file, which line, which column, which value, and why."""

    file: str
    line: int | None
    column: str | None
    value: object
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        column = f" column '{self.column}'" if self.column else ""
        value = "" if self.value is None else f" value '{self.value}':"
        return f"{where}:{column}{value} {self.message}".replace(":  ", ": ")


class DataError(ValueError):
    """Raised when raw data cannot be normalized; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def fail(file: str | Path, line: int | None, column: str | None, value: object, message: str) -> DataError:
    """Build a one-problem DataError (to be raised by the caller)."""
    return DataError([Problem(str(file), line, column, value, message)])


class ProblemCollector:
    """Collect problems over a whole file so one run reports them all, then raise once."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, file: str | Path, line: int | None, column: str | None, value: object, message: str) -> None:
        self.problems.append(Problem(str(file), line, column, value, message))

    def capture(self, error: DataError) -> None:
        self.problems.extend(error.problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise DataError(self.problems)
