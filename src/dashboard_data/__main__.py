"""Command line: python -m dashboard_data validate | summary | build | refresh comtrade | import FILE.

  validate | summary | build [--root DIR] [--out DIR]
  refresh comtrade [--years 1996-2024] [--root DIR] [--out DIR]   UN Comtrade series as a snapshot (needs internet
                                                                  and the `refresh` extra; key: COMTRADE_API_KEY)
  import FILE [--kind comtrade|template] [--root DIR] [--out DIR] a hand-downloaded UN Comtrade file or a file in
                                                                  docs/TRADE_TEMPLATE.md's layout, as a snapshot
Snapshots go to DIR/data/snapshots unless --out says otherwise (see data/snapshots/README.md).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from dashboard_data.build import build
from dashboard_data.errors import DataError
from dashboard_data.paths import ProjectPaths
from dashboard_data.refresh.client import api_key, library_client
from dashboard_data.refresh.commands import parse_years, run_import, run_refresh
from dashboard_data.refresh.store import snapshots_dir
from dashboard_data.registry import DATASETS, load_dataset, metadata


def validate(paths: ProjectPaths) -> int:
    failures = 0
    for name in DATASETS:
        try:
            frame = load_dataset(name, paths)
        except DataError as error:
            failures += 1
            print(f"FAIL {name}: {len(error.problems)} problem(s)")
            for problem in error.problems:
                print(f"  {problem}")
            continue
        print(f"ok   {name}: {len(frame)} rows")
    return 1 if failures else 0


def summary_table(paths: ProjectPaths) -> pd.DataFrame:
    rows = []
    for name in DATASETS:
        frame = load_dataset(name, paths)
        years = frame["year"].dropna() if "year" in frame.columns else pd.Series(dtype="Int64")
        rows.append({
            "dataset": name,
            "title": metadata(name, paths)["title"],
            "rows": len(frame),
            "years": f"{int(years.min())}–{int(years.max())}" if len(years) else "—",
            "sources": frame["source_url"].nunique() if "source_url" in frame.columns else 0,
        })
    return pd.DataFrame(rows)


def parser() -> argparse.ArgumentParser:
    """Subcommands; --root and --out are accepted before or after the subcommand, as they always were."""
    main_parser = argparse.ArgumentParser(prog="python -m dashboard_data", description=__doc__,
                                          formatter_class=argparse.RawDescriptionHelpFormatter)
    add_common_options(main_parser, default_root=".")
    commands = main_parser.add_subparsers(dest="command", required=True)
    for name in ("validate", "summary", "build"):
        add_common_options(commands.add_parser(name))
    refresh = commands.add_parser("refresh", help="pull UN Comtrade series into a snapshot")
    refresh.add_argument("source", choices=["comtrade"])
    refresh.add_argument("--years", type=years_argument, default="1996-2024", help="e.g. 1996-2024 or 2020")
    add_common_options(refresh)
    import_parser = commands.add_parser("import", help="store a downloaded file as a snapshot")
    import_parser.add_argument("file", type=Path)
    import_parser.add_argument("--kind", choices=["comtrade", "template"], default=None,
                               help="the file's layout (default: told by its header)")
    add_common_options(import_parser)
    return main_parser


def add_common_options(target: argparse.ArgumentParser, default_root: str | None = None) -> None:
    # A subcommand's copy must not reset what was given before the subcommand, hence SUPPRESS there.
    target.add_argument("--root", default=default_root or argparse.SUPPRESS,
                        help="project root (holds data/ and seeds/)")
    target.add_argument("--out", default=None if default_root else argparse.SUPPRESS,
                        help="output folder (build: default .cache/build; refresh/import: default data/snapshots)")


def years_argument(text: str) -> range:
    try:
        return parse_years(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    paths = ProjectPaths.at(args.root)
    if args.command == "validate":
        return validate(paths)
    if args.command in ("refresh", "import"):
        return snapshot_command(args, paths)
    try:
        if args.command == "summary":
            print(summary_table(paths).to_string(index=False))
        else:
            out = build(paths, Path(args.out) if args.out else None)
            print(f"built {len(DATASETS)} tables into {out}")
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


def snapshot_command(args: argparse.Namespace, paths: ProjectPaths) -> int:
    out_dir = Path(args.out) if args.out else snapshots_dir(paths)
    if args.command == "import":
        return run_import(paths, args.file, args.kind, out_dir)
    return run_refresh(paths, args.years, out_dir, lambda: library_client(api_key(paths.root)))


if __name__ == "__main__":
    sys.exit(main())
