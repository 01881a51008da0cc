"""The `anora-tui` command: the reader (default), `check`, `quotes`, `paths`, `new` and `schema`.

Exit status: 0 success, 1 no match (`quotes`), 2 bad input (data or arguments) or output that could
not be written. Everything printed goes through `output` (cleaned, output errors handled).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import __version__
from ..core.loading.cache import load_cached
from ..core.loading.problems import DataErrors
from ..paths import cache_dir, config_file, default_data_dir, state_dir
from . import output


class ArgumentParser(argparse.ArgumentParser):
    """argparse, printing through `output`: arguments echoed in an error message are cleaned too."""

    def print_help(self, file=None) -> None:
        output.write_block(self.format_help(), to_stderr=file is sys.stderr)

    def print_usage(self, file=None) -> None:
        output.write_block(self.format_usage(), to_stderr=file is sys.stderr)

    def exit(self, status: int = 0, message: str | None = None):
        if message:
            output.write_block(message, to_stderr=True)
        raise SystemExit(status)


def _add_data_argument(parser: argparse.ArgumentParser, default: object = None) -> None:
    parser.add_argument(
        "--data",
        metavar="DIR",
        type=Path,
        default=default,
        help="dataset directory (default: the shipped dataset, the making of Anora)",
    )


COMMANDS = ("check", "paths", "quotes", "new", "schema")


def build_parser(with_command_arguments: bool = True) -> argparse.ArgumentParser:
    """The command line. Without `with_command_arguments`, the commands take no arguments of their own:
    enough to start the reader, without importing what `quotes` and `new` need (search, the loader,
    PyYAML)."""
    parser = ArgumentParser(
        prog="anora-tui",
        description="A terminal reader for a film's making-of article: its sections, the people in it, "
        "their quotes and a timeline of the film's scenes and the production, read from a dataset of "
        "YAML files (docs/data-format.md).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_data_argument(parser)
    parser.add_argument(
        "--watch", action="store_true", help="reload the dataset when its files change (for its author)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="validate a dataset and print a summary")
    _add_data_argument(check, argparse.SUPPRESS)

    commands.add_parser("paths", help="print where the settings, saved place and cache live")

    quotes = commands.add_parser("quotes", help="print the quotes that match a query")
    _add_data_argument(quotes, argparse.SUPPRESS)
    new = commands.add_parser("new", help="write a dataset draft from an article's plain text, or a template")
    if with_command_arguments:
        from .authoring import add_new_arguments
        from .quotes import add_quotes_arguments

        add_quotes_arguments(quotes)
        add_new_arguments(new)
    commands.add_parser("schema", help="print the JSON Schema of a dataset file (for editors)")
    return parser


def print_paths(data_dir: Path) -> int:
    """Where the reader's files live, one `name: path` a line (none need exist yet)."""
    output.write_line(f"settings: {config_file()}")
    output.write_line(f"state: {state_dir()}")
    output.write_line(f"cache: {cache_dir()}")
    output.write_line(f"data: {data_dir}")
    return 0


def main(argv: list[str] | None = None) -> int:
    return output.run_guarded(lambda: _run(argv))


def _run(argv: list[str] | None) -> int:
    tokens = sys.argv[1:] if argv is None else argv
    # A word naming a command (or asking for help) anywhere: the whole parser. Else this starts the
    # reader (a data directory named like a command only costs the longer way).
    whole = any(token in COMMANDS or token.startswith("-h") or token == "--help" for token in tokens)
    args = build_parser(with_command_arguments=whole).parse_args(argv)
    if args.command in ("new", "schema"):  # no dataset to read
        from .authoring import run_authoring

        return run_authoring(args)
    if args.command is None:
        from .terminal import TerminalMissing, prepare_terminal

        try:
            prepare_terminal()
        except TerminalMissing as missing:
            output.warn(str(missing))
            return 2
    data_dir: Path = args.data or default_data_dir()
    if args.command == "paths":
        return print_paths(data_dir)
    try:
        # The reader writes a new cache file from a detached process, so its first frame need not wait.
        dataset = load_cached(data_dir, notify=output.warn, write_behind=args.command is None)
    except DataErrors as problems:
        for problem in problems.errors:
            output.write_error_line(str(problem))
        if len(problems.errors) > 1:  # one problem is its own line: nothing to sum up
            output.warn(f"{len(problems.errors)} problems in {data_dir}")
        return 2

    if args.command == "check":
        from .authoring import check_summary

        output.write_line(check_summary(data_dir, dataset))
        return 0
    if args.command == "quotes":
        from .quotes import run_quotes

        return run_quotes(args, dataset)

    from ..ui.app import run_app

    return run_app(dataset, data_dir, watch=args.watch)
