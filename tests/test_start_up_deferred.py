"""What the first frame leaves for later, and what it skips, with the reader unchanged: the detail
views (and the command palette) are imported and made only after the first frame, the problems
panel's stylesheet only with --watch, and a list row that fits its width is not wrapped at all."""

from __future__ import annotations

import subprocess
import sys

import pytest
from textual.content import Content
from ui_harness import WIDE, navigate, open_reader, screen_text

from anora_tui.core.navigation import Location
from anora_tui.ui.app import PROBLEMS_STYLESHEET, AnoraApp
from anora_tui.ui.hanging import Hanging


def test_the_reader_imports_no_detail_view_nor_the_palette_before_its_first_frame():
    program = "import sys\nimport anora_tui.ui.app\nprint(' '.join(sorted(sys.modules)))\n"
    loaded = set(subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True).stdout.split())
    assert "anora_tui.ui.panes.people" in loaded and "anora_tui.ui.panes.timeline" in loaded
    deferred = {"anora_tui.ui.panes.person_detail", "anora_tui.ui.panes.timeline_detail",
                "anora_tui.ui.panes.detail_view", "anora_tui.ui.screens.palette"}
    assert loaded & deferred == set()


# Each dataclass costs about half a millisecond to create at import (it compiles the methods it
# generates): on the start path, only the types that need what a dataclass gives (fields(), replace(),
# fields left out of equality) are dataclasses, and the messages, which are written as Textual's own
# idiom has them.
START_PATH_DATACLASSES = {
    "Article", "Character", "Event", "Note", "Person", "Production", "Quote", "Scene", "Section",
    "StoryPosition", "Dataset", "Location", "Navigate", "ParagraphsInView",
}


def test_the_reader_makes_only_the_dataclasses_it_needs_before_its_first_frame():
    program = (
        "import dataclasses, sys\nimport anora_tui.cli.main, anora_tui.core.loading.cache, anora_tui.ui.app\n"
        "print(' '.join(sorted({value.__name__ for name, module in list(sys.modules.items()) if name.startswith('anora_tui')"
        " for value in vars(module).values() if isinstance(value, type) and value.__module__ == name"
        " and dataclasses.is_dataclass(value)})))\n"
    )
    made = set(subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True).stdout.split())
    assert made == START_PATH_DATACLASSES


async def test_the_detail_views_are_made_and_mounted_hidden_after_the_first_frame(shipped_dataset):
    async with open_reader(shipped_dataset, WIDE) as (app, pilot):
        people, timeline = app.people, app.timeline
        assert people._detail is not None and timeline._detail is not None  # made once the frame was drawn
        # Mounted then, hidden, so that the first person or scene opened does not wait for it either.
        assert people.detail.parent is not None and timeline.detail.parent is not None
        assert not people.detail.display and not timeline.detail.display
        assert not people.showing_detail and timeline.open is None
        person = shipped_dataset.people[0]
        await navigate(pilot, app, Location("person", person.id))
        assert people.detail.parent is not None and people.showing_detail
        assert person.name in screen_text(app, people)


def test_the_problems_panel_stylesheet_is_read_only_with_watch(shipped_dataset, tmp_path):
    plain = AnoraApp(shipped_dataset, state_path=tmp_path / "state.json")
    watching = AnoraApp(shipped_dataset, state_path=tmp_path / "state.json", watch=True)
    assert PROBLEMS_STYLESHEET not in {path.name for path in plain.css_path}
    assert PROBLEMS_STYLESHEET in {path.name for path in watching.css_path}
    assert {path.name for path in plain.css_path} < {path.name for path in watching.css_path}


LINES = [
    "", "Mikey Madison · Ani", "  5 quotes · named in 10 paragraphs", "trailing spaces   ",
    "   leading spaces", "漢字の行", "e\u0301e\u0301 combining marks", "a line exactly 32 cells wide, no",
]


@pytest.mark.parametrize("text", LINES)
def test_a_row_that_fits_is_the_line_textual_would_wrap_it_to(text):
    line = Content(text).stylize("bold", 0, min(3, len(text)))
    for width in (line.cell_length, line.cell_length + 1, 80):
        if width < 1:
            continue
        wrapped = line.wrap(width) or [line]
        assert len(wrapped) == 1, (text, width)  # it fits: the fast path's case
        assert [(piece.plain, list(piece.spans)) for piece in Hanging(line).lines(width)] == [
            (piece.plain, list(piece.spans)) for piece in wrapped]


def test_a_row_that_does_not_fit_still_wraps_with_a_hanging_indent():
    line = Content("Ani · a stripper in Brighton Beach who marries the son of a Russian oligarch")
    lines = Hanging(line).lines(30)
    assert lines[0].plain == line.wrap(30)[0].plain
    assert len(lines) > 1 and all(piece.plain.startswith("  ") for piece in lines[1:])
