"""The quote search core: query syntax, folding, matching, ranking, spans, n/N stepping, hints."""

from __future__ import annotations

import pytest

from anora_tui.core.model import Article, Character, Dataset, Person, Quote, Section
from anora_tui.core.search import (
    INNER,
    PREFIX,
    WHOLE,
    Query,
    QuoteIndex,
    fold_text,
    parse_query,
    match_number,
    step_match,
    suggest_loosening,
)

PEOPLE = (
    Person("sean-baker", "Sean Baker", "crew", ("director",), "Director.", ("Baker",)),
    Person("mikey-madison", "Mikey Madison", "cast", ("actor",), "Plays Ani.", ("Madison",)),
    Person("mark-eydelshteyn", "Mark Eydelshteyn", "cast", ("actor",), "Plays Ivan."),
)
CHARACTERS = (
    Character("ani", "Ani", "mikey-madison", "The dancer.", ("Anora",)),
    Character("ivan", "Ivan", "mark-eydelshteyn", "The son."),
)


def dataset_of(*quotes: tuple[str, str]) -> Dataset:
    """A one-section dataset with one paragraph per (speaker id, text), in that order."""
    section = Section("talk", "Talk", tuple(text for _, text in quotes), 0)
    return Dataset.build(
        Article("A making-of", "A magazine", "2024-11-15", (section,)),
        PEOPLE,
        CHARACTERS,
        (),
        (),
        [Quote(f"q{i}", speaker, text, "talk", i + 1) for i, (speaker, text) in enumerate(quotes)],
        (),
    )


INTERVIEW = dataset_of(
    ("sean-baker", "It’s essentially a romantic comedy, perhaps a slightly dirty one."),
    ("mikey-madison", "I made a point of visiting the café — the Brighton one — every week."),
    ("sean-baker", "The home-invasion scene took ten days (the longest shoot)."),
    ("mark-eydelshteyn", "Comedic timing matters more than the comedy itself."),
    ("mikey-madison", "Ani is a dancer; she’s from Brighton Beach."),
)


@pytest.fixture(scope="module")
def index() -> QuoteIndex:
    return QuoteIndex(INTERVIEW)


def ids(index: QuoteIndex, query: str) -> list[str]:
    return [hit.quote.id for hit in index.search(query).hits]


def matched_text(index: QuoteIndex, query: str, position: int = 0) -> list[str]:
    hit = index.search(query).hits[position]
    return [hit.quote.text[start:end] for start, end in hit.spans]


# --- query syntax ---


def test_parse_words_phrases_exclusions_and_speakers():
    query = parse_query('Money  "A  Phrase" !gone !"two words" @Madison')
    assert query == Query(("money", "a phrase"), ("gone", "two words"), ("madison",))
    assert str(query) == 'Money  "A  Phrase" !gone !"two words" @Madison'


def test_typographic_quotes_delimit_phrases():
    assert parse_query("“home invasion”").terms == ("home invasion",)


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"', Query()),
        ("@", Query()),
        ("!", Query()),
        ('"unclosed phrase', Query(terms=("unclosed phrase",))),
        ("!@x", Query(excluded=("@x",))),
        ("a\"b", Query(terms=('a"b',))),
        ("(  [a-  *  \\", Query(terms=("(", "[a-", "*", "\\"))),
    ],
)
def test_special_characters_are_literal_or_ignored(text, expected):
    assert parse_query(text) == expected


def test_rewritten_query_spells_out_its_parts():
    query = parse_query('@mad "the café" !dirty').rewritten(excluded=())
    assert str(query) == '"the cafe" @mad'


# --- folding and matching ---


def test_folding_drops_case_accents_and_typographic_punctuation():
    assert fold_text("Café “It’s” – Straße") == 'cafe "it\'s" - strasse'


@pytest.mark.parametrize(
    "query, expected, highlighted",
    [
        ("ROMANTIC", ["q0"], ["romantic"]),
        ("cafe", ["q1"], ["café"]),
        ("it's", ["q0"], ["It’s"]),
        ("it’s", ["q0"], ["It’s"]),
        ("home–invasion", ["q2"], ["home-invasion"]),
        ('"— the"', ["q1"], ["— the"]),
    ],
)
def test_case_accents_and_punctuation_do_not_matter(index, query, expected, highlighted):
    assert ids(index, query) == expected
    assert matched_text(index, query) == highlighted


def test_spans_cover_the_original_characters_when_folding_changes_lengths():
    dataset = dataset_of(("sean-baker", "Die Straße und Cafe\u0301 Ünter."))
    search = QuoteIndex(dataset).search
    hit = search("strasse cafe unter").hits[0]
    assert [hit.quote.text[s:e] for s, e in hit.spans] == ["Straße", "Cafe\u0301", "Ünter"]
    assert [hit.quote.text[s:e] for s, e in search("stras").hits[0].spans] == ["Straß"]


def test_every_word_must_match_in_any_order(index):
    assert ids(index, "brighton café") == ["q1"]
    assert ids(index, "cafe brighton") == ["q1"]
    assert ids(index, "brighton dirty") == []


def test_a_phrase_matches_only_as_written(index):
    assert ids(index, '"comedy itself"') == ["q3"]
    assert ids(index, '"itself comedy"') == []
    assert ids(index, "itself comedy") == ["q3"]
    assert matched_text(index, '"the comedy"') == ["the comedy"]


def test_excluded_words_leave_quotes_out(index):
    assert ids(index, "brighton !café") == ["q4"]
    assert ids(index, '!"the home"') == ["q0", "q1", "q3", "q4"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("@madison", ["q1", "q4"]),
        ("@mikey", ["q1", "q4"]),
        ("@ani", ["q1", "q4"]),
        ("@anora", ["q1", "q4"]),
        ("@mad", ["q1", "q4"]),
        ("@ivan", ["q3"]),
        ("@baker", ["q0", "q2"]),
        ("@mikey-madison", ["q1", "q4"]),
        ("@madison brighton", ["q1", "q4"]),
        ("@madison dancer", ["q4"]),
        ("@sean @madison", []),
        ("@nobody", []),
    ],
)
def test_speaker_filter_by_name_alias_or_character(index, query, expected):
    assert ids(index, query) == expected


def test_speaker_matching_resolves_people(index):
    assert index.speakers_matching(["m"]) == {"mikey-madison", "mark-eydelshteyn"}
    assert index.speakers_matching(["mikey madison"]) == {"mikey-madison"}
    assert index.speakers_matching(["("]) == frozenset()


# --- ranking ---


def test_whole_words_before_prefixes_before_inner_matches():
    dataset = dataset_of(
        ("sean-baker", "An inner match: recomedy."),
        ("sean-baker", "A prefix match: comedic."),
        ("sean-baker", "A whole match: comedy."),
        ("sean-baker", "Another whole match: comedy again."),
    )
    hits = QuoteIndex(dataset).search("comed").hits
    assert [(h.quote.id, h.rank) for h in hits] == [("q1", PREFIX), ("q2", PREFIX), ("q3", PREFIX), ("q0", INNER)]
    hits = QuoteIndex(dataset).search("comedy").hits
    assert [(h.quote.id, h.rank) for h in hits] == [("q2", WHOLE), ("q3", WHOLE), ("q0", INNER)]


def test_a_quote_ranks_by_its_worst_term():
    dataset = dataset_of(
        ("sean-baker", "comedy and recast"),
        ("sean-baker", "comedy and cast"),
    )
    hits = QuoteIndex(dataset).search("comedy cast").hits
    assert [(h.quote.id, h.rank) for h in hits] == [("q1", WHOLE), ("q0", INNER)]


def test_terms_with_punctuation_rank_by_their_word_boundaries():
    dataset = dataset_of(
        ("sean-baker", "That's how it's done."),
        ("sean-baker", "It's done."),
        ("sean-baker", "A bit's worth."),
    )
    hits = QuoteIndex(dataset).search("it's").hits
    assert [(h.quote.id, h.rank) for h in hits] == [("q0", WHOLE), ("q1", WHOLE), ("q2", INNER)]


# --- literal and hostile input ---


EVERY_QUOTE = ["q0", "q1", "q2", "q3", "q4"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("(", ["q2"]),  # literally, in "(the longest shoot)"
        ("[a-", []),
        ("*", []),
        ("\\", []),
        ('"', EVERY_QUOTE),  # an operator with nothing after it asks for nothing: every quote
        ("@", EVERY_QUOTE),
        ("!", EVERY_QUOTE),
        ("[/bold]", []),
        ("a" * 10_000, []),
        ("x " * 5_000, []),
        (".*", []),
    ],
    ids=lambda value: value[:10] if isinstance(value, str) else None,
)
def test_odd_queries_never_raise_and_match_literally(index, query, expected):
    result = index.search(query)
    assert [hit.quote.id for hit in result.hits] == expected
    assert (result.count, result.total) == (len(expected), len(INTERVIEW.quotes))


def test_brackets_are_matched_literally(index):
    assert ids(index, "(") == ["q2"]
    assert matched_text(index, "(the") == ["(the"]
    assert ids(index, ".*") == []


# --- results ---


def test_empty_query_lists_every_quote_in_article_order(index):
    result = index.search("")
    assert (result.count, result.total) == (5, 5)
    assert ids(index, "") == ["q0", "q1", "q2", "q3", "q4"]
    assert all(hit.spans == () for hit in result.hits)


def test_hits_behave_as_a_sequence(index):
    hits = index.search("the").hits
    assert len(hits) == 3
    assert [h.quote.id for h in hits[1:3]] == [h.quote.id for h in list(hits)[1:3]]
    assert hits[-1] is hits[2]
    with pytest.raises(IndexError):
        hits[3]


def test_repeated_and_extended_queries_give_fresh_answers(index):
    for typed in ("b", "br", "bri", "brigh", "brighton", "brighton ", "brighton c", "brighton ca", "b"):
        assert ids(index, typed) == ids(QuoteIndex(INTERVIEW), typed)


# --- n / N ---


def test_step_match_walks_article_order_and_wraps(index):
    result = index.search("the")
    order = sorted(hit.position for hit in result.hits)
    assert step_match(result, None).position == order[0]
    assert step_match(result, None, backwards=True).position == order[-1]
    assert step_match(result, order[0]).position == order[1]
    assert step_match(result, order[-1]).position == order[0]
    assert step_match(result, order[0], backwards=True).position == order[-1]
    assert [match_number(result, position) for position in order] == [1, 2, 3]


def test_step_match_from_a_quote_that_is_not_a_hit(index):
    result = index.search("brighton")  # q1 and q4
    assert step_match(result, 2).quote.id == "q4"
    assert step_match(result, 2, backwards=True).quote.id == "q1"
    assert step_match(result, 2).spans  # the stepped-to hit carries its highlight


def test_step_match_without_hits(index):
    assert step_match(index.search("zzz"), 1) is None


# --- hints for an empty result ---


def test_hint_for_an_unknown_speaker(index):
    hint = suggest_loosening(index, parse_query("comedy @nobody"))
    assert hint == "No one in the article is called “nobody”: try another name."


def test_hint_suggests_dropping_the_speaker_filter(index):
    hint = suggest_loosening(index, parse_query("comedy @madison"))
    assert hint == "Drop @madison: 2 quotes match without it."


def test_hint_suggests_dropping_a_word(index):
    hint = suggest_loosening(index, parse_query("brighton dirty"))
    assert hint == "Try dropping dirty: brighton finds 2 quotes."


def test_hint_when_nothing_helps(index):
    assert suggest_loosening(index, parse_query("zzz")) == "Try fewer or shorter words."



class WithoutNames:
    """An index whose people's names must not be read (at a million quotes that takes seconds)."""

    def __init__(self, index) -> None:
        self._index = index
        self.noun = index.noun
        self.total = index.total

    @property
    def people(self):
        raise AssertionError("the people's names were read")

    def search(self, query):
        return self._index.search(query)

    def hit_at(self, position, rank, terms):
        return self._index.hit_at(position, rank, terms)


def test_hint_without_the_names_at_hand_never_reads_them(index):
    unread = WithoutNames(index)
    for typed in ("zzz", "brighton dirty", "madison"):
        query = parse_query(typed)
        assert suggest_loosening(unread, query, names_at_hand=False) == suggest_loosening(
            index, query.rewritten(), names_at_hand=False
        )
    assert suggest_loosening(unread, parse_query("brighton dirty"), names_at_hand=False) == (
        "Try dropping dirty: brighton finds 2 quotes."
    )
    with pytest.raises(AssertionError):
        suggest_loosening(unread, parse_query("zzz"))  # with the names at hand, words are tried as names
