"""Reading an article's plain text and writing a dataset draft, with one-line reasons for refusing.

Nothing is half-written: a new directory is filled under a temporary name and renamed into place;
with `force`, each file of an existing directory is replaced whole (temp file, then rename).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

from ..files import FileTooBig, read_regular_file
from ..loading.problems import position_of_byte
from ..text import one_line
from .draft import DraftError

MAX_TEXT_BYTES = 64 * 1024 * 1024


def read_article_text(path: Path) -> str:
    """The text of an article file: UTF-8 (a leading byte-order mark is dropped), not empty, not binary."""
    name = one_line(str(path))
    try:
        data = read_regular_file(path, MAX_TEXT_BYTES)
    except FileTooBig as error:
        raise DraftError(f"{name}: {error.strerror}") from error
    except OSError as error:
        raise DraftError(f"{name}: cannot read it: {error.strerror or error}") from error
    return article_text(data, name)


def read_article_stream(stream: BinaryIO, name: str = "standard input") -> str:
    """The text of an article piped in (`new - DIR`), as `read_article_text` takes a file's."""
    try:
        data = stream.read(MAX_TEXT_BYTES + 1)
    except OSError as error:
        raise DraftError(f"{name}: cannot read it: {error.strerror or error}") from error
    if len(data) > MAX_TEXT_BYTES:
        raise DraftError(f"{name}: over the {MAX_TEXT_BYTES}-byte limit")
    return article_text(data, name)


def article_text(data: bytes, name: str) -> str:
    """An article's bytes as text; `name` says where they came from in a refusal."""
    if not data.strip():
        raise DraftError(f"{name}: the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DraftError(f"{name}: UTF-16 or UTF-32 text (it starts with that byte-order mark); save it as UTF-8")
    if b"\0" in data:
        raise DraftError(f"{name}: not a text file (it has NUL bytes: binary, UTF-16 or UTF-32); save it as UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = position_of_byte(data, error.start)  # FILE:LINE:COL, as a data file's problems
        raise DraftError(
            f"{name}:{line}:{column}: not UTF-8: byte 0x{data[error.start]:02x} at byte offset {error.start}; "
            "save it as UTF-8"
        ) from error
    return text.removeprefix("\ufeff")


# Names that say "a file": `new article.txt` with no such file meant the text, not a directory to
# make. A name ending in a slash (`article.txt/`) is taken as the directory it says it is.
FILE_SUFFIXES = frozenset({
    ".txt", ".text", ".md", ".markdown", ".rst", ".html", ".htm", ".xhtml", ".doc", ".docx", ".odt",
    ".rtf", ".pdf", ".epub", ".yaml", ".yml", ".json", ".csv",
})


def looks_like_a_file_name(path: Path) -> bool:
    return path.suffix.lower() in FILE_SUFFIXES


def check_target(directory: Path, force: bool, named_as_directory: bool = False) -> None:
    """Refuse a target that is not a directory (a file, a broken symbolic link, a path through a
    file), a name that says it is a file and does not exist (unless `named_as_directory`, typed
    with a trailing slash), or a directory with files in it (unless `force`)."""
    name = one_line(str(directory))
    if directory.is_symlink() and not directory.exists():
        raise DraftError(f"{name}: a broken symbolic link to {one_line(os.readlink(directory))!r}; "
                         "remove it or name another directory")
    if not directory.exists():
        blocking = next((parent for parent in directory.parents if parent.exists()), None)
        if blocking is not None and not blocking.is_dir():
            raise DraftError(f"{name}: {one_line(str(blocking))} is a file, not a directory")
        if looks_like_a_file_name(directory) and not named_as_directory:
            raise DraftError(f"{name}: a file's name, but DIR is the directory the dataset's files are written "
                             f"into; end it with a slash ({name}/) to make a directory of that name")
        return
    if not directory.is_dir():
        raise DraftError(f"{name}: a file, not a directory; DIR names a directory to write the dataset's files into")
    try:
        entries = sorted(entry.name for entry in directory.iterdir())
    except OSError as error:
        raise DraftError(f"{name}: cannot list it: {error.strerror or error}") from error
    if entries and not force:
        raise DraftError(f"{name}: the directory is not empty (it has {one_line(entries[0])}…); use --force to write into it")


def write_files(directory: Path, files: dict[str, str], force: bool = False, named_as_directory: bool = False) -> None:
    """Write `files` (name -> text) into `directory`, which must not exist or be empty (or `force`)."""
    check_target(directory, force, named_as_directory)
    name = one_line(str(directory))
    try:
        if directory.is_dir():
            _replace_each(directory, files)
        else:
            _create(directory, files)
    except OSError as error:
        where = f" ({one_line(error.filename)})" if error.filename else ""
        raise DraftError(f"{name}: cannot write the draft: {error.strerror or error}{where}") from error


def _create(directory: Path, files: dict[str, str]) -> None:
    directory.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
    try:
        for file_name, text in files.items():
            (temp / file_name).write_text(text, encoding="utf-8")
        os.chmod(temp, 0o777 & ~_umask())
        os.rename(temp, directory)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise


def _replace_each(directory: Path, files: dict[str, str]) -> None:
    written: list[tuple[Path, Path]] = []
    try:
        for file_name, text in files.items():
            descriptor, temp_name = tempfile.mkstemp(prefix=f".{file_name}.", suffix=".tmp", dir=directory)
            written.append((Path(temp_name), directory / file_name))
            with open(descriptor, "w", encoding="utf-8") as file:
                file.write(text)
            os.chmod(temp_name, 0o666 & ~_umask())
    except BaseException:
        for temp, _ in written:
            temp.unlink(missing_ok=True)
        raise
    for temp, target in written:
        os.replace(temp, target)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
