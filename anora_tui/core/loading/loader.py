"""Read a dataset directory (docs/data-format.md) into a `Dataset`, reporting every problem at once:
the loading package's public face.

Each file is composed into YAML nodes with PyYAML's safe loader (libyaml-backed when available); the
nodes are then checked against the format by hand, which gives a line and column for every value and
catches what PyYAML lets through: duplicate keys, non-standard tags, values YAML reads as something
other than a string. Nothing beyond the format's own depth is ever walked, so a deep or alias-heavy
document costs no more than its size.

A file is read on its own into a `Chunk` of plain data (rows of field values, ids and references with
their positions, problems), which may come from another process (`parallel_read`, for a big dataset);
the chunks are then merged in file order, and what spans files (duplicate ids, references, the
article, quotes found in their paragraphs) is checked, so the result never depends on which process
read what.

The parts: `directory` (which files, how big), `yaml_nodes` (text to nodes, tags), `format` (the
format table and its checks), `file_reader` (one file to a `Chunk`), `chunk` (a file's plain data),
`dataset_reader` (the merge and the checks across files), `problems` (`DataError` and its wording),
`parallel_read` (worker processes), `cache` (the load cache).
"""

from __future__ import annotations

import os
from typing import Callable

from ..gc_pause import gc_paused
from ..model import Dataset
from .dataset_reader import DatasetReader
from .directory import (
    DEFAULT_MAX_FILE_BYTES,
    MAX_FILE_BYTES_VARIABLE,
    dataset_files,
    max_file_bytes,
)
from .problems import DataError, DataErrors

__all__ = [
    "DEFAULT_MAX_FILE_BYTES",
    "MAX_FILE_BYTES_VARIABLE",
    "DataError",
    "DataErrors",
    "dataset_files",
    "load_dataset",
    "max_file_bytes",
]


def load_dataset(
    directory: str | os.PathLike, *, for_reader: bool = False, meanwhile: Callable[[], object] | None = None
) -> Dataset:
    """Read and check every `*.yaml` file in `directory`; raise `DataErrors` listing all problems.
    `for_reader`: also count each paragraph's words (`Dataset.stored("paragraph_words")`) where the
    article is read (in a worker process, for a big dataset), which the reader would count before its
    first frame. `meanwhile`: the caller's work to do while worker processes read a big dataset's
    files (see `parallel_read.read_files`); not done otherwise."""
    with gc_paused():
        return DatasetReader(directory, count_words=for_reader, meanwhile=meanwhile).read()
