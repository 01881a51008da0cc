"""The text scope (every paragraph), finding people by any of their names, and the palette's name
index: same syntax and folding as the quote scope, bounded work per keystroke."""

from __future__ import annotations

import pytest
from test_search import CHARACTERS

from anora_tui.core.model import Article, Dataset, Person, Quote, Section
from anora_tui.core.search import (
    EXACT,
    PREFIX,
    PREFIXES,
    START,
    WHOLE,
    WORDS,
    NameIndex,
    ParagraphIndex,
    QuoteIndex,
    SearchIndexes,
    match_number,
    step_match,
    suggest_loosening,
)

PEOPLE = (
    Person("sean-baker", "Sean Baker", "crew", ("director",), "Director.", ("Baker",)),
    Person("mikey-madison", "Mikey Madison", "cast", ("actor",), "Plays Ani.", ("Madison",)),
    Person("mark-eydelshteyn", "Mark Eydelshteyn", "cast", ("actor",), "Plays Ivan."),
    Person("yuri-borisov", "Yuri Borisov", "cast", ("actor",), "Plays Igor.", ("Borisov", "Yuri"),
           known_as=("Yura Borisov", "Yura")),
)

SECTIONS = (
    Section("start", "Start", (
        "A suspenseful sequence, reminiscent of a Hitchcock masterpiece.",
        "Sean Baker said: “It’s a romantic comedy.”",
    ), 0),
    Section("shoot", "The shoot", (
        "They filmed in Mill Basin, in a mansion with Versace robes.",
        "Yuri and Madison sat in the front — Borisov drove.",
        "Nobody names anyone here; the café was shut.",
    ), 1),
)

DATASET = Dataset.build(
    Article("A making-of", "A magazine", "2024-11-15", SECTIONS),
    PEOPLE,
    CHARACTERS,
    (),
    (),
    [Quote("q0", "sean-baker", "It’s a romantic comedy.", "start", 2)],
    (),
)


@pytest.fixture(scope="module")
def text() -> ParagraphIndex:
    return ParagraphIndex(DATASET)


def places(index: ParagraphIndex, query: str) -> list[tuple[str, int]]:
    return [(hit.section, hit.paragraph) for hit in index.search(query).hits]


def test_words_only_in_the_text_are_found(text):
    assert places(text, "hitchcock") == [("start", 1)]
    assert places(text, "versace") == [("shoot", 1)]
    assert places(text, '"mill basin"') == [("shoot", 1)]
    assert QuoteIndex(DATASET).search("hitchcock").count == 0


def test_same_folding_and_syntax_as_quotes(text):
    assert places(text, "CAFE") == [("shoot", 3)]
    assert places(text, "it's") == [("start", 2)]
    assert places(text, "front - borisov") == [("shoot", 2)]
    assert places(text, "the !shut") == [("shoot", 2), ("shoot", 1)]  # "the", then "They"


def test_ranked_whole_words_first_then_article_order(text):
    hits = text.search("sh").hits
    assert [(hit.section, hit.paragraph, hit.rank) for hit in hits] == [("shoot", 3, PREFIX)]
    hits = text.search("in").hits
    assert hits[0].rank == WHOLE


def test_hits_carry_their_place_and_spans(text):
    [hit] = text.search("mill basin").hits
    assert (hit.section, hit.paragraph, hit.position) == ("shoot", 1, 2)
    assert [hit.text[s:e] for s, e in hit.spans] == ["Mill", "Basin"]
    assert hit.quote is None


def test_at_name_keeps_paragraphs_that_name_or_quote_the_person(text):
    # Named as "Yuri" and "Borisov"; found by the credited "Yura" too (which the text never uses).
    assert places(text, "@yura") == [("shoot", 2)]
    assert places(text, "@borisov") == [("shoot", 2)]
    # Sean Baker is quoted in start 2 (and named there).
    assert places(text, "@baker") == [("start", 2)]
    assert places(text, "@madison front") == [("shoot", 2)]
    assert places(text, "@nobody") == []


def test_step_and_count_in_article_order(text):
    result = text.search("the")
    order = sorted(hit.position for hit in result.hits)
    first = step_match(result, None)
    assert first.position == order[0] and match_number(result, first.position) == 1
    last = step_match(result, order[-1])
    assert last.position == order[0]  # wrapped


def test_hint_counts_paragraphs(text):
    assert suggest_loosening(text, text.search("versace zeppelin").query) == (
        "Try dropping zeppelin: versace finds 1 paragraph."
    )


def test_indexes_are_built_once_and_share_the_names():
    indexes = SearchIndexes(DATASET)
    assert not indexes.is_built("text") and indexes.is_cheap("text")
    assert indexes.get("text") is indexes.text is indexes.get("text")
    assert not indexes.is_built("quotes")
    assert indexes.quotes.people is indexes.text.people


# --- names ----------------------------------------------------------------------------------


def test_people_are_found_by_their_credited_names():
    index = QuoteIndex(DATASET)
    assert index.speakers_matching(["yura"]) == {"yuri-borisov"}
    assert index.speakers_matching(["yura borisov"]) == {"yuri-borisov"}
    assert index.speakers_matching(["igor"]) == set()  # no character called Igor in this dataset
    assert index.speakers_matching(["ani"]) == {"mikey-madison"}  # her character


def test_mentions_count_only_the_names_the_article_uses():
    # "Yura" is for finding: a paragraph saying "Yura" would not be a mention.
    mentions = DATASET.mentions_of("yuri-borisov")
    assert [(m.section, m.paragraph, m.count) for m in mentions] == [("shoot", 2, 2)]


NAMES = NameIndex(
    [
        ["Sean Baker", "Baker", "Sean"],  # 0 person
        ["Baker films lavish weddings"],  # 1 event
        ["Berlin Film Festival"],  # 2 event
        ["Timothée Chalamet"],  # 3 person
        ["Mikey Madison", "Madison", "Mikey"],  # 4 person
        ["Casting Mikey Madison"],  # 5 section
        ["Yuri Borisov", "Yura Borisov", "Yura"],  # 6 person
    ],
    priority=[0, 2, 2, 0, 0, 1, 0],
)


def found(query: str, limit: int = 10) -> list[int]:
    return [match.entry for match in NAMES.find(query, limit)]


def test_names_match_by_word_starts_not_scattered_letters():
    assert found("berlin") == [2]  # not "Baker films lavish weddings"
    assert found("theme") == []  # not "Timothée Chalamet"
    assert found("timothee") == [3]  # accents folded
    assert found("mik mad") == [4, 5]


def test_names_rank_by_priority_then_fit():
    assert found("baker") == [0, 1]
    assert found("madison") == [4, 5]
    [match] = NAMES.find("yura", 5)
    assert (match.entry, match.name, match.fit) == (6, "Yura", EXACT)
    [match] = NAMES.find("yura bor", 5)
    assert (match.name, match.fit) == ("Yura Borisov", START)


def test_name_fits():
    fits = {m.entry: m.fit for m in NAMES.find("madison", 5)}
    assert fits == {4: EXACT, 5: WORDS}
    fits = {m.entry: m.fit for m in NAMES.find("madi", 5)}
    assert fits == {4: START, 5: PREFIXES}


def test_find_stops_at_the_limit():
    many = NameIndex([[f"Name{n} Person"] for n in range(5000)])
    assert len(many.find("n", 20)) == 20
    assert len(many.find("person", 0)) == 0
    assert many.find("name4999", 3)[0].entry == 4999


def test_a_name_typed_as_words_points_to_the_name_filter(text):
    quotes = QuoteIndex(DATASET)
    hint = suggest_loosening(quotes, quotes.search("yura").query)
    assert hint == "Try fewer or shorter words."  # he has no quote here: nothing to promise
    assert suggest_loosening(text, text.search("yura").query) == (
        "Looking for a person? @yura finds 1 paragraph (Yuri Borisov)."
    )
