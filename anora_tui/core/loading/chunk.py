"""What one file holds, as plain data (`Chunk`): rows of field values, ids and references with their
positions, problems. Picklable and sent between processes; turned into model objects where the
dataset is built."""

from __future__ import annotations

import marshal
from array import array
from itertools import starmap
from typing import Callable

from ..model import (
    Article,
    Character,
    Event,
    Note,
    Person,
    Production,
    Quote,
    Scene,
    Section,
    StoryPosition,
    record_factory,
)

_NO_FILM = ("", None, "", None, "")
_NO_PRODUCTION = Production()


def _production(row) -> Production:
    return _NO_PRODUCTION if row is None else Production(*row)


def _make_article(title, publication, published, sections, film, headings) -> Article:
    sections = tuple(Section(*section, index) for index, section in enumerate(sections))
    film_title, runtime_minutes, runtime_note, production, outside_article = film or _NO_FILM
    return Article(
        title,
        publication,
        published,
        sections,
        film_title,
        runtime_minutes,
        runtime_note,
        _production(production),
        outside_article,
        headings,
    )


def _make_scene(
    scene_id, title, summary, position, production, people, characters, sections, outside_article
) -> Scene:
    return Scene(
        scene_id,
        title,
        summary,
        StoryPosition(*position),
        _production(production),
        people,
        characters,
        sections,
        outside_article,
    )


_MAKERS: dict[str, Callable[..., object]] = {}  # collection -> what makes a record from its row


def _makers() -> dict[str, Callable[..., object]]:
    """What makes each collection's records from their rows, made when first needed (only a load
    from the YAML needs them, and `format` imports PyYAML). A row holds the fields the format has,
    in the model's order: the ones after them (derived at load: a person's characters, a quote's
    order) get their defaults."""
    if not _MAKERS:
        from .format import LIST_COLLECTIONS

        _MAKERS["scenes"] = _make_scene
        for name, record_type in (("people", Person), ("characters", Character), ("events", Event),
                                  ("quotes", Quote), ("notes", Note)):
            _MAKERS[name] = record_factory(record_type, LIST_COLLECTIONS[name].size)
    return _MAKERS


# --- one file ---------------------------------------------------------------------------------


class Chunk:
    """What one file (or the article in it) holds, as plain data: picklable, no YAML nodes.

    Positions are 1-based `line, column`. Ids and references are kept per id space, in the order they
    are met, with their positions in flat arrays; an id's `error_index` is how many problems the
    chunk had when it was met, so that a duplicate found when the chunks are merged goes where
    reading every file in one go would have put it (before a "bad id" problem at the same place).
    """

    def __init__(self) -> None:
        self.readable = True  # False: the file could not be read (its one problem is in `errors`)
        self.errors: list[tuple[int, int, str]] = []  # (line, column, message)
        self.ids: dict[str, list[str]] = {}  # space -> each id defined, in order
        self.id_marks: dict[str, array] = {}  # space -> line, column, error_index for each
        self.references: dict[str, list[str]] = {}  # space -> each id referred to, in order
        self.reference_marks: dict[str, array] = {}  # space -> line, column for each reference
        self.reference_subjects: dict[str, list[str]] = {}  # space -> subject for each reference
        # (field, section id, paragraph number, excerpt or None) for each excerpt to check
        self.excerpts: list[tuple[str, str, int, str | None]] = []
        self.excerpt_marks = array("q")  # paragraph line, column, excerpt line, column for each
        self.rows: dict[str, list[list]] = {}  # collection -> rows of valid records
        self.paragraphs: dict[str, tuple[str, ...]] = {}  # section id -> paragraphs (in the article)
        self.article_row: list | None = None  # in an article's own chunk
        self.paragraph_words: dict[str, list[int]] | None = None  # section id -> each paragraph's words, if counted
        # The file's `article`: (line, column, error_index, the article's chunk) of its key
        self.article: tuple[int, int, int, Chunk] | None = None
        # Made from the rows by `make_records`, in the process that builds the dataset (never sent).
        self.records: dict[str, list] = {}  # collection -> model objects
        self.article_record: Article | None = None

    def make_records(self) -> None:
        makers = _makers()
        self.records = {name: list(starmap(makers[name], rows)) for name, rows in self.rows.items()}
        if self.article_row is not None:
            self.article_record = _make_article(*self.article_row)
        if self.article is not None:
            self.article[3].make_records()

    # Sent from a worker process by marshal: faster than pickle, both ways, for this much plain data
    # (and the same interpreter reads it).
    def __reduce__(self) -> tuple:
        return _unmarshal_chunk, (marshal.dumps(self._plain()),)

    def _plain(self) -> tuple:
        article = self.article
        return (
            self.readable,
            self.errors,
            self.ids,
            {space: marks.tobytes() for space, marks in self.id_marks.items()},
            self.references,
            {space: marks.tobytes() for space, marks in self.reference_marks.items()},
            self.reference_subjects,
            self.excerpts,
            self.excerpt_marks.tobytes(),
            self.rows,
            self.paragraphs,
            self.article_row,
            self.paragraph_words,
            None if article is None else (*article[:3], article[3]._plain()),
        )

    @classmethod
    def _from_plain(cls, plain: tuple) -> Chunk:
        chunk = cls()
        (
            chunk.readable,
            chunk.errors,
            chunk.ids,
            id_marks,
            chunk.references,
            reference_marks,
            chunk.reference_subjects,
            chunk.excerpts,
            excerpt_marks,
            chunk.rows,
            chunk.paragraphs,
            chunk.article_row,
            chunk.paragraph_words,
            article,
        ) = plain
        chunk.id_marks = {space: _marks(marks) for space, marks in id_marks.items()}
        chunk.reference_marks = {space: _marks(marks) for space, marks in reference_marks.items()}
        chunk.excerpt_marks = _marks(excerpt_marks)
        if article is not None:
            chunk.article = (*article[:3], cls._from_plain(article[3]))
        return chunk


def _unmarshal_chunk(data: bytes) -> Chunk:
    return Chunk._from_plain(marshal.loads(data))


def _marks(data: bytes) -> array:
    marks = array("q")
    marks.frombytes(data)
    return marks
