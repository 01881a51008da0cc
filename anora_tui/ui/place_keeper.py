"""Keeping the reader's place: saved soon after every move (debounced: a burst of moves is one
write), and at once on quit, on an unexpected error and on SIGTERM/SIGHUP/SIGINT.

Each save merges with what other readers wrote meanwhile (`core.state.save_state`); when this reader's
place replaces another reader's place in the same dataset, it says so (once while it runs, and in a
line at exit if that was the last save).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.css.query import NoMatches

from ..core.state import LoadedState, SavedState, load_state, save_state
from .after_quiet import AfterQuiet

if TYPE_CHECKING:
    from .app import AnoraApp

SAVE_DELAY = 0.5  # seconds after the last move


class PlaceKeeper:
    def __init__(self, app: "AnoraApp", path: Path, dataset: str) -> None:
        self.app = app
        self.path = path
        self.dataset = dataset
        self.error: str | None = None  # why the last save failed
        self.replaced_notice: str | None = None  # set when the last save replaced another reader's place
        self._base: SavedState | None = None  # what this reader last loaded or saved
        self._saving = AfterQuiet(app, SAVE_DELAY, self._save_if_moved, name="save-place")
        self._told_replaced = False

    def load(self) -> LoadedState:
        loaded = load_state(self.path, self.dataset)
        self._base = loaded.state
        return loaded

    def moved(self) -> None:
        """The place changed: save it once the moves stop for SAVE_DELAY."""
        self._saving.start()

    def _save_if_moved(self) -> None:
        if self.app.quitting:  # the last save is the quit's own
            return
        try:
            state = self.app.current_state()
        except NoMatches:  # the reader is closing and its panes are gone: the last save stands
            return
        if state != self._base:
            self.save()

    def save(self) -> bool:
        """Save now; on failure keep the reason (shown now, once per reason, or printed at exit)."""
        self._saving.cancel()
        state = self.app.current_state()
        try:
            outcome = save_state(self.path, state, self.dataset, self._base)
        except OSError as error:
            reason = f"could not save your place in {self.path}: {error.strerror or error}"
            if reason != self.error and self.app.is_running:
                self.app.notify(reason, severity="error", markup=False)
            self.error = reason
            return False
        self.error = None
        self._base = state
        self.replaced_notice = None
        if outcome.replaced is not None:
            self.replaced_notice = self._replaced(outcome.replaced)
            if self.app.is_running and not self._told_replaced:
                self._told_replaced = True
                self.app.notify(self.replaced_notice, severity="warning", markup=False, timeout=10)
        return True

    def _replaced(self, theirs: SavedState) -> str:
        section = self.app.dataset.sections_by_id.get(theirs.section_id or "")
        where = f"“{section.title}”, paragraph {theirs.paragraph}" if section else "another place"
        return (
            f"another anora-tui window had saved its place in this dataset ({where}); "
            "this window's place was saved over it"
        )
