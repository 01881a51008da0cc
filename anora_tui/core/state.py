"""The reader's saved state: a place for each dataset (open section, scroll position, history,
bookmarks, last searches), and preferences (theme, zen) shared by all. Pure Python.

The file is `$XDG_STATE_HOME/anora-tui/state.json` (default `~/.local/state`), version 2:

    {"version": 2, "theme": "nord", "theme_picked": true, "zen": false, "datasets": {"/path/to/data":
     {"section": …, "paragraph": …, "history": …, "bookmarks": […], "searches": […],
     "saved_at": 1718000000.0}, …}}

The theme is the one the reader picked in the palette (`theme_picked`), which wins over the settings'
(`starting_theme`); null when none was picked. Files written before `theme_picked` held whatever theme
was in force, picked or not: see `starting_theme` for what becomes of it.

A dataset is known by its directory, resolved (`dataset_key`). Version 1 held one place for whatever
dataset was open: it is migrated on reading, its place going to the first dataset opened.

Writes are atomic (`files.write_atomically`) and merge with the file as it is now, so that readers
open at once never lose each other's work: each writes only its own dataset's place, a preference it
did not change is left as another reader set it, bookmarks and searches are merged (what each reader
added or removed), and a place another reader saved in the same dataset meanwhile is replaced with a
word (`SaveOutcome.replaced`). Reading never raises: a missing file gives the default state, and an
unreadable, corrupt or foreign-version file gives the default state plus a notice; the file is first
moved aside (`state.json.bad`), so the fresh one the next save writes loses nothing the user might
mend or want back. A file whose one place is damaged is copied there, as the save replaces that place.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Collection, Mapping, NamedTuple

from ..paths import state_dir
from .files import read_regular_file, write_atomically
# The file primitives moved to `files`; still importable from here for code written before.
from .files import FileTooBig, open_regular_file  # noqa: F401,E402
from .text import clean_text

STATE_VERSION = 2
STATE_FILE_NAME = "state.json"
MAX_STATE_BYTES = 16 * 1024 * 1024  # a history of 500 places is well under 1 MiB
MAX_DATASETS = 50  # places kept, the most recently used first
MIGRATED_KEY = "(saved by version 1)"  # the one place of a version-1 file, for the first dataset opened
# Lists in a place that two readers may both change: merged (what each added or removed is kept).
MERGED_LISTS = ("bookmarks", "searches")
MAX_KEPT_ASIDE = 20  # unusable state files kept (state.json.bad, .bad.2, …)


class SavedState(NamedTuple):
    """Where the reader was in one dataset, and the preferences kept with it."""

    section_id: str | None = None
    paragraph: int = 1  # 1-based paragraph at the top of the reading pane
    theme: str | None = None
    history: Mapping | None = None  # `History.snapshot()` output
    bookmarks: tuple[Mapping, ...] = ()  # `location_to_plain()` output, oldest first
    zen: bool = False  # the side panes hidden so the text gets the width
    searches: tuple[str, ...] = ()  # the last search queries, most recent first
    # How far into the paragraph at the top the view is, in characters of the paragraph as shown (its
    # text, then its credit and notes): the line at the top comes back at any width. 0: its start.
    into: int = 0
    # The reader picked `theme` in the palette. False with a theme: a file written before this was
    # kept, whose theme may have been the settings' or the default (see `starting_theme`).
    theme_picked: bool = False

    def to_plain(self) -> dict:
        return {
            "section": self.section_id,
            "paragraph": self.paragraph,
            "theme": self.theme,
            "theme_picked": self.theme_picked,
            "history": self.history,
            "bookmarks": list(self.bookmarks),
            "zen": self.zen,
            "searches": list(self.searches),
            "into": self.into,
        }

    @classmethod
    def from_plain(cls, data: object) -> "SavedState":
        """Raises ValueError with a short reason when `data` is not a saved state."""
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        section_id = data.get("section")
        paragraph = data.get("paragraph", 1)
        theme = data.get("theme")
        history = data.get("history")
        if section_id is not None and not isinstance(section_id, str):
            raise ValueError("'section' is not a string")
        if isinstance(paragraph, bool) or not isinstance(paragraph, int) or paragraph < 1:
            raise ValueError("'paragraph' is not a positive integer")
        if theme is not None and not isinstance(theme, str):
            raise ValueError("'theme' is not a string")
        theme_picked = data.get("theme_picked", False)  # absent from files saved before it was kept
        if not isinstance(theme_picked, bool):
            raise ValueError("'theme_picked' is not true or false")
        if history is not None and not isinstance(history, dict):
            raise ValueError("'history' is not an object")
        bookmarks = data.get("bookmarks", [])  # absent from files written before there were bookmarks
        if not isinstance(bookmarks, list) or not all(isinstance(b, dict) for b in bookmarks):
            raise ValueError("'bookmarks' is not a list of objects")
        zen = data.get("zen", False)
        if not isinstance(zen, bool):
            raise ValueError("'zen' is not true or false")
        searches = data.get("searches", [])  # absent from files saved before searches were kept
        if not isinstance(searches, list) or not all(isinstance(query, str) for query in searches):
            raise ValueError("'searches' is not a list of strings")
        into = data.get("into", 0)  # absent from files saved before the place was kept within a paragraph
        if isinstance(into, bool) or not isinstance(into, int) or into < 0:
            raise ValueError("'into' is not a whole number of 0 or more")
        return cls(
            section_id,
            paragraph,
            theme,
            history,
            bookmarks=tuple(bookmarks),
            zen=zen,
            searches=tuple(clean_text(query) for query in searches),
            into=into,
            theme_picked=theme_picked,
        )

    @property
    def place(self) -> tuple[str | None, int]:
        return self.section_id, self.paragraph


PREFERENCES = ("theme", "theme_picked", "zen")  # the fields of SavedState shared by every dataset


class StartingTheme(NamedTuple):
    theme: str  # the theme to start with
    picked: str | None  # the theme picked in the palette, remembered (None: none is)


def starting_theme(saved: SavedState, settings: str | None, default: str, known: Collection[str]) -> StartingTheme:
    """The theme to start with: the one picked in the palette, else the settings' (`settings`, checked
    already), else `default`.

    A theme saved before picks were told apart (`theme_picked` false) is taken for a pick only where
    nothing else could have put it there: with no theme in the settings, and not the default. Where
    the settings name a theme, theirs is the one the reader asked for last (the old state kept
    whatever was in force, the settings' own theme too, and held it over any later change to them)."""
    picked = saved.theme if saved.theme in known else None
    if picked is not None and not saved.theme_picked and (settings is not None or picked == default):
        picked = None
    if picked is not None and picked == (settings or default):
        picked = None  # what the reader would start with anyway: nothing to remember
    return StartingTheme(picked or settings or default, picked)


def theme_picked(theme: str, settings: str | None, default: str) -> str | None:
    """What to remember of a theme picked in the palette: None where it is the one the settings (or,
    without one there, the default) give, so that a later change to the settings applies again."""
    return None if theme == (settings or default) else theme


class LoadedState(NamedTuple):
    """A dataset's saved state as read, and why it was ignored if it was."""

    state: SavedState = SavedState()
    notice: str | None = None  # why the file (or this dataset's place in it) was ignored, for the user


class SaveOutcome(NamedTuple):
    """What a save wrote, and the other reader's place it wrote over, if any."""

    state: SavedState  # what was written for this dataset, merged with the other readers' changes
    replaced: SavedState | None = None  # another reader's place in this dataset, saved over


def state_file(environ: Mapping[str, str] = os.environ) -> Path:
    return state_dir(environ) / STATE_FILE_NAME


def dataset_key(data_dir: str | os.PathLike | None) -> str:
    """What a dataset's place is saved under: its directory, resolved ("" for one built in code)."""
    return "" if data_dir is None else str(Path(data_dir).resolve())


def load_state(path: Path, dataset: str | None = None) -> LoadedState:
    """The state saved for `dataset` (a `dataset_key`), or for the dataset saved last if None."""
    try:
        raw = read_regular_file(path, MAX_STATE_BYTES)
    except OSError as error:
        if isinstance(error, FileNotFoundError) and not os.path.lexists(path):
            return LoadedState()  # never saved yet
        return _ignored(path, f"cannot read it: {error.strerror or error}")
    try:
        preferences, places = _parse(raw)
    except ValueError as error:
        return _ignored(path, str(error))
    key = _chosen_key(places, dataset)
    if key is None:
        return LoadedState(SavedState.from_plain(preferences))
    try:
        return LoadedState(_state_of(places[key], preferences))
    except ValueError as error:
        reason = f"the place saved for {key} is damaged: {error}{_kept_aside(path, raw)}"
        return LoadedState(SavedState.from_plain(preferences), _notice(path, reason))


def save_state(path: Path, state: SavedState, dataset: str = "", base: SavedState | None = None) -> SaveOutcome:
    """Save `state` as `dataset`'s place (and the shared preferences); raises OSError if the file
    cannot be written.

    `base` is what this reader last loaded or saved: what changed on disk since then was another
    reader's doing, and is merged in (see the module's docstring). Without it `state` is written as
    it is. `ensure_ascii` escapes every non-ASCII character, so lone surrogates from odd file names or
    terminal input are stored as `\\udXXX` escapes instead of making the write fail.
    """
    try:
        preferences, places = _parse(read_regular_file(path, MAX_STATE_BYTES))
    except (OSError, ValueError):
        preferences, places = {}, {}  # nothing there, or nothing usable: a fresh file
    on_disk = places.get(dataset)
    merged, replaced = _merge(state, base, on_disk, preferences)
    plain = merged.to_plain()
    entry = {key: value for key, value in plain.items() if key not in PREFERENCES}
    places.pop(dataset, None)
    places.pop(MIGRATED_KEY, None)  # adopted by the dataset that loaded it (or by none: left behind)
    places = {dataset: {**entry, "saved_at": time.time()}, **places}
    document = {
        "version": STATE_VERSION,
        **{name: plain[name] for name in PREFERENCES},
        "datasets": dict(list(places.items())[:MAX_DATASETS]),
    }
    write_atomically(path, json.dumps(document, ensure_ascii=True, indent=1).encode("ascii"))
    return SaveOutcome(merged, replaced)


# --- internals ---------------------------------------------------------------------------------


def _parse(raw: bytes) -> tuple[dict[str, object], dict[str, object]]:
    """(preferences, places by dataset key), a version-1 file migrated; ValueError with a short reason."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValueError("it is not valid JSON") from None
    except RecursionError:
        raise ValueError("it is nested too deeply") from None
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    version = data.get("version")
    if version == 1:
        plain = SavedState.from_plain(data).to_plain()
        preferences = {name: plain.pop(name) for name in PREFERENCES}
        return preferences, {MIGRATED_KEY: plain}
    if version != STATE_VERSION:
        raise ValueError(f"saved by another version (format {version!r}, expected {STATE_VERSION})")
    preferences = {name: data[name] for name in PREFERENCES if name in data}
    SavedState.from_plain(preferences)  # checked: ValueError saying which is wrong
    places = data.get("datasets", {})
    if not isinstance(places, dict):
        raise ValueError("'datasets' is not an object")
    return preferences, places


def _chosen_key(places: dict[str, object], dataset: str | None) -> str | None:
    if dataset is not None:
        if dataset in places:
            return dataset
        return MIGRATED_KEY if MIGRATED_KEY in places else None

    def saved_at(key: str) -> float:
        entry = places[key]
        stamp = entry.get("saved_at") if isinstance(entry, dict) else None
        return stamp if isinstance(stamp, (int, float)) and not isinstance(stamp, bool) else 0.0

    return max(places, key=saved_at, default=None)


def _state_of(entry: object, preferences: dict[str, object]) -> SavedState:
    if not isinstance(entry, dict):
        raise ValueError("not a JSON object")
    return SavedState.from_plain({**entry, **preferences})


def _merge(
    ours: SavedState, base: SavedState | None, entry: object, preferences: dict[str, object]
) -> tuple[SavedState, SavedState | None]:
    """Our state with what another reader changed on disk since `base` kept: the preferences we did
    not change, the merged lists; and the other reader's place if ours replaces it."""
    if base is None:
        return ours, None
    try:
        theirs = _state_of(entry if entry is not None else {}, preferences)
    except ValueError:
        theirs = SavedState()
    plain, base_plain, their_plain = ours.to_plain(), base.to_plain(), theirs.to_plain()
    for name in PREFERENCES:
        if plain[name] == base_plain[name]:  # not changed here: as the other reader left it
            plain[name] = their_plain[name]
    for name in MERGED_LISTS:
        if isinstance(plain.get(name), list):
            plain[name] = _merge_lists(plain[name], base_plain.get(name), their_plain.get(name))
    merged = SavedState.from_plain(plain)
    moved_elsewhere = entry is not None and theirs.place != base.place and theirs.place != ours.place
    return merged, (theirs if moved_elsewhere else None)


def _merge_lists(ours: list, base: object, theirs: object) -> list:
    """Three-way: ours, less what the other reader removed, plus what it added (JSON equality)."""
    base_items = base if isinstance(base, list) else []
    their_items = theirs if isinstance(theirs, list) else []
    removed = [item for item in base_items if item not in their_items]
    added = [item for item in their_items if item not in base_items and item not in ours]
    return [item for item in ours if item not in removed] + added


def _ignored(path: Path, reason: str) -> LoadedState:
    return LoadedState(notice=_notice(path, reason + _kept_aside(path)))


def _kept_aside(path: Path, raw: bytes | None = None) -> str:
    """Keep the file as `NAME.bad` (`NAME.bad.2`, … where taken): moved, or copied from `raw` where the
    file stays in use. What to add to the notice."""
    if not os.path.isfile(path):  # a directory, say: nothing a save could lose
        return ""
    names = (path.with_name(f"{path.name}.bad{'' if n == 1 else f'.{n}'}") for n in range(1, MAX_KEPT_ASIDE + 1))
    aside = next((name for name in names if not os.path.lexists(name)), None)
    if aside is None:
        return f"; the next save replaces it ({MAX_KEPT_ASIDE} copies are kept aside already)"
    try:
        if raw is None:
            os.rename(path, aside)
        else:
            write_atomically(aside, raw)
    except OSError as error:
        return f"; the next save replaces it (it could not be kept aside: {error.strerror or error})"
    return f"; it is kept as {aside}"


def _notice(path: Path, reason: str) -> str:
    # The path comes from the environment: shown in the terminal, it must not carry control characters.
    return clean_text(f"Ignored the saved state {path}: {reason}.")
