"""The `anora-tui` command: the reader (default), `check`, `quotes` and `paths`.

Exit status: 0 success, 1 no match (`quotes`), 2 bad input (data or arguments).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import __version__
from ..core.loading.cache import load_cached
from ..core.loading.loader import DataErrors
from ..paths import cache_dir, config_file, default_data_dir, state_dir


def _add_data_argument(parser: argparse.ArgumentParser, default: object = None) -> None:
    parser.add_argument(
        "--data",
        metavar="DIR",
        type=Path,
        default=default,
        help="dataset directory (default: the shipped article)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="anora-tui",
        description="A terminal reader for the making of Sean Baker's film Anora.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_data_argument(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="validate a dataset and print a summary")
    _add_data_argument(check, argparse.SUPPRESS)

    from .quotes import add_quotes_arguments

    commands.add_parser("paths", help="print where the settings, saved place and cache live")

    quotes = commands.add_parser("quotes", help="print the quotes that match a query")
    _add_data_argument(quotes, argparse.SUPPRESS)
    add_quotes_arguments(quotes)
    return parser


def _warn(message: str) -> None:
    print(f"anora-tui: {message}", file=sys.stderr)


def print_paths(data_dir: Path) -> int:
    """Where the reader's files live, one `name: path` a line (none need exist yet)."""
    print(f"settings: {config_file()}")
    print(f"state: {state_dir()}")
    print(f"cache: {cache_dir()}")
    print(f"data: {data_dir}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    data_dir: Path = args.data or default_data_dir()
    if args.command == "paths":
        return print_paths(data_dir)
    try:
        dataset = load_cached(data_dir, notify=_warn)
    except DataErrors as problems:
        for problem in problems.errors:
            print(problem, file=sys.stderr)
        print(
            f"anora-tui: {len(problems.errors)} problem(s) in {data_dir}",
            file=sys.stderr,
        )
        return 2

    if args.command == "check":
        counts = ", ".join(f"{n} {name}" for name, n in dataset.counts().items())
        print(f"{data_dir}: ok: {counts}")
        return 0
    if args.command == "quotes":
        from .quotes import run_quotes

        return run_quotes(args, dataset)

    from ..ui.app import run_app

    return run_app(dataset, data_dir)
