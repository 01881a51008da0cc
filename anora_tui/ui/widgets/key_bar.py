"""The key bar: one line at the bottom naming the keys that work where the focus is.

It shows what Textual's `Footer` shows (the focused widget's and its ancestors' bindings marked
`show`, one key per action, the command palette's key on the right) as a single widget that draws
one line, instead of a container of one widget per key: the reader starts faster, a change of keys
is one redraw rather than a recompose, and keys that do not fit are left out whole rather than cut.
A click on a key presses it; hovering shows the binding's tooltip.

The keys are those of the screen in front: a modal screen that leaves the bar in sight (the command
palette) has its keys shown, not those of the reader behind it, which do not work while it is open.
A screen whose widgets handle keys without a binding to show (the palette's text box takes Enter)
names them in `KEY_BAR_HINTS`; they come first and stand for any binding of the same key.

While a text box has the focus, a key it types or uses itself (`b`, `?`, Backspace) does not reach
the bindings around it: such a key is not offered, and an action still reachable by another of its
keys is shown with that key (Back as `alt+←`, Help as `f1`). Elsewhere an action is named by the same
key wherever it is named (`keys_named`): the one its binding displays (Help as `?`), wherever that key works.
"""

from __future__ import annotations

from typing import Callable, ClassVar, NamedTuple

from dataclasses import replace
from functools import lru_cache

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.command import CommandPalette
from textual.content import Content
from textual.keys import KEY_NAME_REPLACEMENTS, key_to_character
from textual.reactive import reactive
from textual.screen import Screen
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widget import Widget
from textual.widgets import Input

GAP = 1  # cells between two keys
# The way out of anywhere: where the bar is too narrow for every key, these still show (help lists the rest).
KEPT_ACTIONS = frozenset({"help", "back", "quit"})
PALETTE_SEPARATOR = "▏"
LINES_KEPT = 16  # lines drawn kept, by what they show (see `KeyBar.render_line`)


class KeyHint(NamedTuple):
    key: str  # what a click presses
    display: str  # how the key is shown ("⏎", "^p")
    description: str
    enabled: bool
    tooltip: str
    kept: bool = False  # shown when the bar is too narrow for every key, before the keys of where you are

    @property
    def width(self) -> int:
        return cell_len(self.display) + 1 + cell_len(self.description)


KEY_BAR_HINTS = "KEY_BAR_HINTS"  # a screen's class attribute: a tuple of `KeyHint`s
# Any command palette's keys (the reader's, and Textual's own that the palette opens: the themes'):
# Up, Down and Enter are taken by its text box, not bindings to show.
PALETTE_KEYS = (
    KeyHint("down", "↑↓", "Move", True, "Move through the list"),
    KeyHint("enter", "⏎", "Run", True, "Run the highlighted command, or open the highlighted place"),
    KeyHint("escape", "esc", "Close", True, "Close the palette"),
)


class Placed(NamedTuple):
    start: int
    end: int
    hint: KeyHint


class KeyBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--disabled",
        "key-bar--hover",
        "key-bar--separator",
    }

    hovered: reactive[KeyHint | None] = reactive(None)  # the key under the mouse, drawn highlighted

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: tuple[tuple[KeyHint, ...], KeyHint | None] | None = None  # None: not read yet
        self._update_pending = False
        self._followed: Screen | None = None  # the screen whose binding changes are listened to
        self._lines_kept: dict[tuple[object, ...], Strip] = {}  # the line drawn, by what it shows
        self._colours: tuple[object, ...] | None = None  # the component classes' styles, read once a styling

    def on_mount(self) -> None:
        self._follow(self.screen)
        self.app.screen_change_signal.subscribe(self, self._screen_changed)

    def on_unmount(self) -> None:
        self.app.screen_change_signal.unsubscribe(self)
        self._follow(None)

    def _follow(self, screen: Screen | None) -> None:
        if self._followed is not None:
            self._followed.bindings_updated_signal.unsubscribe(self)
        self._followed = screen
        if screen is not None:
            screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _screen_changed(self, screen: Screen) -> None:
        """Another screen came to the front (or this one came back): its keys are the ones that work."""
        if screen is not self._followed:
            self._follow(screen)
            self._bindings_changed(screen)

    def _front(self) -> Screen:
        """The screen whose keys are shown: the one in front, or this bar's own if it is not in the
        stack in use (an App in another mode)."""
        front = self.app.screen
        return front if self.screen in self.app.screen_stack else self.screen

    # --- what to show

    @property
    def hints(self) -> tuple[KeyHint, ...]:
        """The keys listed on the left, in binding order (the palette key is not among them)."""
        return self._keys_shown()[0]

    @property
    def palette(self) -> KeyHint | None:
        return self._keys_shown()[1]

    def _keys_shown(self) -> tuple[tuple[KeyHint, ...], KeyHint | None]:
        if self._shown is None:
            self._shown = self._read_bindings()
        return self._shown

    def _bindings_changed(self, screen: Screen) -> None:
        # Many binding changes can come in one turn (focus moves, then a pane changes what it offers):
        # read them once, after they are all made.
        if self._shown is None:
            return  # not drawn yet: the bar reads them when it is first drawn (the start makes several changes)
        front = self._front()
        if front is not self.screen and front.query(KeyBar):
            # Covered by the front screen's own bar: redrawing this one would repaint the screen in
            # front (the search screen, on a key that changes what its bar offers). It is read again
            # when its own screen comes back to the front (`_screen_changed`).
            return
        if screen is front and not self._update_pending:
            self._update_pending = True
            self.call_later(self._update)

    def _update(self) -> None:
        self._update_pending = False
        shown = self._read_bindings()
        if shown != self._shown:
            self._shown = shown
            self.refresh()

    def _read_bindings(self) -> tuple[tuple[KeyHint, ...], KeyHint | None]:
        app = self.app
        screen = self._front()
        named: tuple[KeyHint, ...] = getattr(screen, KEY_BAR_HINTS, PALETTE_KEYS if isinstance(screen, CommandPalette) else ())
        hints: dict[str, KeyHint] = {}  # action -> its first key
        palette = None
        taken = _keys_taken_by(screen.focused)
        for key, (node, binding, enabled, tooltip) in screen.active_bindings.items():
            if node is not screen.focused and not binding.priority and _is_taken(key, taken):
                continue
            shown = binding
            if taken is not None and binding.key_display:
                shown = replace(binding, key=key, key_display=None)  # its usual key may type into the box
            hint = KeyHint(key, app.get_key_display(shown), binding.description, enabled,
                           tooltip or binding.tooltip or binding.description, binding.action in KEPT_ACTIONS)
            if key == app.COMMAND_PALETTE_BINDING:
                palette = hint if app.ENABLE_COMMAND_PALETTE else None
            elif binding.show and binding.action not in hints and all(key != h.key for h in named):
                hints[binding.action] = hint
        if screen.is_modal:
            hints.update(_keys_over_modal(screen, taken, hints))
        return (*named, *hints.values()), palette

    # --- where each key is drawn

    def placed(self) -> list[Placed]:
        """The keys that fit the width, with their cells; the palette key is drawn last, at the right."""
        width = self.size.width
        palette = self.palette
        right = width
        if palette is not None and palette.width + 2 <= width:
            right = width - palette.width - 2  # a separator before it and a space after
        placed: list[Placed] = []
        x = 0
        for hint in self._fitting(self.hints, right - GAP if right < width else right):  # a space before ▏
            placed.append(Placed(x, x + hint.width, hint))
            x += hint.width + GAP
        if right < width:
            placed.append(Placed(right + 1, width - 1, palette))
        return placed

    @staticmethod
    def _fitting(hints: tuple[KeyHint, ...], room: int) -> list[KeyHint]:
        """The keys drawn in `room` cells, in their order: all that fit, and where not all do, the kept
        ones first, then the others in order while they fit."""
        if sum(hint.width + GAP for hint in hints) - GAP <= room:
            return list(hints)
        chosen: set[int] = set()
        used = -GAP
        for keep in (True, False):
            for index, hint in enumerate(hints):
                if hint.kept is keep and used + GAP + hint.width <= room:
                    chosen.add(index)
                    used += GAP + hint.width
                elif hint.kept is keep and not keep:
                    break  # keys of where you are are left out from the first that does not fit
        return [hint for index, hint in enumerate(hints) if index in chosen]

    def hint_at(self, x: int) -> KeyHint | None:
        return next((p.hint for p in self.placed() if p.start <= x < p.end), None)

    def render(self) -> Content:
        # Component-class styles, resolved when the line is drawn: a theme change needs no rebuild.
        parts: list[Content | tuple[str, str] | str] = []
        at = 0
        for place in self.placed():
            if place.start > at:
                gap = place.start - at
                if place.hint is self.palette:
                    parts += [" " * (gap - 1), (PALETTE_SEPARATOR, ".key-bar--separator")]
                else:
                    parts.append(" " * gap)
            item = Content.assemble(
                (place.hint.display, ".key-bar--key"), (" " + place.hint.description, ".key-bar--description")
            )
            if not place.hint.enabled:
                item = item.stylize(".key-bar--disabled")
            if place.hint == self.hovered:
                item = item.stylize(".key-bar--hover")
            parts.append(item)
            at = place.end
        return Content.assemble(*parts)

    def render_line(self, y: int) -> Strip:
        """The line, kept for each set of keys, width, hovered key and colours it has been drawn with:
        moving between panes changes the keys, and the same few lines come back (making one from
        `render`, each key styled, took about a millisecond of an open from one pane to another)."""
        width = self.size.width
        if self._colours is None:  # each read walks the CSS: a millisecond a line, on the key that changes the keys
            self._colours = tuple(self.get_component_rich_style(name) for name in sorted(self.COMPONENT_CLASSES))
        look = (self._keys_shown(), width, self.hovered, self.visual_style, *self._colours)
        line = self._lines_kept.get(look)
        if line is None:
            lines = Visual.to_strips(self, visualize(self, self.render()), width, 1, self.visual_style)
            line = lines[0] if lines else Strip.blank(width, self.rich_style)
            if len(self._lines_kept) >= LINES_KEPT:
                del self._lines_kept[next(iter(self._lines_kept))]
            self._lines_kept[look] = line
        return line if y == 0 else Strip.blank(width, self.rich_style)

    def notify_style_update(self) -> None:
        self._colours = None  # a theme or a pseudo-class changed them
        super().notify_style_update()

    # --- mouse

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self.hint_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._hover(None)

    def _hover(self, hint: KeyHint | None) -> None:
        self.hovered = hint

    def watch_hovered(self, hint: KeyHint | None) -> None:
        self.tooltip = hint.tooltip if hint is not None else None

    def on_click(self, event: events.Click) -> None:
        hint = self.hint_at(event.x)
        if hint is None:
            return
        event.stop()
        if hint.enabled:
            self.app.simulate_key(hint.key)
        else:
            self.app.bell()


# The App's keys named over a modal screen, by action: a key of each that works there is shown.
SHOWN_OVER_MODALS = ("help", "quit")


def _keys_over_modal(screen: Screen, taken: frozenset[str] | None, shown: dict[str, KeyHint]) -> dict[str, KeyHint]:
    """The App's keys that work over a modal screen (Help, Quit: `AnoraApp.bindings_over_modals`),
    which Textual's bindings of the screen leave out: for each, the key the reader's bar names it by
    (`?`) if the screen does not bind it itself and its text box does not type it, else the first of
    its other keys that works there (F1 where `?` is typed; Ctrl+Q, a priority key, where `q` is),
    shown as that key."""
    app = screen.app
    over_modals = getattr(app, "bindings_over_modals", None)
    if over_modals is None:
        return {}
    own = screen.active_bindings
    found: dict[str, KeyHint] = {}
    # The key the reader's bar names first (`?` for Help), where it works here: the bookmarks said
    # "f1 Help" where the reader said "? Help", though `?` works there too.
    for binding in sorted(over_modals(), key=lambda binding: not named_first(app.get_key_display, binding)):
        action = binding.action
        if action not in SHOWN_OVER_MODALS or action in found or action in shown:
            continue
        if not binding.priority and (binding.key in own or _is_taken(binding.key, taken)):
            continue
        display = app.get_key_display(replace(binding, key_display=None))  # the key itself: "f1", not "?"
        found[action] = KeyHint(binding.key, display, binding.description, True,
                                binding.tooltip or binding.description, True)
    return found


def named_first(display: Callable[[Binding], str], binding: Binding) -> bool:
    """Whether `binding` (of one key) is bound to the key its `key_display` names (`?` of Help's
    `f1,question_mark`, shown as "?"): the key every place names the action by, wherever it works."""
    return bool(binding.key_display) and display(replace(binding, key_display=None)) == binding.key_display


def keys_named(display: Callable[[Binding], str], binding: Binding) -> list[str]:
    """Each key of `binding` as shown on its own ("?", "f1"), in binding order but the one the key bar
    names first (`named_first`). A keymap's keys have no `key_display`: its first key comes first."""
    keys: list[str] = []
    for one in Binding.make_bindings([binding]):
        key = display(replace(one, key_display=None))
        if key not in keys:
            keys.insert(0 if named_first(display, one) else len(keys), key)
    return keys


_UNICODE_NAMED = {short: unicode for unicode, short in KEY_NAME_REPLACEMENTS.items()}  # "slash": "solidus"


def _keys_taken_by(focused: Widget | None) -> frozenset[str] | None:
    """The keys a focused text box uses itself (besides the characters it types); None if the focus
    is not in a text box."""
    return _keys_of_text_box(type(focused)) if isinstance(focused, Input) else None


@lru_cache(maxsize=None)
def _keys_of_text_box(box: type[Input]) -> frozenset[str]:
    """Read once a class: a key that changes what the bar offers reads them (a millisecond, each time)."""
    keys: set[str] = set()
    for cls in box.__mro__:
        for binding in getattr(cls, "BINDINGS", ()):
            if isinstance(binding, Binding):
                keys.update(key.strip() for key in binding.key.split(","))
    return frozenset(keys)


def _is_taken(key: str, taken: frozenset[str] | None) -> bool:
    if taken is None:
        return False
    if "+" in key:  # a modifier: not a character typed (alt+left, ctrl+f)
        return key in taken
    character = key_to_character(_UNICODE_NAMED.get(key, key))
    return key in taken or (character is not None and character.isprintable())  # taken: Backspace, arrows…
