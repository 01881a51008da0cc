"""A search key measures the rows on screen: each excerpt tried for a row is counted in lines without
being styled and wrapped, and only the one kept is wrapped (`fit_lines`, `wrapped_lines`)."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.style import Style
from rich.text import Text

from anora_tui.core.text import ELLIPSIS
from anora_tui.ui.widgets.result_list import fit_lines, wrapped_lines

CONSOLE = Console(width=200)
MATCH = Style(bold=True)
words = st.text(st.sampled_from("abcdefghij-’“”…界語é"), min_size=1, max_size=25)
spacing = st.sampled_from([" ", "  ", " "])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(words, spacing), max_size=30), st.integers(1, 60))
@example([("a" * 30, " ")], 7)
@example([("界" * 5, " ")], 3)
@example([], 5)
def test_counted_lines_are_the_lines_rich_makes(parts, room):
    plain = "".join(word + space for word, space in parts).strip(" ")
    assert wrapped_lines(plain, room) == len(Text(plain).wrap(CONSOLE, room, overflow="fold"))


LONG_QUOTE = " ".join(["extraordinarily", "uncomfortable", "conversations"] * 12) + " money " + "z" * 3


def test_a_row_too_long_for_its_lines_is_wrapped_once(monkeypatch):
    # Words that waste most of each line: the first excerpts tried do not fit in two lines, so several
    # are tried; each was styled and wrapped before, now only the one shown is.
    wraps = []
    real_wrap = Text.wrap

    def counting_wrap(self, *args, **kwargs):
        wraps.append(self.plain)
        return real_wrap(self, *args, **kwargs)

    monkeypatch.setattr(Text, "wrap", counting_wrap)
    start = LONG_QUOTE.index("money")
    lines = fit_lines(CONSOLE, LONG_QUOTE, [(start, start + 5)], 20, 2, MATCH, "“", "”")
    assert len(wraps) == 1
    assert len(lines) <= 2
    shown = "".join(line.plain for line in lines)
    assert "money" in shown and shown.startswith(ELLIPSIS)
    assert any(span.style == MATCH for line in lines for span in line.spans)


def test_a_row_that_fits_is_wrapped_whole_once(monkeypatch):
    wraps = []
    real_wrap = Text.wrap
    monkeypatch.setattr(Text, "wrap", lambda self, *a, **k: wraps.append(1) or real_wrap(self, *a, **k))
    lines = fit_lines(CONSOLE, "a short quote", [(2, 7)], 40, 2, MATCH, "“", "”")
    assert [line.plain for line in lines] == ["“a short quote”"]
    assert len(wraps) == 1
