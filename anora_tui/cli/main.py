"""The `anora-tui` command: the reader (default), `check`, `quotes`, `paths`, `new`, `schema` and
`format`.

Exit status: 0 success, 1 no match (`quotes`), 2 bad input (data or arguments) or output that could
not be written. Everything printed goes through `output` (cleaned, output errors handled).
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

from ..core.gc_pause import pause_for_start, resume_after_start
from ..paths import cache_dir, config_file, default_data_dir, state_dir
from . import output

COMMANDS = ("check", "paths", "quotes", "new", "schema", "format")
# `anora-tui` alone starts the reader as the parser would, without importing or building it.
READER_DEFAULTS = {"command": None, "data": None, "watch": False}


def print_paths(data_dir: Path) -> int:
    """Where the reader's files live, one `name: path` a line (none need exist yet)."""
    output.write_line(f"settings: {config_file()}")
    output.write_line(f"state: {state_dir()}")
    output.write_line(f"cache: {cache_dir()}")
    output.write_line(f"data: {data_dir}")
    return 0


def main(argv: list[str] | None = None) -> int:
    pause_for_start()  # resumed once the reader's first frame is drawn, or the command chosen
    try:
        return output.run_guarded(lambda: _run(argv))
    finally:
        resume_after_start()


def _run(argv: list[str] | None) -> int:
    tokens = sys.argv[1:] if argv is None else argv
    if tokens[:1] == ["help"]:  # `anora-tui help [COMMAND]`, as git and go take it
        tokens = argv = [*tokens[1:2], "--help"]
    # A word naming a command (or asking for help) anywhere: the whole parser. Else this starts the
    # reader (a data directory named like a command only costs the longer way).
    if tokens:
        from .arguments import build_parser

        whole = any(token in COMMANDS or token.startswith("-h") or token == "--help" for token in tokens)
        output.speak_as(next((token for token in tokens if token in COMMANDS), None))  # for --help's output
        parser = build_parser(with_command_arguments=whole)
        args = parser.parse_args(argv)
        if args.watch and args.command is not None:  # never taken silently: it would do nothing
            parser.error(f"--watch is for the reader, not for {args.command}")
    else:
        args = SimpleNamespace(**READER_DEFAULTS)
    if args.command is not None:
        resume_after_start()
        output.speak_as(args.command)
    if args.command in ("new", "schema", "format"):  # no dataset to read
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
    from ..core.loading.cache import load_cached

    unread = _unread_files(data_dir) if args.command == "check" else []
    try:
        # The reader writes a new cache file from a detached process, so its first frame need not wait.
        dataset = load_cached(
            data_dir,
            notify=output.warn,
            write_behind=args.command is None,
            meanwhile=_import_reader if args.command is None else None,
        )
    except _data_errors() as problems:  # looked up only when the load raises
        return _refuse_data([*map(str, problems.errors), *unread], data_dir)

    if args.command == "check":
        from .authoring import check_summary

        if unread:
            return _refuse_data(unread, data_dir)

        output.write_line(check_summary(data_dir, dataset))
        return 0
    if args.command == "quotes":
        from .quotes import run_quotes

        return run_quotes(args, dataset)

    from ..ui.app import run_app

    return run_app(dataset, data_dir, watch=args.watch)


def _refuse_data(problems: list[str], data_dir: Path) -> int:
    for problem in problems:
        output.warn(problem)  # `anora-tui check: FILE:LINE:COL: …`
    if len(problems) > 1:  # one problem is its own line: nothing to sum up
        output.warn(f"{len(problems)} problems in {data_dir}")
    return 2


def _unread_files(data_dir: Path) -> list[str]:
    """`check`'s problems with files that look like data but are not read (`people.yml`)."""
    from ..core.authoring.unread_files import unread_files

    return unread_files(data_dir)


def _data_errors() -> type[Exception]:
    """The loader's exception for bad data, imported only when a load raises: a start from the cache
    never needs the module that words the problems."""
    from ..core.loading.problems import DataErrors

    return DataErrors


def _import_reader() -> None:
    """The reader's modules, imported while worker processes read a big dataset's YAML (this
    process would otherwise only wait for them), so that the reader starts at once when they are done."""
    from ..ui import app  # noqa: F401
