"""The quote index (with the people's names it finds `@name` by) as plain data, and back: what the
load cache stores so that a start from the cache searches at once instead of building the index for
seconds. Plain data is what `marshal` writes: strings, ints (a posting's bitset is one big int),
tuples, lists and dicts, never code.

What is stored is what building computes (the folded texts, the postings, the names' words and
owners); what is cheap (sorting the vocabulary, grouping quotes by speaker, the empty caches) is made
again, by the same code as a build.
"""

from __future__ import annotations

from typing import Any

from ..model import Dataset
from .names import NameIndex, PeopleNames
from .quotes import QuoteIndex
from .text_index import BoundedCache, TextIndex

FORMAT = 1


def quote_index_to_plain(index: QuoteIndex) -> dict[str, Any]:
    text, people = index.text, index.people
    names = people.index
    return {
        "format": FORMAT,
        "folded": text._folded,
        # A bitset as its bytes: `marshal` writes and reads an int digit by digit, 8 times slower.
        "postings": {
            word: posting.to_bytes((posting.bit_length() + 7) // 8, "little") if type(posting) is int else posting
            for word, posting in text._postings.items()
        },
        "ids": people.ids,
        "article_words": people._article_words,
        "names": names._names,
        "names_folded": names._folded,
        "owners": names._owners,
        "first_word_owners": names._first_word_owners,
        "order": names._order,
    }


def quote_index_from_plain(dataset: Dataset, plain: Any) -> QuoteIndex:
    """The index `quote_index_to_plain` was given, for `dataset` (the one it was built from); ValueError,
    TypeError or KeyError on anything else."""
    if type(plain) is not dict or plain.get("format") != FORMAT:
        raise ValueError("not a stored quote index")
    folded, postings = plain["folded"], plain["postings"]
    if type(folded) is not list or type(postings) is not dict or len(folded) != len(dataset.quotes):
        raise ValueError("not a stored quote index")
    ids = plain["ids"]
    if type(ids) is not list or len(ids) != len(dataset.people):
        raise ValueError("not a stored quote index")

    names = object.__new__(NameIndex)
    names._names, names._folded = plain["names"], plain["names_folded"]
    names._owners, names._first_word_owners = plain["owners"], plain["first_word_owners"]
    names._order = plain["order"]
    if not (len(names._names) == len(names._folded) == len(names._order) == len(ids)):
        raise ValueError("not a stored quote index")
    names._words, names._first_words = sorted(names._owners), sorted(names._first_word_owners)
    names._by_prefix, names._by_start = BoundedCache(64), BoundedCache(64)

    people = object.__new__(PeopleNames)
    people.ids, people.index = ids, names
    people._dataset_names = {person.id: person.name for person in dataset.people}
    people._article_words = plain["article_words"]

    text = object.__new__(TextIndex)
    postings = {
        word: int.from_bytes(posting, "little") if type(posting) is bytes else posting for word, posting in postings.items()
    }
    text._folded, text._size, text._postings = folded, len(folded), postings
    text.all = (1 << text._size) - 1
    text._vocabulary = sorted(postings)
    text._reversed_vocabulary = sorted(word[::-1] for word in postings)
    text._words_containing, text._word_sets, text._term_texts = BoundedCache(256), BoundedCache(128), BoundedCache(64)

    index = object.__new__(QuoteIndex)
    index.dataset, index.text, index.people = dataset, text, people
    index._positions_by_speaker = QuoteIndex.positions_by_speaker(dataset)
    index._by_name_word = BoundedCache(64)
    return index
