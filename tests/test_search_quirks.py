"""What a reader types and expects the search to take: a phrase in single quotes, a word without its
apostrophe ("palme dor"), a hint about a name that shows the name, and the palette finding events
by their date."""

from __future__ import annotations

import pytest
from ui_harness import screen_text, settle, wait_for

from anora_tui.core.search import ParagraphIndex, QuoteIndex, TextIndex, match_spans, parse_query, suggest_loosening
from anora_tui.core.search.place_names import PlaceNames
from anora_tui.core.timeline_layout import event_when
from anora_tui.ui.app import AnoraApp

MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


# --- single quotes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "terms", "excluded"),
    [
        ("'romantic comedy'", ("romantic comedy",), ()),
        ("‘romantic comedy’", ("romantic comedy",), ()),  # typographic quotes, as pasted
        ("!'romantic comedy' baker", ("baker",), ("romantic comedy",)),
        ("'dor'", ("dor",), ()),
        ("it's", ("it's",), ()),  # an apostrophe inside a word opens nothing
        ("'90s movies", ("'90s", "movies"), ()),  # nor one that nothing closes
        ("dancers' rooms", ("dancers'", "rooms"), ()),
    ],
)
def test_single_quotes_wrapping_a_term_make_a_phrase(typed, terms, excluded):
    query = parse_query(typed)
    assert (query.terms, query.excluded, query.problem) == (terms, excluded, "")


def test_a_phrase_in_single_quotes_finds_what_double_quotes_find(shipped_dataset):
    index = QuoteIndex(shipped_dataset)
    double = [hit.quote.id for hit in index.search(parse_query('"romantic comedy"')).hits]
    assert double
    assert [hit.quote.id for hit in index.search(parse_query("'romantic comedy'")).hits] == double


# --- a word typed without its apostrophe ----------------------------------------------------------


def test_palme_dor_finds_the_palme_dor(shipped_dataset):
    index = ParagraphIndex(shipped_dataset)
    with_apostrophe = index.search(parse_query("palme d'or")).count
    assert with_apostrophe
    assert index.search(parse_query("palme dor")).count == with_apostrophe
    assert index.search(parse_query("palme d’or")).count == with_apostrophe  # a typographic apostrophe typed


@pytest.mark.parametrize("text", ["The Palme d'Or went to Anora.", "The Palme d’Or went to Anora."])
def test_a_word_without_its_apostrophe_is_found_and_marked(text):
    index = TextIndex([text, "A door and an odour."])
    hits, (whole, starting, inner) = index.match(parse_query("dor"), index.all)
    assert hits == 1 and whole == 1  # the text with d'Or, as a whole word; not "door" nor "odour"
    assert index.match(parse_query("its"), index.all)[0] == 0  # no "it's" here: found by nothing else
    assert [text[a:b] for a, b in match_spans(text, ("palme", "dor"))] == ["Palme", text[10:14]]


def test_a_stored_index_finds_the_word_without_its_apostrophe_too():
    built = TextIndex(["Anora wins the Palme d’Or"])
    stored = TextIndex.from_parts(*built.parts())
    assert stored.match(parse_query("dor"), stored.all)[0] == 1


# --- the hint about a name --------------------------------------------------------------------------


def test_the_hint_about_no_such_person_shows_the_name_without_the_at(shipped_dataset):
    hint = suggest_loosening(QuoteIndex(shipped_dataset), parse_query("@nobody"))
    assert hint == "No one in the article is called “nobody”: try another name."


# --- the palette: events by their date ---------------------------------------------------------------


def test_events_are_found_by_their_year_and_month(shipped_dataset):
    from collections import Counter

    places = PlaceNames(shipped_dataset)
    dated = [event for event in shipped_dataset.events if event.date]
    year, count = Counter(event.date[:4] for event in dated).most_common(1)[0]
    assert count >= 2  # the year typed finds more than one
    in_year = {event.title for event in dated if event.date.startswith(year)}
    assert {places.place(match.entry).name for match in places.find(year, 15)} == in_year
    day = next(event for event in dated if event.precision == "day")
    month = {event.title for event in dated if event.date.startswith(day.date[:7])}
    typed = f"{MONTHS[int(day.date[5:7]) - 1]} {day.date[:4]}"  # "jan 2022"
    assert {places.place(match.entry).name for match in places.find(typed, 15)} == month


async def test_the_palette_lists_the_events_of_a_year_typed(shipped_dataset):
    event = next(event for event in shipped_dataset.events if event.date.startswith("2022"))
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"2022")
        await wait_for(pilot, lambda: f"Event: {event.title}" in screen_text(app))
        line = next(line for line in screen_text(app).splitlines() if f"Event: {event.title}" in line)
        assert event_when(event) in line and "(as " not in line  # the date shown once, as its detail
