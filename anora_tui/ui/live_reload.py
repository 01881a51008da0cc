"""`--watch`: reload the dataset when its files change, keeping the reader's place where it still
exists; while the data is broken, the reader keeps the last good data and the problems panel lists
what is wrong, one `FILE:LINE:COL: message` per line, until the next good save.

The directory is polled (`core/watching.py`: a listing and a `stat` per file, a few times a second,
debounced); the dataset is loaded in a thread so the reader stays responsive. A reload that lands
while a modal screen (help, search) is open waits until the reader's screen is back.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..core.loading.cache import load_cached
from ..core.loading.loader import DataError, DataErrors
from ..core.model import Dataset
from ..core.text import one_line
from ..core.watching import ChangeDebouncer, dataset_signature
from .widgets.problems_panel import ProblemsPanel

if TYPE_CHECKING:
    from .app import AnoraApp

POLL_SECONDS = 0.25


class LiveReload:
    def __init__(self, app: AnoraApp, data_dir: Path) -> None:
        self.app = app
        self.data_dir = data_dir
        self.debouncer = ChangeDebouncer(dataset_signature(data_dir))
        self.loading = False
        self.pending: Dataset | None = None  # loaded, waiting for the reader's screen
        self.reloads = 0  # datasets put in place (for tests and the notice)

    def start(self) -> None:
        self.app.set_interval(POLL_SECONDS, self.poll, name="watch data")

    def poll(self) -> None:
        if self.pending is not None:
            self._apply_when_possible()
        if self.loading:
            return
        if self.debouncer.poll(dataset_signature(self.data_dir)):
            self.loading = True
            self.app.run_worker(self._load, thread=True, group="live-reload", exit_on_error=False)

    def _load(self) -> None:
        """In a worker thread."""
        try:
            dataset: Dataset | list[DataError] = load_cached(self.data_dir)
        except DataErrors as problems:
            dataset = problems.errors
        except Exception as error:  # anything else must not take the reader down with it
            dataset = [DataError(str(self.data_dir), 1, 1, f"could not reload: {type(error).__name__}: {error}")]
        self.app.call_from_thread(self._loaded, dataset)

    def _loaded(self, result: Dataset | list[DataError]) -> None:
        self.loading = False
        panel = self.app.query_one(ProblemsPanel)
        if isinstance(result, list):
            panel.show_problems([str(problem) for problem in result])
            return
        panel.show_problems([])
        self.pending = result
        self._apply_when_possible()

    def _apply_when_possible(self) -> None:
        if self.pending is None or self.app.screen is not self.app.screen_stack[0]:
            return
        dataset, self.pending = self.pending, None
        self.reloads += 1
        self.app.call_later(self.app.replace_dataset, dataset)
        self.app.notify(f"Reloaded the data from {one_line(str(self.data_dir))}.", markup=False, timeout=3)
