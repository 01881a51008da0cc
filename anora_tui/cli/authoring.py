"""The commands for a dataset's author: `new`, `schema`, `format`, and what `check` adds for them.

`anora-tui new [ARTICLE.txt] DIR [--force]`: a dataset draft from an article's plain text that passes
`check` as written, every guess marked TODO; without a text, a commented template of every file.
Bad input (a missing, empty, binary or non-UTF-8 text, a text with no paragraphs, a DIR that exists
with files in it and no `--force`, a DIR that is a file, a broken link or under a file, the two paths
the wrong way round) is one line and exit status 2, with nothing written. A DIR that does not exist
and is named like a file (`new article.txt`) is refused too: its user meant a text that is not there;
a trailing slash (`article.txt/`) says a directory is meant.

`anora-tui schema`: the JSON Schema of a dataset file, generated from the loader's format table.

`anora-tui format`: the description of the format (docs/data-format.md, shipped in the package), or
with `--path` where it is installed.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from ..core.authoring.draft import DraftError, make_draft, template_draft
from ..core.authoring.todo import count_todos
from ..core.model import Dataset
from ..core.authoring.draft_files import SCHEMA_FILE_NAME, draft_files
from ..core.authoring.examples import commented_examples
from ..core.authoring.files import (
    check_target, looks_like_a_file_name, read_article_stream, read_article_text, write_files,
)
from ..core.authoring.schema import schema_text
from ..core.text import counted, one_line
from ..paths import data_format_doc
from . import output


STDIN = "-"  # `new - DIR`: the text piped in


def add_new_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="[ARTICLE.txt] DIR",
        help="the article's plain text (title on the first line, paragraphs separated by blank lines; "
        "- reads it from standard input) and the directory to write the draft into; DIR alone writes a "
        "commented template",
    )
    parser.add_argument("--force", action="store_true", help="write into DIR even if it has files in it")


def run_new(args: argparse.Namespace) -> int:
    if len(args.paths) > 2:
        return _refuse(f"expected [ARTICLE.txt] DIR, got {len(args.paths)} paths")
    *text_path, directory = (Path(path) for path in args.paths)
    # `new draft/`: the slash says a directory, whatever the name (Path drops it).
    named_as_directory = args.paths[-1].endswith(("/", os.sep))
    refusal = _misread_paths(text_path[0] if text_path else None, directory, named_as_directory)
    if refusal:
        return _refuse(refusal)
    try:
        check_target(directory, args.force, named_as_directory)
        if text_path:
            draft = make_draft(_article_text(text_path[0]), fallback_year=str(date.today().year))
            source = text_path[0].name if str(text_path[0]) != STDIN else "the text piped in"
        else:
            draft, source = template_draft(), None
        files = draft_files(draft, source, commented_examples())
        files[SCHEMA_FILE_NAME] = schema_text()
        write_files(directory, files, args.force, named_as_directory)
    except DraftError as error:
        return _refuse(str(error))
    where = one_line(str(directory))
    output.done_already(f"the draft in {where} is written")
    if text_path:
        return _say(
            f"{where}: drafted {counted(len(draft.sections), 'section')}, "
            f"{counted(len(draft.people), 'candidate person', 'candidate people')} and "
            f"{counted(len(draft.quotes), 'quote')}; next: anora-tui check --data {where}"
        )
    return _say(f"{where}: wrote a template of every file; next: anora-tui check --data {where}")


def _article_text(path: Path) -> str:
    if str(path) != STDIN:
        return read_article_text(path)
    if sys.stdin is None or sys.stdin.isatty():  # it would wait for typing, with no prompt
        raise DraftError("standard input is a terminal: pipe the text in (anora-tui new - DIR < article.txt)")
    return read_article_stream(sys.stdin.buffer)


def _misread_paths(text: Path | None, directory: Path, named_as_directory: bool) -> str:
    """What the paths as given most likely mean instead, if they cannot mean what they say: a text
    and no DIR, a text that is not there, or the two the wrong way round ("" if none of these)."""
    where = one_line(str(directory))
    if str(directory) == STDIN:  # `new -`: the text piped in, and no DIR
        return "DIR is missing: - reads the text from standard input; give the directory to write into (anora-tui new - DIR)"
    if text is None:
        if directory.is_file():  # `new film.txt`: the text, no DIR
            return (f"DIR is missing: {where} is a file; give the directory to write into "
                    f"(anora-tui new {where} DIR), or DIR alone for a template")
        if not named_as_directory and not _exists(directory) and looks_like_a_file_name(directory):
            return (f"{where}: no such file; to draft from a text give it and a directory "
                    f"(anora-tui new ARTICLE.txt DIR), or end the name with a slash ({where}/) "
                    "for a template in a directory of that name")
        return ""
    if directory.is_file() and not text.is_file() and str(text) != STDIN:  # `new mydata article.txt`
        return (f"{where} is a file and {one_line(str(text))} is not: the text comes first "
                f"(anora-tui new {where} {one_line(str(text))})")
    return ""


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _refuse(message: str) -> int:
    output.warn(message)
    return 2


def run_schema(args: argparse.Namespace) -> int:
    output.write_bytes(schema_text().encode("utf-8"))  # JSON is UTF-8, whatever the terminal's encoding
    return 0


def _say(line: str) -> int:
    output.write_line(line)
    return 0


def run_format(args: argparse.Namespace) -> int:
    """The description of the dataset format, as installed (Markdown), or with `--path` where it is."""
    doc = data_format_doc()
    if args.path:
        return _say(str(doc))
    try:
        text = doc.read_text(encoding="utf-8")
    except OSError as error:
        return _refuse(f"{one_line(str(doc))}: cannot read it: {error.strerror or error}")
    output.write_block(text)
    return 0


def run_authoring(args: argparse.Namespace) -> int:
    return {"new": run_new, "schema": run_schema, "format": run_format}[args.command](args)


def check_summary(data_dir: Path, dataset: Dataset) -> str:
    """`check`'s line for a good dataset: its counts, and how many lines are still marked TODO."""
    counts = ", ".join(counted(n, _SINGULAR.get(name, name), name) for name, n in dataset.counts().items())
    summary = f"{one_line(str(data_dir))}: ok: {counts}"
    todos = count_todos(data_dir)
    if todos.lines:
        summary += f"; {counted(todos.lines, 'line')} marked TODO left (the first: {one_line(todos.first)})"
    return summary


_SINGULAR = {"sections": "section", "paragraphs": "paragraph", "people": "person", "characters": "character",
             "scenes": "scene", "events": "event", "quotes": "quote", "notes": "note"}
