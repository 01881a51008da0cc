"""The command line's parser: the reader's options and the commands with their arguments. Imported
only when there are arguments to parse (`anora-tui` alone needs no parser)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import __version__
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

    def error(self, message: str):
        """Bad arguments: one line naming the problem and where help is, exit status 2 (argparse's
        own prints the usage first, and names `anora-tui` for a command's unknown arguments)."""
        output.warn(f"{message}; see {output.speaker()} --help")
        raise SystemExit(2)

    def parse_known_args(self, args=None, namespace=None):
        """Words left over join the `words` argument, if the parser has one (`quotes romantic comedy`
        unquoted, or words on both sides of an option); anything else left over stays unknown."""
        namespace, extras = super().parse_known_args(args, namespace)
        dest = getattr(self, "words", None)
        if dest is not None and getattr(namespace, dest, None) is not None:
            words = [typed_text(extra) for extra in extras if not extra.startswith("-")]
            extras = [extra for extra in extras if extra.startswith("-")]
            setattr(namespace, dest, " ".join([*getattr(namespace, dest), *words]))
        return namespace, extras


def typed_text(token: str) -> str:
    """A word of text (a query, a name, a choice) as typed. In a locale Python cannot decode it in (the
    C locale without UTF-8 mode), an argument arrives as surrogate escapes of its bytes: UTF-8 ones are
    read as UTF-8, so that `quotes café` searches for café and a message shows it, not `\\udcc3`. Never
    for a path: the file system names it by the bytes as they came."""
    try:
        return token.encode("utf-8", "surrogateescape").decode("utf-8")
    except UnicodeError:
        return token


class _VersionAction(argparse.Action):
    """--version, printed through `output` (argparse's own ignores a failed write: `--version >
    /dev/full` said nothing and ended 0)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0,
                         help=help or "show the program's version number and exit")

    def __call__(self, parser, namespace, values, option_string=None):
        output.write_block(f"{parser.prog} {__version__}\n")
        raise SystemExit(0)


def _add_data_argument(parser: argparse.ArgumentParser, default: object = None) -> None:
    parser.add_argument(
        "--data",
        metavar="DIR",
        type=Path,
        default=default,
        help="dataset directory (default: the shipped dataset, the making of Anora)",
    )


def build_parser(with_command_arguments: bool = True) -> argparse.ArgumentParser:
    """The command line. Without `with_command_arguments`, the commands take no arguments of their own:
    enough to start the reader, without importing what `quotes` and `new` need (search, the loader,
    PyYAML)."""
    parser = ArgumentParser(
        prog="anora-tui",
        description="A terminal reader for a film's making-of article: its sections, the people in it, "
        "their quotes and a timeline of the film's scenes and the production, read from a dataset of "
        "YAML files (`anora-tui format` describes them).",
    )
    parser.add_argument("--version", action=_VersionAction)
    _add_data_argument(parser)
    parser.add_argument(
        "--watch", action="store_true", help="reload the dataset when its files change (for its author)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="validate a dataset and print a summary")
    _add_data_argument(check, argparse.SUPPRESS)

    commands.add_parser("paths", help="print where the settings, saved place and cache live")

    quotes = commands.add_parser(
        "quotes", help="print the quotes that match a query",
        usage="%(prog)s [-h] [--data DIR] [--speaker NAME] [--format FORMAT] [--json] [QUERY ...]",
    )
    _add_data_argument(quotes, argparse.SUPPRESS)
    new = commands.add_parser("new", help="write a dataset draft from an article's plain text, or a template",
                              usage="%(prog)s [-h] [--force] [ARTICLE.txt] DIR")
    if with_command_arguments:
        from .authoring import add_new_arguments
        from .quotes import add_quotes_arguments

        add_quotes_arguments(quotes)
        add_new_arguments(new)
    commands.add_parser("schema", help="print the JSON Schema of a dataset file (for editors)")
    format_ = commands.add_parser("format", help="print the description of the dataset format (Markdown)")
    format_.add_argument("--path", action="store_true", help="print where the description is installed instead")
    return parser
