"""A search key measures the rows on screen: each excerpt tried for a row is counted in lines without
being styled and wrapped, and only the one kept is wrapped (`fit_lines`, `wrapped_lines`)."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.style import Style
from rich.text import Text

from anora_tui.core.text import ELLIPSIS
from anora_tui.ui.widgets.result_list import fit_lines, line_breaks, wrapped

CONSOLE = Console(width=200)
MATCH = Style(bold=True)
words = st.text(st.sampled_from("abcdefghij-’“”…界語é"), min_size=1, max_size=25)
spacing = st.sampled_from([" ", "  ", " "])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(words, spacing), max_size=30), st.integers(1, 60), st.lists(st.tuples(st.integers(0, 300), st.integers(1, 12)), max_size=4))
@example([("a" * 30, " ")], 7, [(3, 4)])
@example([("界" * 5, " ")], 1, [])
@example([("ab", "  "), ("cd", " ")], 2, [(0, 6)])
@example([], 5, [])
def test_lines_cut_at_the_breaks_are_the_lines_rich_makes(parts, room, spans):
    plain = "".join(word + space for word, space in parts)
    text = Text(plain)
    for start, length in spans:
        text.stylize(MATCH, start, start + length)
    expected = text.copy().wrap(CONSOLE, room, overflow="fold")
    made = wrapped(text, line_breaks(plain, room), room)
    assert [(line.plain, line.spans) for line in made] == [(line.plain, line.spans) for line in expected]


LONG_QUOTE = " ".join(["extraordinarily", "uncomfortable", "conversations"] * 12) + " money " + "z" * 3


def divisions(monkeypatch) -> list[str]:
    """The plain text of each styled text cut into lines from now on (`Text.wrap` cuts by `divide`)."""
    cut: list[str] = []
    real_divide = Text.divide

    def counting_divide(self, offsets):
        cut.append(self.plain)
        return real_divide(self, offsets)

    monkeypatch.setattr(Text, "divide", counting_divide)
    return cut


def test_a_row_too_long_for_its_lines_is_cut_into_lines_once(monkeypatch):
    # Words that waste most of each line: the first excerpts tried do not fit in two lines, so several
    # are tried; each was styled and wrapped before, now only the one shown is.
    cut = divisions(monkeypatch)
    start = LONG_QUOTE.index("money")
    lines = fit_lines(CONSOLE, LONG_QUOTE, [(start, start + 5)], 20, 2, MATCH, "“", "”")
    assert len(cut) == 1
    assert len(lines) == 2
    shown = "".join(line.plain for line in lines)
    assert "money" in shown and shown.startswith(ELLIPSIS)
    assert any(span.style == MATCH for line in lines for span in line.spans)


def test_a_row_that_fits_is_cut_into_lines_once(monkeypatch):
    cut = divisions(monkeypatch)
    lines = fit_lines(CONSOLE, "a short quote, said twice: a short quote", [(2, 7)], 20, 3, MATCH, "“", "”")
    assert [line.plain for line in lines] == ["“a short quote, said", "twice: a short ", "quote”"]
    assert cut == ["“a short quote, said twice: a short quote”"]
