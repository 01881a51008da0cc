"""excerpt(): context around a match, cut at word boundaries."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from anora_tui.core.text import ELLIPSIS, excerpt

PARAGRAPH = (
    "Approximately an hour into the film, a suspenseful 28-minute sequence unfolds. "
    "Prior to this point, Sean Baker’s Palme d’Or-winning movie has been a romantic comedy."
)


def span_of(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return (start, start + len(word))


def test_short_text_is_returned_whole():
    text = "Baker said so."
    assert excerpt(text, (0, 5), 40) == ("", "Baker", " said so.")


def test_long_text_is_cut_on_both_sides_at_word_boundaries():
    before, match, after = excerpt(PARAGRAPH, span_of(PARAGRAPH, "Sean Baker"), 40)
    assert match == "Sean Baker"
    assert before == "…this point, "
    assert after == "’s Palme…"
    assert len(before + match + after) <= 40


def test_match_at_the_start_gives_its_room_to_the_right():
    before, match, after = excerpt(PARAGRAPH, (0, 13), 40)
    assert (before, match) == ("", "Approximately")
    assert after == " an hour into the film, a…"
    assert len(before + match + after) <= 40


def test_match_at_the_end_gives_its_room_to_the_left():
    text = "In the end it was all down to Baker"
    before, match, after = excerpt(text, span_of(text, "Baker"), 20)
    assert (match, after) == ("Baker", "")
    assert before == "…all down to "


def test_match_longer_than_width_is_kept_whole_without_context():
    assert excerpt(PARAGRAPH, span_of(PARAGRAPH, "suspenseful"), 4) == ("", "suspenseful", "")


def test_one_long_word_beside_the_match_becomes_an_ellipsis():
    text = "Supercalifragilistic Baker unbelievably-long-hyphenated-word"
    before, match, after = excerpt(text, span_of(text, "Baker"), 12)
    assert (before, match, after) == ("… ", "Baker", " …")


def test_line_breaks_become_spaces_without_moving_offsets():
    text = "first line\nBaker\tsaid"
    assert excerpt(text, (11, 16), 80) == ("first line ", "Baker", " said")


def test_out_of_range_span_is_clamped():
    assert excerpt("Baker", (3, 99), 10) == ("Bak", "er", "")


words = st.text(alphabet="abcdé’,. \n", min_size=0, max_size=120)


@settings(max_examples=300, deadline=None)
@given(text=words, data=st.data(), width=st.integers(min_value=0, max_value=100))
def test_properties(text: str, data: st.DataObject, width: int):
    start = data.draw(st.integers(min_value=0, max_value=len(text)))
    end = data.draw(st.integers(min_value=start, max_value=len(text)))
    before, match, after = excerpt(text, (start, end), width)
    flat = text.replace("\n", " ")

    assert match == flat[start:end]
    assert len(before) + len(match) + len(after) <= max(width, len(match))

    left, right = flat[:start], flat[end:]
    kept_before = before.removeprefix(ELLIPSIS)
    kept_after = after.removesuffix(ELLIPSIS)
    assert left.endswith(kept_before)
    assert right.startswith(kept_after)
    # Text is only left out behind an ellipsis, and cuts fall between words.
    if kept_before != left:
        assert before.startswith(ELLIPSIS) or before == ""
        cut = len(left) - len(kept_before)
        assert kept_before == "" or left[cut - 1] == " " or kept_before.startswith(" ")
    if kept_after != right:
        assert after.endswith(ELLIPSIS) or after == ""
        cut = len(kept_after)
        assert kept_after == "" or right[cut] == " " or kept_after.endswith(" ")
