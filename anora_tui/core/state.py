"""The reader's saved state: a place (open section, scroll position, history) for each dataset, and
preferences (the theme) shared by all. Pure Python.

The file is `$XDG_STATE_HOME/anora-tui/state.json` (default `~/.local/state`), version 2:

    {"version": 2, "theme": "nord", "datasets": {"/path/to/data": {"section": …, "paragraph": …,
     "history": …, "saved_at": 1718000000.0}, …}}

A dataset is known by its directory, resolved (`dataset_key`). Version 1 held one place for whatever
dataset was open: it is migrated on reading, its place going to the first dataset opened.

Writes are atomic (`files.write_atomically`) and merge with the file as it is now, so that readers
open at once never lose each other's work: each writes only its own dataset's place, a theme it did
not change is left as another reader set it, and a place another reader saved in the same dataset
meanwhile is replaced with a word (`SaveOutcome.replaced`). Reading never raises: a missing file gives
the default state, and an unreadable, corrupt or foreign-version file gives the default state plus a
notice (the next save writes a fresh file).
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping

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
MERGED_LISTS = ("bookmarks",)


@dataclass(frozen=True)
class SavedState:
    section_id: str | None = None
    paragraph: int = 1  # 1-based paragraph at the top of the reading pane
    theme: str | None = None
    history: Mapping | None = None  # `History.snapshot()` output

    def to_plain(self) -> dict:
        return {
            "section": self.section_id,
            "paragraph": self.paragraph,
            "theme": self.theme,
            "history": self.history,
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
        if history is not None and not isinstance(history, dict):
            raise ValueError("'history' is not an object")
        return cls(section_id, paragraph, theme, history)

    @property
    def place(self) -> tuple[str | None, int]:
        return self.section_id, self.paragraph


PREFERENCES = ("theme",)  # the fields of SavedState shared by every dataset


@dataclass(frozen=True)
class LoadedState:
    state: SavedState = field(default_factory=SavedState)
    notice: str | None = None  # why the file (or this dataset's place in it) was ignored, for the user


@dataclass(frozen=True)
class SaveOutcome:
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
        theme, places = _parse(raw)
    except ValueError as error:
        return _ignored(path, str(error))
    key = _chosen_key(places, dataset)
    if key is None:
        return LoadedState(SavedState(theme=theme))
    try:
        return LoadedState(_state_of(places[key], theme))
    except ValueError as error:
        return LoadedState(SavedState(theme=theme), _notice(path, f"the place saved for {key} is damaged: {error}"))


def save_state(path: Path, state: SavedState, dataset: str = "", base: SavedState | None = None) -> SaveOutcome:
    """Save `state` as `dataset`'s place (and the shared theme); raises OSError if the file cannot
    be written.

    `base` is what this reader last loaded or saved: what changed on disk since then was another
    reader's doing, and is merged in (see the module's docstring). Without it `state` is written as
    it is. `ensure_ascii` escapes every non-ASCII character, so lone surrogates from odd file names or
    terminal input are stored as `\\udXXX` escapes instead of making the write fail.
    """
    try:
        theme, places = _parse(read_regular_file(path, MAX_STATE_BYTES))
    except (OSError, ValueError):
        theme, places = None, {}  # nothing there, or nothing usable: a fresh file
    on_disk = places.get(dataset)
    merged, replaced = _merge(state, base, on_disk, theme)
    entry = {key: value for key, value in merged.to_plain().items() if key not in PREFERENCES}
    places.pop(dataset, None)
    places.pop(MIGRATED_KEY, None)  # adopted by the dataset that loaded it (or by none: left behind)
    places = {dataset: {**entry, "saved_at": time.time()}, **places}
    document = {
        "version": STATE_VERSION,
        "theme": merged.theme,
        "datasets": dict(list(places.items())[:MAX_DATASETS]),
    }
    write_atomically(path, json.dumps(document, ensure_ascii=True, indent=1).encode("ascii"))
    return SaveOutcome(merged, replaced)


# --- internals ---------------------------------------------------------------------------------


def _parse(raw: bytes) -> tuple[str | None, dict[str, object]]:
    """(theme, places by dataset key), a version-1 file migrated; ValueError with a short reason."""
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
        state = SavedState.from_plain(data)
        place = {key: value for key, value in state.to_plain().items() if key not in PREFERENCES}
        return state.theme, {MIGRATED_KEY: place}
    if version != STATE_VERSION:
        raise ValueError(f"saved by another version (format {version!r}, expected {STATE_VERSION})")
    theme = data.get("theme")
    places = data.get("datasets", {})
    if theme is not None and not isinstance(theme, str):
        raise ValueError("'theme' is not a string")
    if not isinstance(places, dict):
        raise ValueError("'datasets' is not an object")
    return theme, places


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


def _state_of(entry: object, theme: str | None) -> SavedState:
    if not isinstance(entry, dict):
        raise ValueError("not a JSON object")
    return SavedState.from_plain({**entry, "theme": theme})


def _merge(
    ours: SavedState, base: SavedState | None, entry: object, theme: str | None
) -> tuple[SavedState, SavedState | None]:
    """Our state with what another reader changed on disk since `base` kept: the theme if we did not
    change it, the merged lists; and the other reader's place if ours replaces it."""
    if base is None:
        return ours, None
    try:
        theirs = _state_of(entry, theme) if entry is not None else SavedState(theme=theme)
    except ValueError:
        theirs = SavedState(theme=theme)
    merged = ours if ours.theme != base.theme else replace(ours, theme=theirs.theme)
    plain, base_plain, their_plain = merged.to_plain(), base.to_plain(), theirs.to_plain()
    for name in MERGED_LISTS:
        if isinstance(plain.get(name), list):
            plain[name] = _merge_lists(plain[name], base_plain.get(name), their_plain.get(name))
    merged = type(ours).from_plain(plain)
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
    return LoadedState(notice=_notice(path, reason))


def _notice(path: Path, reason: str) -> str:
    # The path comes from the environment: shown in the terminal, it must not carry control characters.
    return clean_text(f"Ignored the saved state {path}: {reason}.")
