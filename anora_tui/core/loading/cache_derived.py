"""What the load cache stores beyond the dataset itself: values derived from it that take seconds to
compute in a large dataset, so a start from the cache has them at once (`Dataset.stored`).

- `quote_index`: the quote search index and the people's names it finds `@name` by (6 s to build
  at 100,000 quotes on the project machine; the first search key waited for it);
- `mentions`: every person's mentions (a scan of every word of the article: 2.6 s at 130,000
  paragraphs), which the People list counts;
- `paragraph_words`: each paragraph's word count, for the reading time left (1.2 s at 130,000).

They are written only for a large dataset (one the reader prepares ahead: see `worth_storing`), and
only when the cache is written by its detached process, so no command waits for them. Each is
optional: a cache file without one, or with one that cannot be read, makes the reader compute it as
without a cache.

A block is `marshal` data (strings, ints, tuples, lists, dicts: never code, and `marshal` only makes
those), base64-encoded inside a JSON string, so the file stays one JSON object. Its CRC-32 is checked
before it is decoded; `marshal`'s format is the interpreter's, so the key covers the Python version.
"""

from __future__ import annotations

import binascii
import marshal
from typing import Any, Callable

from ..model import Dataset
from .cache_blocks import DERIVED as NAMES


def worth_storing(dataset: Dataset) -> bool:
    """Whether computing these is slow enough to store them: the reader prepares them ahead, after
    its first frame, in such a dataset (in a small one, each takes milliseconds when first needed)."""
    from ..search.indexes import SMALL

    return not dataset.mentions_are_quick or len(dataset.quotes) > SMALL


def derived_plain(dataset: Dataset) -> dict[str, Any]:
    """Each derived value of the dataset, as plain data."""
    return {name: _COMPUTE[name](dataset) for name in NAMES}


def encode(value: Any) -> bytes:
    return b'"' + binascii.b2a_base64(marshal.dumps(value), newline=False) + b'"'


def decode(data: bytes) -> Any:
    """ValueError (or EOFError, TypeError) if `data` is not what `encode` wrote."""
    if len(data) < 2 or data[:1] != b'"' or data[-1:] != b'"':
        raise ValueError("not a derived block")
    try:  # the CRC-32 was checked: no need of base64's slower strict mode
        return marshal.loads(binascii.a2b_base64(memoryview(data)[1:-1]))
    except binascii.Error as error:
        raise ValueError(str(error)) from None


def _paragraph_words(dataset: Dataset) -> list[list[int]]:
    from ..reading_time import paragraph_words

    return paragraph_words(dataset)


def _mentions(dataset: Dataset) -> dict[str, Any]:
    dataset.count_mentions()
    return {
        person_id: [(m.section, m.paragraph, m.count, m.spans, m.via_note) for m in mentions]
        for person_id, mentions in dataset._mentions.items()
    }


def _quote_index(dataset: Dataset) -> dict[str, Any]:
    from ..search.quotes import QuoteIndex
    from ..search.stored import quote_index_to_plain

    return quote_index_to_plain(QuoteIndex(dataset))


_COMPUTE: dict[str, Callable[[Dataset], Any]] = {
    "paragraph_words": _paragraph_words,
    "mentions": _mentions,
    "quote_index": _quote_index,
}
