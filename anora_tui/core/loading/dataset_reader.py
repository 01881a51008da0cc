"""One dataset directory (`DatasetReader`): each file's chunk (read here or in worker processes),
merged in file order, then what spans files: duplicate ids, references, the article, passages."""

from __future__ import annotations

import os
from array import array
from functools import partial
from itertools import repeat
from operator import contains, getitem, sub
from pathlib import Path
from typing import Callable

from ..excerpts import excerpt_spans, part_problem
from ..memory import release_freed_memory
from ..model import Article, Dataset
from ..reading_time import words_in
from . import parallel_read
from .chunk import Chunk
from .directory import DEFAULT_MAX_FILE_BYTES, dataset_files, max_file_bytes
from .file_reader import read_file
from .format import LIST_COLLECTIONS, NOUNS
from .problems import DataError, DataErrors, did_you_mean, excerpt_hint, shown


class DatasetReader:
    """Reads one dataset directory: its files' chunks, merged in file order, then what spans files."""

    def __init__(
        self,
        directory: str | os.PathLike,
        *,
        count_words: bool = False,
        meanwhile: Callable[[], object] | None = None,
    ) -> None:
        self.directory = os.fspath(directory)
        # Each paragraph's words, counted for the reader's reading time by whichever process reads
        # the article (a worker process, for a big dataset), as soon as it has read it.
        self.count_words = count_words
        self.meanwhile = meanwhile  # the caller's work to do while worker processes read (see parallel_read)
        self.errors: list[DataError] = []
        self.article_given_at: tuple[str, int, int] | None = None  # (file, line, column) of the key
        self.article: Article | None = None
        self.article_words: dict[str, list[int]] | None = None  # its chunk's word counts, if counted
        self.paragraphs: dict[str, tuple[str, ...]] = {}  # section id -> paragraphs
        self.records: dict[str, list] = {name: [] for name in LIST_COLLECTIONS}  # valid model objects
        self.chunks: list[tuple[str, Chunk]] = []  # (file, chunk) for each chunk merged, in order
        self.ids: dict[str, dict[str, int]] = {}  # space -> id -> index in self.chunks of its first definition
        self._first_indexes: dict[tuple[int, str], dict[str, int]] = {}  # see _first_index

    def problem(self, line: int, column: int, message: str) -> None:
        self.errors.append(DataError(self.directory, line, column, message))

    def read(self) -> Dataset:
        """The dataset, or `DataErrors`. What reading made along the way is dropped as soon as it has
        served, and the memory it took given back to the system before the dataset is returned: a
        first start's reader draws its first frame with it (at 100,000 quotes, 50 MiB that nothing
        used any more stayed with the process otherwise)."""
        try:
            return self._read()
        finally:
            self._forget_chunks()
            release_freed_memory()

    def _forget_chunks(self) -> None:
        self.chunks.clear()
        self.ids.clear()
        self._first_indexes.clear()
        self.records.clear()
        self.paragraphs = {}
        self.article_words = None

    def _read(self) -> Dataset:
        limit = self._file_size_limit()
        files = self._yaml_files()
        names = [os.path.join(self.directory, path.name) for path in files]
        # What each file's chunk gives on its own is worked out as it comes (from a worker, maybe while
        # the others still read): its model objects, and, once the article's paragraphs are known
        # for sure (every file before the article is in), its quotes' and notes' passages. What
        # depends on the files before is worked out once all are there, in order.
        chunks: list[Chunk] = [None] * len(files)  # type: ignore[list-item]
        passages: list[list | None] = [None] * len(files)  # each file's passage problems, if known
        paragraphs = None  # of the article that counts, once known
        first_missing = 0  # the first file whose chunk has not come yet
        read = partial(_read_counting_words, read_file) if self.count_words else read_file
        for index, chunk in parallel_read.read_files(read, files, limit, self.meanwhile):
            chunk.make_records()
            _drop_rows(chunk)  # the records hold what they held: freed now, their memory takes the next file's
            chunks[index] = chunk
            if paragraphs is not None:
                passages[index] = _checked_passages(chunk, paragraphs)
                continue
            while first_missing < len(files) and chunks[first_missing] is not None:
                article = chunks[first_missing].article
                if article is not None:
                    paragraphs = article[3].paragraphs
                    passages = [chunk and _checked_passages(chunk, paragraphs) for chunk in chunks]
                    break
                first_missing += 1
        every_file_read = True
        for file, chunk in zip(names, chunks):
            if chunk.readable:
                self.errors += self._merge(file, chunk)
            else:
                every_file_read = False
                self.errors += (DataError(file, *error) for error in chunk.errors)
        # A file that could not be read may hold the article or the ids others refer to: checking
        # those would only repeat the file's own problem, once per reference.
        if every_file_read and files:
            if self.article_given_at is None:
                self.problem(0, 0, "no file has an 'article': the dataset needs exactly one")
            self._check_references()
        # Each quote's and note's paragraph exists and contains its excerpt verbatim.
        for file, chunk, problems in zip(names, chunks, passages):
            if problems is None:
                problems = _passage_problems(chunk, self.paragraphs)
            self.errors += (DataError(file, *problem) for problem in problems)
        if self.errors:
            raise DataErrors(self.errors)
        assert self.article is not None
        dataset = Dataset.build(self.article, *self.records.values(), text_is_clean=True, records_are_new=True)
        if self.count_words and self.article_words is not None:
            words = list(map(self.article_words.get, [section.id for section in dataset.sections]))
            if None not in words:
                dataset.keep_derived("paragraph_words", words)
        return dataset

    def _file_size_limit(self) -> int:
        try:
            return max_file_bytes()
        except ValueError as error:
            self.problem(1, 1, str(error))
            return DEFAULT_MAX_FILE_BYTES

    def _yaml_files(self) -> list[Path]:
        directory = Path(self.directory)
        if not directory.is_dir():
            self.problem(0, 0, _not_a_directory(directory))
            return []
        try:
            files = dataset_files(directory)
        except OSError as error:
            self.problem(0, 0, f"cannot list the data directory: {error.strerror}")
            return []
        if not files:
            self.problem(0, 0, "no *.yaml files in the data directory")
        return files

    # --- merging, in file order

    def _merge(self, file: str, chunk: Chunk) -> list[DataError]:
        """Take in a readable chunk; return its problems, with those that depend on the chunks before
        (duplicate ids, a second article) where reading all the files in one go would have found them."""
        number = len(self.chunks)
        self.chunks.append((file, chunk))
        for name, records in chunk.records.items():
            self.records[name] += records
        # Each problem found here: (error_index, problems), to go among the chunk's own problems where
        # they would have been met. (Problems at different places in a file are sorted by place in the
        # end: only their order among those at the same place matters, an id's "duplicate" before its
        # "bad id". The article's ids are sections and the rest of a file's are not, so which of the
        # two registers its ids first does not matter either.)
        found: list[tuple[int, list[DataError]]] = []
        for id_space, ids in chunk.ids.items():
            known = self.ids.setdefault(id_space, {})
            if len(set(ids)) == len(ids) and known.keys().isdisjoint(ids):
                known.update(dict.fromkeys(ids, number))
            else:
                found += self._duplicates(file, chunk, number, id_space, known)
        if chunk.article is not None:
            line, column, error_index, article = chunk.article
            if self.article_given_at is None:
                self.article_given_at = (file, line, column)
                self.article = article.article_record
                self.paragraphs = article.paragraphs
                self.article_words = article.paragraph_words
                problems = self._merge(file, article)
            else:
                first_file, first_line, first_column = self.article_given_at
                message = f"'article' given twice (first in {first_file}:{first_line}:{first_column})"
                problems = [DataError(file, line, column, message)]
            found.append((error_index, problems))
        errors = [DataError(file, *error) for error in chunk.errors]
        for error_index, problems in reversed(sorted(found, key=lambda f: f[0])):  # back to front
            errors[error_index:error_index] = problems
        return errors

    def _duplicates(
        self, file: str, chunk: Chunk, number: int, id_space: str, known: dict[str, int]
    ) -> list[tuple[int, list[DataError]]]:
        found = []
        marks = chunk.id_marks[id_space]
        noun = NOUNS[id_space]
        for index, record_id in enumerate(chunk.ids[id_space]):
            first = known.setdefault(record_id, number)
            if first == number and self._first_index(number, id_space)[record_id] == index:
                continue
            first_file, first_chunk = self.chunks[first]
            first_index = 3 * self._first_index(first, id_space)[record_id]
            first_line, first_column = first_chunk.id_marks[id_space][first_index : first_index + 2]
            line, column, error_index = marks[3 * index : 3 * index + 3]
            message = f"duplicate {noun} id {shown(record_id)} (first at {first_file}:{first_line}:{first_column})"
            found.append((error_index, [DataError(file, line, column, message)]))
        return found

    def _first_index(self, number: int, id_space: str) -> dict[str, int]:
        """Where each id of a space is first defined among a chunk's ids (made when first asked)."""
        index = self._first_indexes.get((number, id_space))
        if index is None:
            ids = self.chunks[number][1].ids[id_space]
            # Reversed, so that the first of a repeated id is the one kept.
            index = self._first_indexes[number, id_space] = dict(zip(reversed(ids), range(len(ids) - 1, -1, -1)))
        return index

    # --- across files

    def _check_references(self) -> None:
        by_space: dict[str, list[tuple[str, Chunk]]] = {}  # in the order references were first met
        for file, chunk in self.chunks:
            for id_space in chunk.references:
                by_space.setdefault(id_space, []).append((file, chunk))
        for id_space, chunks in by_space.items():
            known = self.ids.get(id_space, {})
            noun = NOUNS[id_space]
            if not known:
                self._report_none_defined(id_space, chunks)
                continue
            suggestions: dict[str, str] = {}  # one wrong id is often used many times
            for file, chunk in chunks:
                references = chunk.references[id_space]
                if known.keys() >= set(references):
                    continue
                marks = chunk.reference_marks[id_space]
                subjects = chunk.reference_subjects[id_space]
                for index, record_id in enumerate(references):
                    if record_id in known:
                        continue
                    if record_id not in suggestions:
                        suggestions[record_id] = did_you_mean(record_id, known)
                    message = f"{subjects[index]} refers to unknown {noun} {shown(record_id)}{suggestions[record_id]}"
                    self.errors.append(DataError(file, marks[2 * index], marks[2 * index + 1], message))


    def _report_none_defined(self, id_space: str, chunks: list[tuple[str, Chunk]]) -> None:
        """References to a kind of record the dataset has none of (its file missing, say): one
        problem, at the first, that says so and counts the rest, not one per reference."""
        chunks = [(file, chunk) for file, chunk in chunks if chunk.references[id_space]]
        if not chunks:
            return
        file, chunk = chunks[0]
        count = sum(len(chunk.references[id_space]) for _file, chunk in chunks)
        marks, subjects = chunk.reference_marks[id_space], chunk.reference_subjects[id_space]
        rest = f"; so do {count - 1} more references to {id_space}" if count > 1 else ""
        message = (
            f"{subjects[0]} refers to unknown {NOUNS[id_space]} {shown(chunk.references[id_space][0])}: the "
            f"dataset has no {id_space} at all (no file has a '{id_space}:' list; is {id_space}.yaml missing?){rest}"
        )
        self.errors.append(DataError(file, marks[0], marks[1], message))


def _read_counting_words(read: Callable[..., Chunk], path: Path, limit: int, keep: list | None = None) -> Chunk:
    """`read`'s chunk of the file, with its article's words counted (`Chunk.paragraph_words`)."""
    chunk = read(path, limit, keep)
    if chunk.article is not None and not chunk.errors and not chunk.article[3].errors:  # else never used
        article = chunk.article[3]
        article.paragraph_words = {section_id: words_in(texts) for section_id, texts in article.paragraphs.items()}
    return chunk


def _drop_rows(chunk: Chunk) -> None:
    """Let go of a chunk's rows once its records are made from them (`Chunk.make_records`)."""
    chunk.rows = {}
    chunk.article_row = None
    if chunk.article is not None:
        _drop_rows(chunk.article[3])


def _checked_passages(chunk: Chunk, paragraphs: dict[str, tuple[str, ...]]) -> list[tuple[int, int, str]]:
    """`_passage_problems`, after which the chunk's excerpts are let go of: nothing reads them again."""
    problems = _passage_problems(chunk, paragraphs)
    chunk.excerpts = []
    chunk.excerpt_marks = array("q")
    return problems


def _all_found(excerpts: list[tuple[str, str, int, str | None]], paragraphs: dict[str, tuple[str, ...]]) -> bool:
    """Whether every excerpt is in its paragraph, checked at C speed (no Python code per excerpt);
    False where any is not, or may not be: then each is checked, and its problem worded."""
    _fields, section_ids, numbers, texts = zip(*excerpts)
    sections = list(map(paragraphs.get, section_ids))
    if None in sections or None in texts:
        return False
    try:
        found = map(contains, map(getitem, sections, map(sub, numbers, repeat(1))), texts)
        return all(found)
    except IndexError:  # a paragraph out of range (never 0: the format's numbers start at 1)
        return False


def _excerpt_problem(field: str, excerpt: str, section: tuple[str, ...], section_id: str, number: int) -> str:
    """Why an excerpt is not in its paragraph: a part of it missing (with a hint where it is, or what
    keeps it from matching), or the parts of one with elisions out of order or with nothing between."""
    where = f"section '{section_id}' paragraph {number}"
    part, why, previous = part_problem(section[number - 1], excerpt)
    if why == "before":
        return f"'{field}': its part {shown(part)} stands before {shown(previous)} in {where}, not after it"
    if why == "adjacent":
        return (f"'{field}': nothing is left out between {shown(previous)} and {shown(part)} in {where} "
                "(write them as one part, without ' … ')")
    if part == excerpt:
        return f"'{field}' does not appear verbatim in {where}{excerpt_hint(part, section, number)}"
    hint = excerpt_hint(part, section, number, part=True)
    return f"'{field}' (its part {shown(part)}) does not appear verbatim in {where}{hint}"


def _passage_problems(chunk: Chunk, paragraphs: dict[str, tuple[str, ...]]) -> list[tuple[int, int, str]]:
    """(line, column, message) for each quote or note of the chunk whose paragraph does not exist or
    does not contain its excerpt verbatim, given the article's paragraphs by section id."""
    if chunk.excerpts and _all_found(chunk.excerpts, paragraphs):
        return []
    problems = []
    marks = chunk.excerpt_marks
    for index, (field, section_id, number, excerpt) in enumerate(chunk.excerpts):
        section = paragraphs.get(section_id)
        if section is None:
            continue  # an unknown section (reported) or an unreadable article
        if number > len(section):
            message = f"paragraph {number} is out of range: section '{section_id}' has {len(section)}"
            problems.append((marks[4 * index], marks[4 * index + 1], message))
        elif excerpt is not None and not excerpt_spans(section[number - 1], excerpt):
            message = _excerpt_problem(field, excerpt, section, section_id, number)
            problems.append((marks[4 * index + 2], marks[4 * index + 3], message))
    return problems


def _not_a_directory(directory: Path) -> str:
    """Why the data directory given is none, in words: a broken link or a file say what they are (a
    dataset's file given for its directory says which directory to give)."""
    if directory.is_symlink() and not directory.exists():
        return f"data directory is a broken symbolic link to {os.readlink(directory)!r}"
    if not directory.exists():
        return "data directory does not exist"
    if not directory.is_file():
        return "data directory is not a directory"
    if directory.suffix in (".yaml", ".yml"):
        return f"a file, not a data directory: give the directory that holds the dataset's files ({directory.parent})"
    return "data directory is a file, not a directory"
