"""Notices that fit the screen, however many there are and whatever its size.

Textual stacks notices (toasts) up from the key bar, each as tall as its text wrapped at the toast's
width, and draws nothing of one that runs past the top of the screen: at 80×24 a settings notice
alone took 22 rows, and the saved state's notice shown with it was not seen at all. Here the rows
there are are shared: a notice that fits is shown whole; the others are cut to an equal share of
what the whole ones leave (each ending with "…" and, where the App has one for it, where to read the
rest); and where even a line each does not fit, the oldest are withdrawn (the newest stays, a line of
it at least).

The sizes below are those of Textual's own styles for a toast (`Toast`, `ToastRack`);
tests/test_reader_notices_fit.py reads every notice back from the screen, so a change there fails it.
"""

from __future__ import annotations

from typing import NamedTuple, Sequence

from textual.content import Content
from textual.geometry import Size

TOAST_WIDTH = 60  # a toast's width, at most...
TOAST_SHARE = 2  # ...half of the screen's, less the stack's scrollbar (drawn hidden)
RACK_SCROLLBAR = 2
TOAST_COLUMNS_TAKEN = 3  # its border on the left, a cell of padding either side
TOAST_ROWS_TAKEN = 3  # the row above it (its margin) and a row of padding above and below its text
RACK_ROWS_TAKEN = 2  # under the notices: the key bar, and the row above it that the stack leaves
CUT = "…"


class Notice(NamedTuple):
    """A notice as given, oldest first: its whole text, and where to read what a cut leaves out."""

    title: str
    message: str
    pointer: str = ""  # "^p “Settings problems” lists them all.": the last line of a cut notice


def text_width(size: Size) -> int:
    """The columns a toast's text is wrapped at, on a screen of `size`."""
    return max(1, min(TOAST_WIDTH, (size.width - RACK_SCROLLBAR) // TOAST_SHARE) - TOAST_COLUMNS_TAKEN)


def wrapped(text: str, width: int) -> list[str]:
    """`text` wrapped as a toast wraps it (Textual's own wrapping of its content)."""
    return [line.plain for line in Content(text).wrap(width)] if text else []


def fit_notices(notices: Sequence[Notice], size: Size) -> list[str | None]:
    """Each notice's message as shown on a screen of `size` (None: withdrawn, no room for it), so that
    together they fit between the title line and the key bar."""
    width = text_width(size)
    room = size.height - RACK_ROWS_TAKEN
    lines = [wrapped(notice.message, width) for notice in notices]
    taken = [TOAST_ROWS_TAKEN + len(wrapped(notice.title, width)) for notice in notices]  # besides the message's
    shown = list(range(len(notices)))
    while len(shown) > 1 and sum(taken[i] + 1 for i in shown) > room:
        shown.pop(0)  # not a line each: the oldest goes (the newest stays, a line at least, at any height)
    rows = _shares([len(lines[i]) for i in shown], room - sum(taken[i] for i in shown))
    fitted: list[str | None] = [None] * len(notices)
    for i, share in zip(shown, rows):
        fitted[i] = _cut(notices[i].message, lines[i], share, notices[i].pointer, width)
    return fitted


def _shares(wanted: list[int], room: int) -> list[int]:
    """Rows for each, as many as it wants where all can have them; otherwise those wanting no more
    than an equal share of what is left have what they want, and the rest share the remainder equally
    (the first ones take a row more where it does not divide). Each has at least one row."""
    given = [0] * len(wanted)
    open_ = list(range(len(wanted)))
    while open_:
        share = max(1, room // len(open_))
        small = [i for i in open_ if wanted[i] <= share]
        if not small:
            extra = room - share * len(open_)
            for rank, i in enumerate(open_):
                given[i] = share + (1 if rank < extra else 0)
            break
        for i in small:
            given[i] = wanted[i]
            room -= wanted[i]
            open_.remove(i)
    return given


def _cut(message: str, lines: list[str], rows: int, pointer: str, width: int) -> str:
    """The message in `rows` rows: whole, or its first lines ending with "…" and then the pointer;
    where the pointer leaves no line of the message, the pointer alone after a "…" (where to read it
    says more than a line of it), or where the pointer does not fit either, the first lines alone."""
    if len(lines) <= rows:
        return message
    pointer_lines = wrapped(pointer, width)
    if pointer and rows - len(pointer_lines) < 1:
        alone = wrapped(f"{CUT} {pointer}", width)
        if len(alone) <= rows:
            return "\n".join(alone)
        pointer_lines = []
    kept = lines[: rows - len(pointer_lines)]
    last = kept[-1]
    kept[-1] = (last if len(last) < width else last[: width - 1].rstrip()) + CUT
    return "\n".join(kept + pointer_lines)
