"""What the load cache stores beyond the dataset itself: values derived from it that take seconds to
compute in a large dataset, so a start from the cache has them at once (`Dataset.stored`).

- `quote_index`: the quote search index (6 s to build at 100,000 quotes on the project machine; the
  first search key waited for it), and `people_names`: the people's names it finds `@name` by (1.3 s
  to build for 52,000 people), read apart, when `@name` first needs them;
- `mentions`: every person's mentions (a scan of every word of the article: 2.6 s at 130,000
  paragraphs), which the People list counts;
- `paragraph_words`: each paragraph's word count, for the reading time left (1.2 s at 130,000);
- `places`: the command palette's places, found by name (13 s to make at a million quotes: the
  palette's first keys waited for them).

They are written only when the cache is written by the reader's detached process, so no command
waits for them: all of them for a large dataset (one the reader prepares ahead: see `worth_storing`),
and for a small one only what its first frame reads (`FIRST_FRAME`: the People list's mention counts,
the reading time's word counts, a few milliseconds of a start saved); the others take milliseconds
there when first used. Each is
optional: a cache file without one, or with one that cannot be read, makes the reader compute it as
without a cache.

A block is `marshal` data (strings, ints, bytes, tuples, lists, dicts: `marshal` can make code objects,
but nothing here runs what it reads, and `quote_index_from_plain` and the others check the types they
take), written as it is: a cache file with derived blocks is JSON up to them (its prefix, header and the
dataset's blocks come first), not a JSON document. (Base64 inside a JSON string kept it one, at 0.4 s
to decode the quote index at 100,000 quotes, more than all the rest of reading it.) Its CRC-32 is
checked before it is decoded; `marshal`'s format is the interpreter's, so the key covers the Python
version.
"""

from __future__ import annotations

import marshal
from typing import Any

from ..model import Dataset
from .cache_blocks import DERIVED as NAMES


def worth_storing(dataset: Dataset) -> bool:
    """Whether computing these is slow enough to store them: the reader prepares them ahead, after
    its first frame, in such a dataset (in a small one, each takes milliseconds when first needed)."""
    from ..search.indexes import SMALL

    return not dataset.mentions_are_quick or len(dataset.quotes) > SMALL


FIRST_FRAME = ("paragraph_words", "mentions")  # what the reader's first frame reads of them


def stored_names(dataset: Dataset) -> tuple[str, ...]:
    """The derived values a cache of `dataset` written behind stores."""
    return NAMES if worth_storing(dataset) else FIRST_FRAME


def derived_plain(dataset: Dataset, names: tuple[str, ...] = NAMES) -> dict[str, Any]:
    """The derived values `names` of the dataset (by default every one), as plain data."""
    from ..reading_time import paragraph_words

    plain: dict[str, Any] = {}
    if "paragraph_words" in names:
        plain["paragraph_words"] = dataset.stored("paragraph_words") or paragraph_words(dataset)
    if "mentions" in names:
        dataset.count_mentions()
        plain["mentions"] = {
            person_id: [(m.section, m.paragraph, m.count, m.spans, m.via_note) for m in mentions]
            for person_id, mentions in dataset._mentions.items()
        }
    if set(names) - set(FIRST_FRAME):
        from ..search.indexes import SearchIndexes
        from ..search.stored import people_names_to_plain, quote_index_to_plain

        indexes = SearchIndexes(dataset)
        plain["quote_index"] = quote_index_to_plain(indexes.quotes)
        plain["people_names"] = people_names_to_plain(indexes.people)
        plain["places"] = indexes.places.to_plain()
    plain = {name: plain[name] for name in names}
    assert set(plain) <= set(NAMES)
    return plain


def encode(value: Any) -> bytes:
    return marshal.dumps(value)


def decode(data: bytes) -> Any:
    """ValueError (or EOFError, TypeError) if `data` is not what `encode` wrote."""
    return marshal.loads(data)
