"""A quote index read from the load cache leaves each word's bitset where it was stored until a search
first reads it: the first search at a million quotes waited for every word's to be made an
int (a third of a second); its first key reads a few hundred. Its folded texts are stored apart, and
read only when a search first needs them."""

from __future__ import annotations

from anora_tui.core.loading import cache_derived
from anora_tui.core.search import SearchIndexes
from anora_tui.core.search.quotes import QuoteIndex
import pytest

from anora_tui.core.search.paragraphs import ParagraphIndex
from anora_tui.core.search.stored import folded_to_plain, index_to_plain, paragraph_index_from_plain, quote_index_from_plain


def through_the_cache(plain):
    return cache_derived.decode(cache_derived.encode(plain))


def stored_beside_built(dataset, folded_reads: list | None = None, scope=QuoteIndex):
    built = scope(dataset)
    indexes = SearchIndexes(dataset)
    from_plain = quote_index_from_plain if scope is QuoteIndex else paragraph_index_from_plain
    stored_folded = through_the_cache(folded_to_plain(built))

    def folded():
        if folded_reads is not None:
            folded_reads.append(1)
        return stored_folded

    return from_plain(dataset, through_the_cache(index_to_plain(built)), lambda: indexes.people, folded), built


def bytes_left(index) -> set[str]:
    return {word for word, posting in index.text.parts()[1].items() if type(posting) not in (int, tuple)}


def test_a_stored_index_makes_a_words_bitset_when_a_search_reads_it(example_dataset):
    stored, built = stored_beside_built(example_dataset)
    waiting = bytes_left(stored)
    assert waiting and all(type(built.text.parts()[1][word]) is int for word in waiting)
    word = sorted(word for word in waiting if len(word) > 1)[0]  # one character: a first key, stored
    assert stored.search(word).bits == built.search(word).bits
    assert word not in bytes_left(stored) and bytes_left(stored)  # that word's made, not every word's


def test_a_stored_index_finds_what_a_built_one_finds_and_stores_the_same(example_dataset):
    stored, built = stored_beside_built(example_dataset)
    for query in ("the", "t", "mar", "film !the", "\"in the\"", "it's", "a-b", "@mik", "zzz"):
        assert stored.search(query).bits == built.search(query).bits, query
    stored.text.prepare_first_keys()
    for word in sorted(built.text.parts()[1])[:50]:
        assert list(stored.text.positions_with_every_word([word])) == list(built.text.positions_with_every_word([word]))
    again = quote_index_from_plain(
        example_dataset, through_the_cache(index_to_plain(stored)), lambda: None, lambda: folded_to_plain(stored)
    )
    assert again.search("the").bits == built.search("the").bits  # stored again from a stored index


def hits_of(result) -> list:
    return [(hit.position, hit.rank, hit.spans, hit.text, getattr(hit, "section", None), getattr(hit, "paragraph", None)) for hit in result.hits]


@pytest.mark.parametrize("scope", [QuoteIndex, ParagraphIndex])
def test_the_folded_texts_are_read_when_a_search_first_needs_them(example_dataset, scope):
    """At a million quotes the text's folded texts were 373 MB of the cache, which its first search
    waited to read: a word's search, and the hits it shows, do without them; a term with punctuation
    or a space is checked against them, and reads them then, once."""
    reads: list = []
    stored, built = stored_beside_built(example_dataset, reads, scope)
    for query in ("the", "t", "mar", "film !the", "zzz"):
        assert hits_of(stored.search(query)) == hits_of(built.search(query)), query
    assert reads == []
    for query in ('"in the"', "it's", "a-b", "the.", '"the film"'):
        assert hits_of(stored.search(query)) == hits_of(built.search(query)), query
    assert reads == [1]


@pytest.mark.parametrize("folded", [None, {"format": -1}, {"format": "x", "folded": []}, "bad"])
def test_folded_texts_the_cache_does_not_hold_are_folded_again(example_dataset, folded):
    built = QuoteIndex(example_dataset)
    plain = through_the_cache(index_to_plain(built))
    stored = quote_index_from_plain(example_dataset, plain, lambda: None, lambda: folded)
    for query in ('"in the"', "it's", "the."):
        assert hits_of(stored.search(query)) == hits_of(built.search(query)), query
    assert stored.text.parts()[0] == built.text.parts()[0]


def test_a_stored_indexs_first_keys_are_read_not_made(example_dataset, monkeypatch):
    """A search's first key is a one-character term, the dearest to make (every word holding the
    letter: hundreds of bitsets read from the cache at a million quotes, 0.3 s from a cold disk): the
    cache stores each one's three bitsets, read when first searched."""
    stored, built = stored_beside_built(example_dataset)
    made: list[str] = []
    monkeypatch.setattr(stored.text, "_compute_term", lambda term: made.append(term))
    monkeypatch.setattr(stored.text, "_union", lambda words: made.append("union"))
    for letter in ("t", "a", "9", "q"):
        assert stored.search(letter).bits == built.search(letter).bits, letter
    stored.text.prepare_first_keys()
    assert made == [] and stored.text.first_keys_ready
