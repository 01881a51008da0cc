"""The command line's parser: the reader's options and the commands with their arguments. Imported
only when there are arguments to parse (`anora-tui` alone needs no parser)."""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
from pathlib import Path

from .. import __version__
from . import output
from .help_texts import SUMMARIES, description, epilog


class ArgumentParser(argparse.ArgumentParser):
    """argparse, printing through `output`: arguments echoed in an error message are cleaned too; a
    mistyped command or option is answered with the likeliest one meant."""

    def __init__(self, *args, **kwargs) -> None:
        self.commands: dict[str, ArgumentParser] = {}  # the top level's, by name
        self.option_names: list[str] = []  # every option string, for "did you mean" (-h is added first)
        self._tokens: list[str] = []
        super().__init__(*args, **kwargs)

    def add_argument(self, *args, **kwargs):
        action = super().add_argument(*args, **kwargs)
        self.option_names.extend(action.option_strings)
        return action

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
        output.warn(f"{self._reworded(message)}; see {output.speaker()} --help")
        raise SystemExit(2)

    def parse_known_args(self, args=None, namespace=None):
        """Words left over join the `words` argument, if the parser has one (`quotes romantic comedy`
        unquoted, or words on both sides of an option); anything else left over stays unknown."""
        self._tokens = list(sys.argv[1:] if args is None else args)
        if self.commands:
            self._refuse_unknown_options_before_the_command()
        namespace, extras = super().parse_known_args(args, namespace)
        dest = getattr(self, "words", None)
        if dest is not None and getattr(namespace, dest, None) is not None:
            words = [typed_text(extra) for extra in extras if not extra.startswith("-")]
            extras = [extra for extra in extras if extra.startswith("-")]
            setattr(namespace, dest, " ".join([*getattr(namespace, dest), *words]))
        return namespace, extras

    def _refuse_unknown_options_before_the_command(self) -> None:
        """`anora-tui --datas x` was `invalid choice: 'x'`: argparse sets the unknown option aside and
        takes its value for the command. The option is what is wrong, so it is what is said."""
        for token in self._tokens:
            if token == "--" or token in self.commands:
                return
            name = token.split("=", 1)[0]
            if token.startswith("-") and token != "-" and not any(o.startswith(name) for o in self.option_names):
                self.error(f"unrecognized arguments: {token}")

    def _reworded(self, message: str) -> str:
        """argparse's message, with the command or option likeliest meant where one was mistyped."""
        chosen = next((token for token in self._tokens if token in self.commands), None)
        choice = re.match(r"argument COMMAND: invalid choice: (.*) \(choose from", message)
        if choice:
            said = f"{choice.group(1)} is not a command"
            given = next((token for token in self._tokens if repr(token) == choice.group(1)), "")
            if os.path.isdir(given):  # `anora-tui mydata`
                return f"{said}; to read the dataset in it: anora-tui --data {given}"
            like = difflib.get_close_matches(choice.group(1).strip("'\""), self.commands, n=1)
            return f"{said} (did you mean {like[0]}?)" if like else f"{said} ({', '.join(self.commands)})"
        if message.startswith("unrecognized arguments: "):
            names = self.commands[chosen].option_names if chosen else self.option_names
            given = next((token for token in self._tokens if token in message.split() and os.path.isdir(token)), "")
            if "--data" in names and given:  # `anora-tui check mydata`
                return f"{message} (to check the dataset in it: --data {given})" if chosen == "check" else \
                    f"{message} (a dataset is given as --data {given})"
            unknown = [token for token in self._tokens if token.startswith("--") and token in message]
            for token in unknown:
                like = difflib.get_close_matches(token.split("=", 1)[0], names, n=1)
                if like:
                    return f"{message} (did you mean {like[0]}?)"
        return message


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
    parser = ArgumentParser(prog="anora-tui", description=description(None), epilog=epilog(None),
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action=_VersionAction)
    _add_data_argument(parser)
    parser.add_argument(
        "--watch", action="store_true", help="reload the dataset when its files change (for its author)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    usages = {
        "quotes": "%(prog)s [-h] [--data DIR] [--speaker NAME] [--format FORMAT] [--json] [QUERY ...]",
        "new": "%(prog)s [-h] [--force] [ARTICLE.txt] DIR",
    }
    for name, summary in SUMMARIES.items():
        parser.commands[name] = commands.add_parser(
            name, help=summary, usage=usages.get(name), description=description(name), epilog=epilog(name),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
    for name in ("check", "paths", "quotes"):
        _add_data_argument(parser.commands[name], argparse.SUPPRESS)
    if with_command_arguments:
        from .authoring import add_new_arguments
        from .quotes import add_quotes_arguments

        add_quotes_arguments(parser.commands["quotes"])
        add_new_arguments(parser.commands["new"])
    parser.commands["format"].add_argument(
        "--path", action="store_true", help="print where the description is installed instead"
    )
    return parser
