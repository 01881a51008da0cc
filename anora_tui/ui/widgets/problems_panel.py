"""The problems panel (`--watch`): what is wrong with the dataset on disk, one `FILE:LINE:COL:
message` per line, under a heading saying the reader still shows the last good data. Hidden while
the data is good."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from anora_tui.core.text import counted


class ProblemsPanel(VerticalScroll, can_focus=True):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.problems: list[str] = []
        self.border_title = "Data problems"
        self.display = False

    def compose(self) -> ComposeResult:
        yield Static(id="problems-heading", markup=False)
        yield Static(id="problems-list", markup=False)

    def show_problems(self, problems: list[str]) -> None:
        """Show these problems (lines), or hide the panel when there are none."""
        self.problems = problems
        self.display = bool(problems)
        if not problems:
            return
        count = len(problems)
        heading = (
            f"{counted(count, 'problem')} in the data: the reader shows the last good version. "
            "Fix and save, and it reloads."
        )
        self.query_one("#problems-heading", Static).update(Content(heading))
        self.query_one("#problems-list", Static).update(Content("\n".join(problems)))
        self.border_subtitle = f"{count:,}"
