"""The keys in force, mixed into the App: the user's keymap applied, the help screen's groups of keys
(each with the keys the keymap gives it) and every binding id a keymap may name."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Collection, Iterator

from textual.binding import Binding, BindingType

from ..core.config import KeyPlace
from .panes.people import PeoplePane
from .panes.reading import ReadingPane
from .panes.timeline import TimelinePane
from .widgets.key_bar import keys_named
from .widgets.link_list import LinkList

if TYPE_CHECKING:
    from .app import AnoraApp

    _Base = AnoraApp
else:
    _Base = object
# The help screen, the search screen's keys and a person's detail are imported when first asked
# for: the first frame needs none of them.

# The App's actions whose keys work over a modal screen too (the help lists them under "Anywhere").
OVER_MODAL_ACTIONS = frozenset({"help", "quit", "help_quit"})


class Keymapping(_Base):
    """The keymap and help of `AnoraApp`, which keeps `keymap_in_force`."""

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.key_groups()))

    def bindings_over_modals(self) -> list[Binding]:
        """The App's bindings that work over a modal screen, one a key, with the keys the user's
        keymap gives them: Textual ends a modal screen's chain of bindings at the screen, so the App's
        `on_key` runs these itself (a priority one, Ctrl+Q, Textual runs anywhere), and the key bar
        over the screen names them."""
        bindings = (self._in_force(binding) for cls in type(self).__mro__ for binding in vars(cls).get("BINDINGS", ())
                    if isinstance(binding, Binding))  # a subclass's own BINDINGS add to these
        return [binding for binding in Binding.make_bindings(bindings) if binding.action in OVER_MODAL_ACTIONS]

    def key_groups(self) -> list[tuple[str, list[BindingType]]]:
        """What the help screen lists: each group's bindings, inherited ones included, with the keys
        the user's keymap gives them."""
        return [(title, [self._in_force(binding) for binding in keys]) for title, keys in self.default_key_groups()]

    def default_key_groups(self) -> list[tuple[str, list[Binding]]]:
        """Each group's bindings, inherited ones included, with their own keys."""

        def bindings(node_class: type) -> list[Binding]:
            """The class's bindings with those it inherits (a later class's key replaces an earlier one's;
            one class may bind a key twice, the second taking it when the first is disabled)."""
            by_key: dict[str, list[Binding]] = {}
            for base in reversed(node_class.__mro__):
                if "BINDINGS" in base.__dict__:
                    if not base.__dict__.get("inherit_bindings", True):
                        by_key.clear()
                    own: dict[str, list[Binding]] = {}
                    for binding in Binding.make_bindings(base.BINDINGS):
                        own.setdefault(binding.key, []).append(binding)
                    by_key.update(own)
            return [binding for same_key in by_key.values() for binding in same_key]

        from .panes.person_detail import PersonDetail

        def search_keys() -> list[Binding]:
            from .screens.search import SearchBox, SearchScreen

            # The box's own keys (not the text editing it inherits), then the screen's it leaves free.
            box = list(Binding.make_bindings(SearchBox.BINDINGS))
            taken = {binding.key for binding in box}
            screen = Binding.make_bindings(SearchScreen.BINDINGS)
            return box + [binding for binding in screen if binding.key not in taken]

        groups: list[tuple[str, list[BindingType]]] = [
            ("Anywhere", self.BINDINGS),
            ("Reading pane", bindings(ReadingPane)),
            ("Lists (sections, people, scenes, events)", bindings(LinkList)),
            ("People pane", bindings(PeoplePane)),
            ("A person's detail", bindings(PersonDetail)),
            ("Timeline pane", bindings(TimelinePane)),
            ("Search", search_keys()),
        ]
        return [(title, list(Binding.make_bindings(keys))) for title, keys in groups]

    def keys_named(self, binding_id: str) -> list[str]:
        """The keys in force (the user's keymap applied) of one of the App's bindings, as every place
        that names them shows them: the one the key bar shows first ("?", then "f1", for Help)."""
        binding = next(b for b in self.BINDINGS if isinstance(b, Binding) and b.id == binding_id)
        return keys_named(self.get_key_display, self._in_force(binding))

    def _in_force(self, binding: Binding) -> Binding:
        """The binding with the keys the user's keymap gives it, if it gives any."""
        keys = self.keymap_in_force.get(binding.id or "")
        return binding if keys is None else replace(binding, key=keys, key_display=None)

    def set_keymap(self, keymap: dict[str, str]) -> None:
        self.keymap_in_force = dict(keymap)  # what the help screen shows
        super().set_keymap(keymap)

    def binding_ids(self) -> set[str]:
        """Every binding id a keymap may name."""
        return {binding_id for place in self.key_places() for binding_id, *_rest in place.bindings if binding_id}

    def key_places(self) -> list[KeyPlace]:
        """Where each group's bindings apply, with their own keys (see `core.config.keymap_clashes`)."""
        from .screens.help import HelpScreen

        groups = self.default_key_groups() + [("Help", list(Binding.make_bindings(HelpScreen.BINDINGS)))]
        return [
            KeyPlace(where, depth, tuple((b.id or "", tuple(b.key.split(",")), b.description, b.priority) for b in keys),
                     inside, modal=title in _MODAL)
            for title, keys in groups
            for where, depth, inside in (_PLACES[title],)
        ]


# Where each group of keys applies: the App's everywhere, a pane's or a screen's there, a list's
# within the panes that have lists (the contents are a list with no keys of its own).
_WITH_LISTS = ("in the People pane", "in a person's detail", "in the timeline")
_PLACES = {
    "Anywhere": ("everywhere", 0, ()),
    "Reading pane": ("in the reading pane", 1, ()),
    "Lists (sections, people, scenes, events)": ("in lists", 3, _WITH_LISTS),
    "People pane": ("in the People pane", 1, ()),
    "A person's detail": ("in a person's detail", 2, ("in the People pane",)),
    "Timeline pane": ("in the timeline", 1, ()),
    "Search": ("in the search", 1, ()),
    "Help": ("on the help screen", 1, ()),
}
_MODAL = ("Search", "Help")  # modal screens: only the App's priority keys reach them


class BindingIds(Collection[str]):
    """`AnoraApp.binding_ids()` (and `places()`, the keys in each place, for `KnownBindings`), listed
    only when asked: only a settings file with a keymap asks, and listing them imports every screen's
    keys (search and help), which the first frame does not need."""

    def __init__(self, app: Keymapping) -> None:
        self._app = app
        self._ids: set[str] | None = None

    def _all(self) -> set[str]:
        if self._ids is None:
            self._ids = self._app.binding_ids()
        return self._ids

    def places(self) -> list[KeyPlace]:
        return self._app.key_places()

    def __contains__(self, binding_id: object) -> bool:
        return binding_id in self._all()

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())
