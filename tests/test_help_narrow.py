"""The help on a small terminal breaks a binding id too long for its line after a "." or a "-" in it,
never in the middle of a word: at 30x12 it showed "(app.previous-pane" with ")" alone on the next
line."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from anora_tui.ui.screens.help import HelpScreen, word_pieces
from ui_harness import open_reader, screen_lines, settle


def words_of(screen: HelpScreen) -> set[str]:
    """Every word of the help's headings and tables, as they are before they are wrapped."""
    return {word for text in screen.query(Static) for word in str(text.render()).split()}


def broken_badly(token: str, words: set[str]) -> bool:
    """A piece of text on a line that is neither a word of the help, nor a word broken after a "." or
    "-" (its first piece ends there, a later piece follows one)."""
    if token in words or token.endswith((".", "-")):
        return False
    return not any(word.endswith(token) and word[-len(token) - 1] in ".-" for word in words if len(word) > len(token))


@pytest.mark.parametrize("size", [(30, 12), (24, 12), (40, 14)], ids=["30x12", "24x12", "40x14"])
async def test_a_long_binding_id_breaks_after_a_dot_or_a_hyphen(shipped_dataset, size):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await pilot.press("question_mark")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        words = words_of(screen)
        body = screen.body
        bad: list[str] = []
        while True:
            for line in screen_lines(app, body)[1:-1]:
                text = line.strip("│ ").rstrip("▄▀█▆▂▇▁▃▅ ")
                bad.extend(token for token in text.split() if broken_badly(token, words))
            if body.scroll_y >= body.max_scroll_y:
                break
            await pilot.press("pagedown")
            await settle(pilot)
        assert not bad, bad[:6]


def test_a_word_is_broken_at_the_last_place_that_fits():
    assert word_pieces("(app.previous-pane)", 14) == ["(app.previous-", "pane)"]
    assert word_pieces("(app.previous-pane)", 9) == ["(app.", "previous-", "pane)"]
    assert word_pieces("(app.next-pane)", 30) == ["(app.next-pane)"]
    assert word_pieces("unbreakable", 4) == ["unbreakable"]
