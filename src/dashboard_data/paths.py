"""Where the project's files live. Passed to loaders explicitly; nothing is read at import time."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ProjectPaths:
    root: Path

    @classmethod
    def at(cls, root: str | Path) -> ProjectPaths:
        return cls(Path(root).resolve())

    @property
    def raw(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def meta(self) -> Path:
        return self.root / "data" / "meta"

    @property
    def geo(self) -> Path:
        return self.root / "data" / "geo"

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def build(self) -> Path:
        return self.root / ".cache" / "build"

    def relative(self, path: Path) -> str:
        """A path as shown in errors and provenance: relative to the project root, with forward slashes."""
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return Path(path).as_posix()
