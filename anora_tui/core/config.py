"""The user's settings: `$XDG_CONFIG_HOME/anora-tui/config.toml`, read with `tomllib`.

    theme = "gruvbox"            # the theme the reader starts with (a theme picked in the palette
                                 # is remembered in the state and wins over this one, until this
                                 # one is picked there again)
    [keymap]                     # binding id = keys (comma-separated), replacing the defaults
    "app.search" = "slash,f3"
    "reading.next-section" = "right,l,full_stop"

A bad file never stops the reader: each problem is one line (`FILE:LINE: problem`) and whatever is
wrong is left at its default. A key the keymap gives that another binding already has where both
apply is applied (it is what was asked for) with a line saying which of the two takes it there
(`keymap_clashes`). Which ids, keys and themes exist is the UI's to say: `read_config` checks the
file against the names (and, from `KnownBindings`, the keys in each place) it is given.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path
from types import MappingProxyType
from typing import Collection, Mapping, NamedTuple, Protocol, Sequence, runtime_checkable

from .files import FileTooBig, read_regular_file
from .text import one_line

CONFIG_FILE_NAME = "config.toml"
MAX_CONFIG_BYTES = 1024 * 1024
_KNOWN_KEYS = ("theme", "keymap")
_KEY_NAME = re.compile(r"[a-zA-Z0-9_+\-]+\Z")  # Textual's key names: "ctrl+f", "question_mark", "f1"
# Keys Textual names by what they do (with a modifier before them or not); every other key is named by
# its character ("a", "7") or that character's Unicode name ("full_stop", "question_mark").
NAMED_KEYS = frozenset(
    ["backspace", "delete", "down", "end", "enter", "return", "escape", "home", "insert", "left", "pagedown", "pageup",
     "right", "space", "tab", "up", *(f"f{n}" for n in range(1, 25)),
     # characters whose key name is not their Unicode name
     "slash", "backslash", "plus", "minus", "at", "underscore", "less_than_sign", "greater_than_sign"]
)
MODIFIERS = ("ctrl", "alt", "shift", "super", "meta", "hyper")
# Names people write for keys, which Textual never sends: what to write instead.
KEY_NAMES_MEANT = {
    "period": "full_stop", "dot": "full_stop", "esc": "escape", "pgdn": "pagedown",
    "pgup": "pageup", "del": "delete", "ins": "insert", "bs": "backspace", "question": "question_mark",
    "quote": "apostrophe", "dash": "minus", "hyphen": "minus", "hash": "number_sign",
}


class Config(NamedTuple):
    """The valid settings read from the settings file, and its problems."""

    theme: str | None = None
    keymap: Mapping[str, str] = MappingProxyType({})  # binding id -> keys
    problems: tuple[str, ...] = ()  # one line each, `FILE:LINE: problem`


class KeyPlace(NamedTuple):
    """Where a set of bindings applies, for finding clashes: everywhere (the App's, depth 0), a pane
    or screen (1), or a widget inside panes (a list: 2, `inside` naming those panes)."""

    where: str  # as a message says it: "everywhere", "in the People pane"
    depth: int
    bindings: tuple[tuple[str, tuple[str, ...], str, bool], ...]  # (id or "", default keys, description, priority)
    inside: tuple[str, ...] = ()  # the `where` of the places it is in
    modal: bool = False  # a modal screen: of the bindings that work everywhere, only priority ones reach it

    def overlaps(self, other: "KeyPlace") -> bool:
        return (self is other or not self.depth or not other.depth
                or self.where in other.inside or other.where in self.inside)


@runtime_checkable
class KnownBindings(Collection[str], Protocol):
    """The binding ids a keymap may name, and where each binding applies with which keys."""

    def places(self) -> list[KeyPlace]: ...


def read_config(path: Path, binding_ids: Collection[str], themes: Collection[str]) -> Config:
    """The settings in `path` that are valid; a missing file is no settings and no problem."""
    try:
        data = read_regular_file(path, MAX_CONFIG_BYTES)
    except FileNotFoundError:
        return Config()
    except FileTooBig:
        return Config(problems=(f"{one_line(str(path))}: over {MAX_CONFIG_BYTES} bytes; not read",))
    except OSError as error:
        return Config(problems=(f"{one_line(str(path))}: cannot be read: {error.strerror or error}",))
    import tomllib  # here: most readers have no settings file, and the first frame need not wait for it

    try:
        text = data.decode("utf-8")
        settings = tomllib.loads(text)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return Config(problems=(f"{one_line(str(path))}:{line}: not UTF-8 text; not read",))
    except tomllib.TOMLDecodeError as error:
        return Config(problems=(_syntax_problem(path, str(error)),))
    return _checked(path, text, settings, binding_ids, themes)


NOTICE_PROBLEMS = 3  # the most a notice lists: more, stacked one notice each, ran off a 30-line screen


def problems_notice(problems: Sequence[str], see_all: str = "") -> str:
    """The settings' problems as one notice: the first few, one a line, and how many more (and
    `see_all`, where to see them all)."""
    lines = list(problems[:NOTICE_PROBLEMS])
    if len(problems) > NOTICE_PROBLEMS:
        lines.append(f"…and {len(problems) - NOTICE_PROBLEMS} more in the same file.{see_all and ' '}{see_all}")
    return "\n".join(lines)


def problems_listed(problems: Sequence[str], path: Path) -> str:
    """Every problem, one a line, the file named once above them (`line 3: …`): the full list is
    long enough without the path on every line."""
    shown = one_line(str(path))
    lines = [f"In {shown}:"]
    for problem in problems:
        rest = problem.removeprefix(f"{shown}:")
        line = re.match(r"(\d+): ", rest)
        lines.append(problem if rest == problem else f"line {line[1]}: {rest[line.end():]}" if line else rest.strip())
    return "\n".join(lines)


def _closest_themes(theme: str, themes: Collection[str]) -> str:
    """The themes named most like `theme`, and where to see them all: the whole list (two dozen names)
    made the notice of one problem taller than an 80x24 screen."""
    close = difflib.get_close_matches(theme.lower(), sorted(themes), n=3, cutoff=0.5)
    every = "the palette's Theme command lists all of them"
    return f"the closest: {', '.join(close)}; {every}" if close else every


def _syntax_problem(path: Path, message: str) -> str:
    # tomllib says "Invalid value (at line 3, column 9)": put the line where every other message has it.
    where = re.search(r" \(at line (\d+), column (\d+)\)$", message)
    if where:
        message = message[: where.start()]
        return f"{one_line(str(path))}:{where[1]}: {one_line(message)}; the file is ignored"
    return f"{one_line(str(path))}: {one_line(message)}; the file is ignored"


def _checked(
    path: Path, text: str, settings: dict, binding_ids: Collection[str], themes: Collection[str]
) -> Config:
    shown = one_line(str(path))
    problems: list[str] = []

    def problem(key: str, message: str, table: str | None = None) -> None:
        problems.append(f"{shown}:{_line_of(text, key, table)}: {message}")

    for key in settings:
        if key not in _KNOWN_KEYS:
            problem(key, f"unknown setting {_quoted(key)} (known: {', '.join(_KNOWN_KEYS)}); ignored")

    theme = settings.get("theme")
    if theme is not None and not isinstance(theme, str):
        problem("theme", "'theme' must be a string, the name of a theme; ignored")
        theme = None
    elif theme is not None and theme not in themes:
        problem("theme", f"unknown theme {_quoted(theme)} ({_closest_themes(theme, themes)}); ignored")
        theme = None

    keymap: dict[str, str] = {}
    table = settings.get("keymap", {})
    if not isinstance(table, dict):
        problem("keymap", "'keymap' must be a table: [keymap] then lines of binding-id = \"keys\"; ignored")
        table = {}
    for binding_id, keys in _flattened(table):
        if binding_id not in binding_ids:
            problem(binding_id, f"unknown binding id {_quoted(binding_id)} (see the help screen, ?); ignored", "keymap")
        elif not isinstance(keys, str) or not keys.strip():
            problem(binding_id, f"the keys for {_quoted(binding_id)} must be a string such as \"ctrl+f\"; ignored", "keymap")
        elif bad := [key for key in _split_keys(keys) if not is_key_name(key)]:
            modifiers, plus, base = bad[0].rpartition("+")
            meant = KEY_NAMES_MEANT.get(base)
            hint = f"did you mean {_quoted(modifiers + plus + meant)}?" if meant \
                else "such as ctrl+f, f2, question_mark, full_stop"
            problem(binding_id, f"{_quoted(bad[0])} is not a key name ({hint}); ignored", "keymap")
        else:
            keymap[binding_id] = ",".join(map(_in_textuals_order, _split_keys(keys)))
    if keymap and isinstance(binding_ids, KnownBindings):
        for binding_id, message in keymap_clashes(keymap, binding_ids.places()):
            problem(binding_id, message, "keymap")
    return Config(theme=theme, keymap=keymap, problems=tuple(problems))


def keymap_clashes(keymap: dict[str, str], places: list[KeyPlace]) -> list[tuple[str, str]]:
    """(binding id, what happens) for each key the keymap gives a binding that another binding has
    where both apply, unless the two share it by default (a pair switched by what can run, such as
    Back and "nowhere to go back to"). Which one a key runs: a priority binding first; else the
    innermost place's (the focused widget's before its pane's, a pane's before the App's); in one
    place, the first of them that can run."""
    given = {binding_id: tuple(map(_key_name, _split_keys(keys))) for binding_id, keys in keymap.items()}
    defaults: dict[str, set[str]] = {}  # one binding's keys may be listed as several bindings, a key each
    for place in places:
        for binding_id, keys, _description, _priority in place.bindings:
            defaults.setdefault(binding_id, set()).update(keys)
    clashes: dict[tuple[str, str, str, str], str] = {}
    for place in places:
        for binding_id, _keys, _description, priority in place.bindings:
            default = defaults[binding_id]
            for key in given.get(binding_id, ()):
                for other in places:
                    if not place.overlaps(other):
                        continue
                    for other_id, other_keys, description, other_priority in other.bindings:
                        if (place.modal and not other.depth and not other_priority) or (
                            other.modal and not place.depth and not priority
                        ):
                            continue  # an App binding a modal screen never lets through
                        other_default = defaults[other_id] if other_id else set(other_keys)
                        other_keys = given.get(other_id, other_keys) if other_id else other_keys
                        if other_id == binding_id or key not in other_keys or (key in default and key in other_default):
                            continue
                        inner = other if other.depth >= place.depth else place
                        if priority != other_priority:
                            outcome = priority
                        elif place.depth != other.depth:
                            outcome = (place.depth < other.depth) == priority  # priority: outer first
                        else:
                            outcome = None  # in one place: whichever can run first
                        named = f"{_quoted(other_id)} ({description})" if other_id else f"{description!r}"
                        said = f"{_quoted(key)} for {_quoted(binding_id)} is also the key of {named} {inner.where}"
                        if outcome is None:
                            said += "; applied, and there the first of the two that can run takes it"
                        elif outcome:
                            said += f"; applied, and there it no longer does {description!r}"
                        elif place is inner:
                            said += f", which takes it first: applied, but {_quoted(binding_id)} never gets it there"
                        else:
                            said += ", which keeps it there; applied elsewhere"
                        clashes.setdefault((binding_id, key, other_id or description, inner.where), said)
    return [(binding_id, said) for (binding_id, *_rest), said in clashes.items()]


def _key_name(key: str) -> str:
    """A key as Textual names it: "-" is minus, "_" underscore (other single characters a keymap
    may give are letters and digits, named by themselves)."""
    return {"-": "minus", "_": "underscore", "+": "plus"}.get(key, key)


def _flattened(table: dict, prefix: str = ""):
    """The keymap's (binding id, keys), a dotted key written without quotes (`app.search = …`, which
    TOML reads as a table `app` holding `search`) read as the id it spells."""
    for key, value in table.items():
        if isinstance(value, dict) and value:
            yield from _flattened(value, f"{prefix}{key}.")
        else:
            yield prefix + key, value


def is_key_name(key: str) -> bool:
    """Whether Textual can send the key: modifiers, then a key named by what it does, one character,
    or a character's Unicode name in lower case with underscores ("full_stop"; "period" is not)."""
    if not _KEY_NAME.match(key):
        return False
    *modifiers, base = key.split("+")
    if any(modifier not in MODIFIERS for modifier in modifiers):
        return False
    if len(base) == 1 or base in NAMED_KEYS:
        return True
    if base != base.lower():
        return False
    try:
        character = unicodedata.lookup(base.replace("_", " "))
    except KeyError:
        return False
    return character.isprintable()  # "esc" is a name of U+001B, but Textual calls that key escape


def _in_textuals_order(key: str) -> str:
    """A key with its modifiers as Textual names the key it reads ("ctrl+hyper+shift+q": in alphabetical
    order, each once): "shift+ctrl+f2" would never match the key pressed, "ctrl+shift+f2"."""
    *modifiers, base = key.split("+")
    return "+".join([*sorted(set(modifiers)), base])


def _split_keys(keys: str) -> list[str]:
    return [key.strip() for key in keys.split(",") if key.strip()]


def _quoted(value: str) -> str:
    value = one_line(value)
    return f"'{value[:59]}…'" if len(value) > 60 else f"'{value}'"


def _line_of(text: str, key: str, table: str | None) -> int:
    """The line a key is set on (in `[table]` if given): tomllib gives values, not positions."""
    in_table = table is None
    pattern = re.compile(r'\s*(?:"' + re.escape(key) + r'"|\'' + re.escape(key) + r"'|" + re.escape(key) + r")\s*[=.]")
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"\s*\[\s*([^\]]*?)\s*\]", line)
        if header:
            in_table = table is None or header[1].strip("\"'") == table
            if table is not None and header[1].strip("\"'") == key:
                return number
            continue
        if in_table and pattern.match(line):
            return number
    return 1
