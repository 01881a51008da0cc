"""The help screen: every key, grouped by where it works, read from the bindings themselves so the
list can never drift from what the keys really do; then what each symbol on screen means, read from
the constants the panes draw with."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import ClassVar, Iterable, Sequence

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.screen import ModalScreen
from textual.widgets import Static

from ...core.mention_reasons import MENTION_WORDING, MentionKind
from ..hanging import Hanging
from ..textual_private import OneFrameDrawing
from ..panes.person_detail import NAMED_CHAR, NAMED_MARKER, NOTE_CHAR, SECTION_CHARS
from ..panes.reading_blocks import LANDING_BAR, NOTE_BAR
from ..panes.sections import CURRENT_MARKER
from ..panes.timeline import APPROXIMATE_CHAR, DISCUSSED_MARKER, ESTIMATED_CHAR, EXACT_CHAR
from ..widgets.film_strip import TRACK_CHAR
from ..widgets.key_bar import KeyBar, named_first
from ..widgets.track_switch import ACTIVE_MARKER
from .modal import ReaderModal

# Horizontal scrolling means nothing in panes that wrap their text. `no_search` is what n and N do
# before there is a search (say so), `nowhere_in_history` what Back and Forward do with nowhere to go,
# `none_to_jump_to` what a person's ", s and m do when they have none, `no_names` and `no_section` what
# [, ] and the arrows do in a section that names no one or past the first or last section,
# `nothing_to_copy` what y does with no quote to copy:
# their rows are the keys' own, one row a key.
_HIDDEN_ACTIONS = {"page_left", "page_right", "scroll_left", "scroll_right", "no_search", "nowhere_in_history",
                   "none_to_jump_to", "no_names", "no_section", "nothing_to_copy"}
# Ctrl+C quits through Textual's own action (which a selection to copy comes before): one row with q.
_SAME_ROW_AS = {"help_quit": "quit"}

KeyGroup = tuple[str, Sequence[BindingType]]

SYMBOLS: tuple[tuple[str, str], ...] = (
    (NAMED_MARKER, "People: named in the paragraphs you are reading"),
    (DISCUSSED_MARKER, "Timeline: a scene or event the section you are reading discusses"),
    (CURRENT_MARKER, "Sections: the section open in the reading pane"),
    (ACTIVE_MARKER.strip(), "Timeline: the track shown (Story or Production)"),
    (NOTE_BAR.strip(), "Reading: an editor's note on a slip in the source, under its paragraph; the words "
                       "it is about are tinted as it is (underlined words are names: ] selects, ⏎ opens)"),
    (LANDING_BAR.strip(), "Reading: where a jump landed (a search hit, a quote, a mention)"),
    ("━", "Reading: how much of the article is behind you"),
    (NAMED_CHAR, "Mentions map: a paragraph that names the person"),
    (NOTE_CHAR, "Mentions map: a paragraph that does not name them, listed through an editor's note"),
    ("(…)", "Mentions: why a paragraph is listed, after its excerpt: "
     + "; ".join(f"({MENTION_WORDING[kind]})" for kind in MentionKind if kind is not MentionKind.NAMED)
     + f"; none where it is {MENTION_WORDING[MentionKind.NAMED]}"),
    (" ".join(SECTION_CHARS), "Mentions map: the article's sections, alternating"),
    (EXACT_CHAR, "Film strip: minutes given, or dated to the day, month or year"),
    (APPROXIMATE_CHAR, "Film strip: approximate (≈ minutes, c. a date)"),
    (ESTIMATED_CHAR, "Film strip: no minutes given, placed by story order"),
    (TRACK_CHAR, "Film strip: the film's running time, or the years"),
    ("«…»", "Words quoted from the source"),
    ("[…]", "Reading: a section title the dataset's editor gave, where the source has no headings "
            "(the contents then say \"titles by the editor\"; a citation keeps the brackets)"),
)


class HelpScreen(ReaderModal, ModalScreen[None], OneFrameDrawing):
    """Every key and symbol. Its body's scrollbar is placed before its first frame is drawn
    (`OneFrameDrawing`, a base after `ModalScreen`: Textual takes a screen's CSS from its first base
    that is a DOM node)."""


    COMPONENT_CLASSES: ClassVar[set[str]] = {"help--keys"}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,f1,question_mark", "dismiss", "Close help", show=True, id="help.close"),
        Binding("down,j", "scroll(1)", "Scroll", show=True, key_display="↑↓", id="help.scroll-down",
                tooltip="Scroll down (up: ↑ or k)"),
        Binding("up,k", "scroll(-1)", "Up", show=False, id="help.scroll-up"),
        Binding("pagedown,space", "page(1)", "Page", show=True, key_display="PgDn", id="help.page-down",
                tooltip="Page down (up: PgUp)"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="help.page-up"),
        Binding("home,g", "edge(0)", "Top", show=False, id="help.top"),
        Binding("end,G", "edge(1)", "End", show=False, id="help.end"),
    ]

    def __init__(self, groups: Sequence[KeyGroup]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.border_subtitle = "Escape closes"
            for title, bindings in self.groups:
                yield Static(Content(title), classes="help-group")
                yield Static(self._table(key_rows(self.app.get_key_display, bindings)), classes="help-keys")
            yield Static(Content("Symbols"), classes="help-group")
            yield Static(self._table(list(SYMBOLS)), classes="help-keys", id="help-symbols")
        yield KeyBar()

    @property
    def body(self) -> VerticalScroll:
        return self.query_one("#help-body", VerticalScroll)

    # Scrolled at once, not animated: a burst of keys (a held-down arrow) moves one line a key.

    def action_scroll(self, lines: int) -> None:
        self.body.scroll_relative(y=lines, animate=False, immediate=True)

    def action_page(self, pages: int) -> None:
        body = self.body
        body.scroll_relative(y=pages * max(1, body.scrollable_content_region.height - 1), animate=False, immediate=True)

    def action_edge(self, end: int) -> None:
        body = self.body
        body.scroll_to(y=body.max_scroll_y if end else 0, animate=False, immediate=True)

    def _table(self, rows: list[tuple[str, str]]) -> KeyTable:
        return key_table(tuple(rows), self.get_visual_style("help--keys", partial=True))


@lru_cache(maxsize=64)
def key_table(rows: tuple[tuple[str, str], ...], key_style: Style) -> KeyTable:
    """The table of some rows, made once and kept with its lines wrapped at the last width it was
    drawn at: help opened again draws the same tables (the same keys, unless the keymap changed)."""
    return KeyTable(rows, key_style)


class KeyTable(Visual):
    """Keys (or symbols) in a column, each description beside them, a long description wrapping
    under itself, not under the keys. Where that column leaves the descriptions less room than their
    longest word (a binding id such as `reading.previous-name`), each description goes on the line
    under its keys instead, so no word is cut in two; narrower still, a word longer than the line
    (a binding id) is broken after a "." or a "-" in it, "(app." over "previous-pane)", rather than
    folded wherever the line ends ("(app.previous-pane" over ")")."""

    STACKED_INDENT = 4

    def __init__(self, rows: Sequence[tuple[str, str]], key_style: Style) -> None:
        width = max((len(keys) for keys, _ in rows), default=0)
        self.key_column = width + 2
        self.longest_word = max((len(word) for _, description in rows for word in description.split()), default=0)
        self.beside = Hanging(
            Content("\n").join(Content.assemble((keys.ljust(width), key_style), "  ", text) for keys, text in rows),
            hang=self.key_column,
        )
        self.rows, self.key_style = rows, key_style
        self.under = self._stacked(rows)
        self._broken: tuple[int, Hanging] | None = None  # the stacked rows with long words broken, at a width

    def _stacked(self, rows: Sequence[tuple[str, str]]) -> Hanging:
        """Each description on the lines under its keys."""
        return Hanging(
            Content("\n").join(
                Content.assemble((keys, self.key_style), "\n", " " * self.STACKED_INDENT, text) for keys, text in rows
            ),
            hang=0,
        )

    def __str__(self) -> str:
        return str(self.beside)

    def form(self, width: int) -> Hanging:
        """The table as drawn at `width`: descriptions beside their keys if their words fit there."""
        if width - self.key_column >= self.longest_word:
            return self.beside
        room = width - self.STACKED_INDENT
        if room >= self.longest_word:
            return self.under
        if self._broken is None or self._broken[0] != width:
            indent = "\n" + " " * self.STACKED_INDENT
            rows = [(keys, " ".join(indent.join(word_pieces(word, room)) for word in text.split(" ")))
                    for keys, text in self.rows]
            self._broken = (width, self._stacked(rows))
        return self._broken[1]

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self.form(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.beside.get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.under.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.form(width).get_height(rules, width)


def word_pieces(word: str, room: int) -> list[str]:
    """A word longer than `room` cut after its last "." or "-" that leaves a piece that fits, again
    for the rest (a piece with no such place is left whole, for the wrap to fold)."""
    pieces = []
    while len(word) > room > 1:
        cut = max(word.rfind(".", 0, room), word.rfind("-", 0, room)) + 1
        if cut <= 1:
            break
        pieces.append(word[:cut])
        word = word[cut:]
    return [*pieces, word]


def key_rows(display, bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """(keys, description) rows: keys for the same action joined with " / ", in binding order; each
    description ends with the bindings' ids, the names a keymap in the settings file uses for them."""
    rows: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    for binding in Binding.make_bindings(bindings):
        description = binding.tooltip or binding.description
        if not description or binding.action.partition("(")[0] in _HIDDEN_ACTIONS or binding.system:
            continue
        action = _SAME_ROW_AS.get(binding.action, binding.action)
        keys, ids = rows.setdefault((action, description), ([], []))
        key = display(replace(binding, key_display=None))  # the footer's short form stands for one key
        if key not in keys:
            # The key the key bar names first ("? / f1"): the same key as everywhere else.
            keys.insert(0 if named_first(display, binding) else len(keys), key)
        if binding.id and binding.id not in ids:
            ids.append(binding.id)
    return [
        (" / ".join(keys), f"{description} ({', '.join(ids)})" if ids else description)
        for (_action, description), (keys, ids) in rows.items()
    ]
