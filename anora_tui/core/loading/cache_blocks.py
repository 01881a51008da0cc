"""A cached dataset's blocks: each collection as columns, each lookup as lists of positions, and the
makers that turn a block back into what `Dataset.build` would have computed."""

from __future__ import annotations

from dataclasses import fields
from itertools import accumulate
from operator import attrgetter
from typing import Any, Callable, Mapping

from types import MappingProxyType

from .cache_paragraphs import StoredParagraphs
from .lazy_records import LazyById, LazyGroups, RecordSource, TextColumn, encode_texts
from ..model import (
    Article,
    Character,
    Dataset,
    Event,
    Note,
    Person,
    Production,
    Quote,
    Scene,
    Section,
    StoryPosition,
    frozen_mapping,
    record_factory,
    records_by_id,
)

COLLECTIONS: dict[str, type] = {
    "people": Person,
    "characters": Character,
    "scenes": Scene,
    "events": Event,
    "quotes": Quote,
    "notes": Note,
}
# Lookup field -> (the collection its groups are made of, whether its keys are (section, paragraph)).
GROUPINGS: dict[str, tuple[str, bool]] = {
    "_quotes_by_speaker": ("quotes", False),
    "_quotes_by_paragraph": ("quotes", True),
    "_notes_by_paragraph": ("notes", True),
    "_scenes_by_person": ("scenes", False),
    "_events_by_person": ("events", False),
    "_scenes_by_section": ("scenes", False),
}
BLOCKS = ("article", *COLLECTIONS, *GROUPINGS)
# The quotes' texts: a JSON array of its own (the quotes block's text column holds each one's length in
# bytes), decoded a quote at a time (see lazy_records.py).
QUOTE_TEXTS = "quote_texts"
# Collections whose records are made one at a time, when first read (lazy_records.py): field -> type.
LAZY: dict[str, type] = {"quotes": Quote, "people": Person}
# The article's paragraphs, one JSON array per section, read a section at a time (cache_paragraphs.py).
PARAGRAPHS = "paragraphs"
# Values derived from the dataset that a large dataset's cache may hold as well (see cache_derived.py).
DERIVED = (
    "paragraph_words",
    "mentions",
    "quote_index",
    "quote_folded",
    "people_names",
    "places",
    "paragraph_index",
    "paragraph_folded",
)
# Nested records: field -> (record type, whether the field holds a tuple of them).
_NESTED: dict[tuple[type, str], tuple[type, bool]] = {
    (Article, "sections"): (Section, True),
    (Article, "film_production"): (Production, False),
    (Scene, "position"): (StoryPosition, False),
    (Scene, "production"): (Production, False),
}
# Fields that Dataset.build sets to each record's position in its collection.
_POSITIONS = {(Quote, "order"), (Scene, "order"), (Section, "index")}


def columns_of(records: tuple | list, record_type: type) -> list[Any]:
    """The records as one list per field (tuples become JSON arrays as they are); a field that holds each
    record's position (a quote's order, a section's index) is stored as null."""
    columns: list[Any] = []
    for f in fields(record_type):
        values = list(map(attrgetter(f.name), records))
        if (record_type, f.name) == (Section, "paragraphs"):  # a cached dataset's are read on demand
            values = [value if type(value) is tuple else tuple(value) for value in values]
        nested = _NESTED.get((record_type, f.name))
        if nested and nested[1]:
            values = [columns_of(value, nested[0]) for value in values]
        elif nested:
            values = columns_of(values, nested[0])
        elif (record_type, f.name) in _POSITIONS and values == list(range(len(values))):
            values = None
        elif columns and record_type in _SHARED_TYPES and (record_type, f.name) != (Quote, "text"):
            values = _shared_values(values)
        columns.append(values)
    return columns


# Record types whose repeated values (a quote's speaker, section and form; a person's kind and roles) are
# stored once each, and shared by the records that hold them once read: JSON makes a new string (or
# list) for every value it reads, which at 100,000 quotes took 30 MiB of the first frame.
_SHARED_TYPES = {Quote, Person, Character}


def _shared_values(values: list[Any]) -> Any:
    """`values` as {"values": each distinct one, "at": each record's position in them}, where that
    pays (each value held by two records or more, on average); else as they are."""
    if not all(type(value) in (str, tuple) for value in values):
        return values
    distinct = dict.fromkeys(values)
    if len(distinct) * 2 > len(values):
        return values
    at = {value: i for i, value in enumerate(distinct)}
    return {"values": list(distinct), "at": list(map(at.__getitem__, values))}


def _unshared(column: dict, tuples: bool) -> list[Any]:
    """The values `_shared_values` stored, each distinct one made once (a tuple if `tuples`)."""
    values, at = column.get("values"), column.get("at")
    if type(values) is not list or type(at) is not list or len(column) != 2:
        raise ValueError("not a stored column")
    if tuples:
        values = list(map(tuple, values))
    if at and min(at) < 0:
        raise ValueError("a negative position")
    return list(map(values.__getitem__, at))


_column_readers: dict[type, list[Callable[[list[Any]], Any] | None]] = {}
_factories: dict[type, Callable[..., Any]] = {}


def _records(columns: Any, record_type: type) -> tuple:
    """The records `columns_of` was given; ValueError or TypeError if `columns` are not such."""
    values = _columns(columns, record_type)
    return tuple(map(_factories[record_type], *values))


def _columns(columns: Any, record_type: type) -> list[Any]:
    """The columns `_records` makes records from, checked (each as long as the first)."""
    readers = _column_readers.get(record_type)
    if readers is None:
        readers = _column_readers[record_type] = [_column_reader(record_type, f) for f in fields(record_type)]
        _factories[record_type] = record_factory(record_type)
    if type(columns) is not list or len(columns) != len(readers) or type(columns[0]) is not list:
        raise ValueError(f"not stored {record_type.__name__} records")
    count = len(columns[0])  # the first field of every record type is stored as is
    values = []
    for column, reader, f in zip(columns, readers, fields(record_type)):
        if column is None and (record_type, f.name) in _POSITIONS:
            column = range(count)
        elif type(column) is dict:  # stored by _shared_values
            column = _unshared(column, str(f.type).startswith("tuple"))
        elif reader is not None:
            column = reader(column)
        if len(column) != count:
            raise ValueError(f"not stored {record_type.__name__} records")
        values.append(column)
    return values


def _column_reader(record_type: type, f: Any) -> Callable[[Any], Any] | None:
    nested = _NESTED.get((record_type, f.name))
    if nested and nested[1]:
        return lambda column, inner=nested[0]: [_records(value, inner) for value in _list(column)]
    if nested:
        return lambda column, inner=nested[0]: _records(column, inner)
    if (record_type, f.name) == (Quote, "text"):  # a TextColumn (`source_of`), or the texts themselves
        return lambda column: column if type(column) is TextColumn else _list(column)
    if (record_type, f.name) == (Section, "paragraphs"):  # read from the cache on demand, or a tuple
        return lambda column: [v if type(v) is StoredParagraphs else tuple(v) for v in _list(column)]
    if str(f.type).startswith("tuple"):
        return lambda column: list(map(tuple, _list(column)))
    return _list


def _list(value: Any) -> list:
    if type(value) is not list:
        raise ValueError("not a list")
    return value


def grouping_of(groups: Mapping, collection: tuple, pairs: bool) -> list[Any]:
    """A lookup as [keys, positions of the members in `collection`, group sizes]. Positions are null when
    they are the collection in order; (section, paragraph) keys are two lists, sections and paragraphs.
    KeyError if a member is not in the collection."""
    position = {id(item): i for i, item in enumerate(collection)}
    members: list[int] = []
    sizes: list[int] = []
    for group in groups.values():
        members += [position[id(item)] for item in group]
        sizes.append(len(group))
    keys: list[Any] = list(groups)
    if pairs:
        keys = [[section for section, _ in keys], [paragraph for _, paragraph in keys]]
    in_order = len(members) == len(collection) and members == list(range(len(collection)))
    return [keys, None if in_order else members, sizes]


def _groups(block: Any, collection: Any, pairs: bool) -> Mapping:
    """A lookup `grouping_of` stored, over `collection` (a tuple, or a `RecordSource`: then each group
    is made when first read)."""
    keys, members, sizes = block
    if pairs:
        sections, paragraphs = keys
        if len(sections) != len(paragraphs):
            raise ValueError("not a stored lookup")
        keys = list(zip(sections, paragraphs))
    if type(collection) is RecordSource:
        return MappingProxyType(LazyGroups(keys, members, sizes, collection))
    if members is None:
        items = collection
    elif members and min(members) < 0:
        raise ValueError("a negative position")
    else:
        items = tuple(map(collection.__getitem__, members))
    if len(keys) != len(sizes) or sum(sizes) != len(items) or (sizes and min(sizes) < 1):
        raise ValueError("not a stored lookup")
    ends = list(accumulate(sizes))
    return frozen_mapping(dict(zip(keys, map(items.__getitem__, map(slice, [0, *ends[:-1]], ends)))))


_QUOTE_TEXT = [f.name for f in fields(Quote)].index("text")


def split_quote_texts(quote_columns: list[Any], encode: Callable[[Any], str]) -> bytes:
    """The quotes' texts as the QUOTE_TEXTS block; their column then holds each one's length."""
    buffer, quote_columns[_QUOTE_TEXT] = encode_texts(quote_columns[_QUOTE_TEXT], encode)
    return buffer


def source_of(parts: Any, name: str) -> RecordSource:
    """The `RecordSource` of a LAZY collection, made once per `parts` (its `sources`)."""
    source = parts.sources.get(name)
    if source is None:
        record_type = LAZY[name]
        columns = parts.block(name)
        if type(columns) is not list or len(columns) != len(fields(record_type)):
            raise ValueError(f"not stored {name}")
        raw = getattr(parts, "raw", None)
        if record_type is Quote and raw is not None:  # a cache file's: the texts are a block of their own
            columns[_QUOTE_TEXT] = TextColumn(raw(QUOTE_TEXTS), columns[_QUOTE_TEXT])
        values = _columns(columns, record_type)
        source = parts.sources[name] = RecordSource(
            values, _factories[record_type], len(values[0]), [f.name for f in fields(record_type)]
        )
    return source


_SECTIONS = [f.name for f in fields(Article)].index("sections")
_PARAGRAPHS = [f.name for f in fields(Section)].index("paragraphs")


def paragraph_column(article_columns: list[Any]) -> list[Any]:
    """The sections' paragraphs in the article block's columns (`columns_of([article], Article)`)."""
    return article_columns[_SECTIONS][0][_PARAGRAPHS]


def set_paragraph_column(article_columns: list[Any], column: list[Any]) -> None:
    article_columns[_SECTIONS][0][_PARAGRAPHS] = column


def _article(parts: Any, dataset: Dataset) -> Article:
    columns = parts.block("article")
    source = getattr(parts, "paragraph_source", None)
    if source is not None:  # the paragraphs block holds them, read a section at a time
        set_paragraph_column(columns, source.sequences(paragraph_column(columns)))
    [article] = _records(columns, Article)
    return article


def _collection_maker(name: str, record_type: type) -> Callable[[Any, Dataset], tuple]:
    if name in LAZY:
        return lambda parts, dataset: source_of(parts, name).all()
    return lambda parts, dataset: _records(parts.block(name), record_type)


def _grouping_maker(name: str, collection: str, pairs: bool) -> Callable[[Any, Dataset], Mapping]:
    if collection in LAZY:  # made from the records' source: the collection itself is not made
        return lambda parts, dataset: _groups(parts.block(name), source_of(parts, collection), pairs)
    return lambda parts, dataset: _groups(parts.block(name), getattr(dataset, collection), pairs)


def _by_id_maker(collection: str) -> Callable[[Any, Dataset], Mapping]:
    if collection in LAZY:
        return lambda parts, dataset: MappingProxyType(LazyById(source_of(parts, collection)))
    return lambda parts, dataset: records_by_id(getattr(dataset, collection))


# Dataset field -> how to make it from the blocks (and the fields it depends on).
MAKERS: dict[str, Callable[[Any, Dataset], Any]] = {
    "article": _article,
    **{name: _collection_maker(name, record_type) for name, record_type in COLLECTIONS.items()},
    "sections_by_id": lambda parts, dataset: records_by_id(dataset.article.sections),
    **{f"{name}_by_id": _by_id_maker(name) for name in ("people", "characters", "scenes", "events", "quotes")},
    **{name: _grouping_maker(name, collection, pairs) for name, (collection, pairs) in GROUPINGS.items()},
}
assert set(MAKERS) == {f.name for f in fields(Dataset)}
