"""The quote index against a plain scan: same hits, same ranks, same order, spans that really match."""

from __future__ import annotations

import re
from itertools import islice

from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_search import CHARACTERS, PEOPLE, dataset_of

from anora_tui.core.search import (
    INNER,
    PREFIX,
    WHOLE,
    QuoteIndex,
    bits_from_positions,
    fold_text,
    fold_with_offsets,
    parse_query,
    positions_of,
)
from anora_tui.core.search.bitsets import first_positions

# Small pieces, so that random texts and queries often overlap; with the folding traps in them.
PIECES = ["a", "b", "ab", "A", "é", "É", "e\u0301", "ß", "ss", "’", "'", "-", "—", " ", " ", "(", ".", "“"]
texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join)
query_pieces = st.sampled_from(PIECES + ['"', "!", "@", "@mad", "@ani", "@sean", "@i"])
queries = st.lists(query_pieces, max_size=8).map("".join)
speakers = st.sampled_from([person.id for person in PEOPLE])


def plainly_spoken_by(person_id: str, name: str) -> bool:
    person = next(p for p in PEOPLE if p.id == person_id)
    names = [person.id, person.name, *person.aliases]
    names += [n for c in CHARACTERS if c.played_by == person_id for n in (c.name, *c.aliases)]
    name_words = re.findall(r"\w+", fold_text(" ".join(names)))
    return all(any(w.startswith(part) for w in name_words) for part in re.findall(r"\w+", name))


def plain_rank(folded: str, term: str) -> int:
    """A word boundary is asked for only at an end of the term that is a word character."""

    def found(left: bool, right: bool) -> bool:
        left = left and re.match(r"\w", term[0]) is not None
        right = right and re.match(r"\w", term[-1]) is not None
        pattern = ("(?<!\\w)" if left else "") + re.escape(term) + ("(?!\\w)" if right else "")
        return re.search(pattern, folded) is not None

    if found(True, True):
        return WHOLE
    return PREFIX if found(True, False) else INNER


def readings(folded: str, term: str) -> list[str]:
    """The texts a term is looked for in: the folded text, and for a plain word also the text with its
    words joined by apostrophes written without them (a word typed without its apostrophe is found:
    "aa" finds "a’a")."""
    if re.fullmatch(r"\w+", term) is None:
        return [folded]
    return [folded, re.sub(r"\w+(?:'\w+)+", lambda joined: joined.group().replace("'", ""), folded)]


def plain_has(folded: str, term: str) -> bool:
    return any(term in reading for reading in readings(folded, term))


def plain_scan(quotes, query_text: str) -> list[tuple[str, int]]:
    """(quote id, rank) of every hit, best first, by reading every quote."""
    query = parse_query(query_text)
    hits = []
    for quote in quotes:
        folded = fold_text(quote.text)
        if not all(plain_has(folded, term) for term in query.terms):
            continue
        if any(plain_has(folded, term) for term in query.excluded):
            continue
        if not all(plainly_spoken_by(quote.speaker, name) for name in query.speakers):
            continue
        rank = max(
            (min(plain_rank(reading, term) for reading in readings(folded, term) if term in reading) for term in query.terms),
            default=WHOLE,
        )
        hits.append((rank, quote.order, quote.id))
    return [(quote_id, rank) for rank, _, quote_id in sorted(hits)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(speakers, texts), min_size=1, max_size=8), queries)
@example([(PEOPLE[0].id, "a’a")], "aa")  # found without its apostrophe, as a whole word
@example([(PEOPLE[0].id, "a’a b"), (PEOPLE[0].id, "aab")], "!aa")
def test_index_agrees_with_a_plain_scan(quotes, query_text):
    dataset = dataset_of(*quotes)
    index = QuoteIndex(dataset)
    # Type the query a character at a time on one index, as the reader does: caches must not leak.
    for typed in [query_text[:n] for n in range(1, len(query_text) + 1)] or [""]:
        result = index.search(typed)
        assert [(hit.quote.id, hit.rank) for hit in result.hits] == plain_scan(dataset.quotes, typed)
        assert result.count == len(result.hits)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(speakers, texts), min_size=1, max_size=6), queries)
@example([(PEOPLE[0].id, "-a-a")], "-a")  # the inner hyphen folds to a space: one match, not two
@example([(PEOPLE[0].id, "a’a")], "aa")  # found without its apostrophe: the span holds it with one
def test_every_span_is_a_match_and_every_match_is_covered(quotes, query_text):
    dataset = dataset_of(*quotes)
    terms = parse_query(query_text).terms
    for hit in QuoteIndex(dataset).search(query_text).hits:
        text = hit.quote.text
        assert list(hit.spans) == sorted(hit.spans)
        assert all(end < start for (_, end), (start, _) in zip(hit.spans, hit.spans[1:]))
        # Folding depends on context (a hyphen between letters folds to a space, a leading one stays):
        # read the spans in the folded text, through what each folded character came from.
        folded, owners = fold_with_offsets(text)

        def inside(i: int, spans=hit.spans) -> bool:
            return any(s <= owners[i] < e for s, e in spans)

        for start, end in hit.spans:
            in_span = "".join(folded[i] for i in range(len(folded)) if start <= owners[i] < end)
            # A word with an apostrophe inside is found typed without it ("dor" marks "d'or").
            assert any(term in in_span or "'" not in term and term in in_span.replace("'", "") for term in terms)
        covered = "".join("\0" if inside(i) else folded[i] for i in range(len(folded)))
        # Blanking out every span leaves no whole occurrence of any term behind.
        for term in terms:
            assert term not in covered


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 3000).flatmap(lambda size: st.tuples(st.just(size), st.sets(st.integers(0, max(0, size - 1))))))
def test_bitsets_round_trip_sparse_and_dense(size_and_positions):
    size, positions = size_and_positions
    positions = sorted(p for p in positions if p < size)
    bits = bits_from_positions(iter(positions), size)
    assert bits == sum(1 << p for p in positions)
    assert list(positions_of(bits)) == positions


@settings(max_examples=200, deadline=None)
@given(st.lists(st.booleans(), max_size=3000), st.integers(0, 100))
def test_a_sets_first_positions_are_its_positions_however_dense(flags, read):
    """`first_positions`, which reads a page of hits without a pass over the whole set, gives what
    `positions_of` and a plain scan give, on dense sets (every flag a coin toss) and sparse ones."""
    positions = [position for position, flag in enumerate(flags) if flag]
    bits = bits_from_positions(positions, len(flags))
    assert list(first_positions(bits)) == positions == list(positions_of(bits))
    assert list(islice(first_positions(bits), read)) == positions[:read]
