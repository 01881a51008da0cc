"""What is left to do in a dataset: the lines of data marked TODO (see `draft.TODO`) in its files, in a
value or in a comment after one; lines that are only a comment (a file's header, a commented example)
do not count."""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..loading.loader import dataset_files
from ..files import read_regular_file
from .draft import TODO


@dataclass(frozen=True)
class TodoCount:
    lines: int  # lines with a TODO in them
    first: str | None  # "FILE:LINE" of the first one


def count_todos(directory: str | os.PathLike) -> TodoCount:
    """The lines marked TODO in the dataset's files (read as the loader reads them: a file it could
    read is read again; one it could not is skipped)."""
    lines = 0
    first = None
    for path in dataset_files(directory):
        try:
            text = read_regular_file(path).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(text.split("\n"), start=1):
            if TODO in line and not line.lstrip().startswith("#"):
                lines += 1
                first = first or f"{path.name}:{number}"
    return TodoCount(lines, first)
