"""An excerpt's place in its paragraph: verbatim, or a sentence the writer interrupts written with
` … ` where the writer's words stand."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from anora_tui.core.excerpts import ELISION, PartProblem, excerpt_span, excerpt_spans, part_problem

PALACE = "Lighting that palace, Daniels says, was a nightmare. It rained."


def test_a_verbatim_excerpt_is_one_span_the_first_place_it_stands():
    assert excerpt_spans("a cat and a cat", "cat") == ((2, 5),)
    assert excerpt_span("a cat and a cat", "cat") == (2, 5)


def test_a_missing_or_empty_excerpt_has_no_place():
    assert excerpt_spans("a cat", "dog") == () and excerpt_span("a cat", "dog") is None
    assert excerpt_spans("a cat", "") == () and excerpt_span("a cat", "") is None


def test_an_interrupted_sentence_is_its_parts_and_spans_the_words_left_out():
    spans = excerpt_spans(PALACE, "Lighting that palace … was a nightmare.")
    assert [PALACE[start:end] for start, end in spans] == ["Lighting that palace", "was a nightmare."]
    start, end = excerpt_span(PALACE, "Lighting that palace … was a nightmare.")
    assert PALACE[start:end] == "Lighting that palace, Daniels says, was a nightmare."


def test_an_ellipsis_the_paragraph_itself_has_is_taken_verbatim():
    paragraph = "He paused … then went on, she says."
    assert excerpt_spans(paragraph, "He paused … then went on") == ((0, 24),)


def test_parts_out_of_order_or_with_nothing_left_out_between_are_not_there():
    assert excerpt_spans(PALACE, "was a nightmare. … Lighting that palace") == ()
    assert excerpt_spans(PALACE, "Lighting that … palace") == ()  # only a space between: nothing left out
    assert part_problem(PALACE, "was a nightmare. … Lighting that palace") == PartProblem(
        "Lighting that palace", "before", "was a nightmare.")
    assert part_problem(PALACE, "Lighting that … palace") == PartProblem("palace", "adjacent", "Lighting that")
    assert part_problem(PALACE, "Lighting that palace … was a dream.") == PartProblem("was a dream.", "missing")
    assert part_problem(PALACE, "Lighting the castle") == PartProblem("Lighting the castle", "missing")


def test_a_part_found_too_close_is_looked_for_further_on():
    paragraph = "go on, go, he said, on and on."
    spans = excerpt_spans(paragraph, "go … on and on.")
    assert [paragraph[start:end] for start, end in spans] == ["go", "on and on."]
    spans = excerpt_spans(paragraph, "go on, go … on")
    assert [paragraph[start:end] for start, end in spans] == ["go on, go", "on"]
    assert spans[1][0] > spans[0][1] + 1


words = st.text(st.characters(whitelist_categories=("Ll",)), min_size=1, max_size=6)


@given(st.lists(st.tuples(words, words), min_size=1, max_size=4), words)
def test_parts_with_words_between_are_found_in_order(pieces, tail):
    """Any sentence cut into parts with the writer's words between: the parts, joined by the elision,
    are found, each span holding its part, in order, with something left out between."""
    paragraph = " ".join(f"{said} {tag}," for said, tag in pieces) + " " + tail
    excerpt = ELISION.join(said for said, _ in pieces)
    spans = excerpt_spans(paragraph, excerpt)
    assert spans, (paragraph, excerpt)
    if len(spans) > 1:
        assert [paragraph[start:end] for start, end in spans] == [said for said, _ in pieces]
        assert all(paragraph[end:next_start].strip() for (_, end), (next_start, _) in zip(spans, spans[1:]))
    assert part_problem(paragraph, excerpt) == PartProblem(excerpt, "missing")
