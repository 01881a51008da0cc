"""A quote index read from the load cache keeps each word's bitset as the bytes it was stored as until
a search first reads it: the first search at a million quotes waited for every word's to be made an
int (a third of a second); its first key reads a few hundred."""

from __future__ import annotations

from anora_tui.core.loading import cache_derived
from anora_tui.core.search import SearchIndexes
from anora_tui.core.search.quotes import QuoteIndex
from anora_tui.core.search.stored import quote_index_from_plain, index_to_plain


def stored_beside_built(dataset):
    built = QuoteIndex(dataset)
    indexes = SearchIndexes(dataset)
    plain = cache_derived.decode(cache_derived.encode(index_to_plain(built)))
    return quote_index_from_plain(dataset, plain, lambda: indexes.people), built


def bytes_left(index) -> set[str]:
    return {word for word, posting in index.text.parts()[1].items() if type(posting) is bytes}


def test_a_stored_index_makes_a_words_bitset_when_a_search_reads_it(example_dataset):
    stored, built = stored_beside_built(example_dataset)
    waiting = bytes_left(stored)
    assert waiting and all(type(built.text.parts()[1][word]) is int for word in waiting)
    word = sorted(waiting)[0]
    assert stored.search(word).bits == built.search(word).bits
    assert word not in bytes_left(stored) and bytes_left(stored)  # that word's made, not every word's


def test_a_stored_index_finds_what_a_built_one_finds_and_stores_the_same(example_dataset):
    stored, built = stored_beside_built(example_dataset)
    for query in ("the", "t", "mar", "film !the", "\"in the\"", "it's", "a-b", "@mik", "zzz"):
        assert stored.search(query).bits == built.search(query).bits, query
    stored.text.prepare_first_keys()
    for word in sorted(built.text.parts()[1])[:50]:
        assert list(stored.text.positions_with_every_word([word])) == list(built.text.positions_with_every_word([word]))
    again = quote_index_from_plain(example_dataset, cache_derived.decode(cache_derived.encode(index_to_plain(stored))),
                                   lambda: None)
    assert again.search("the").bits == built.search("the").bits  # stored again from a stored index
