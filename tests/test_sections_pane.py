"""The contents (sections) pane: one row per section, the open one marked, long titles wrapped under
themselves, in the reader and on its own."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.strip import Strip
from ui_harness import WIDE, navigate, screen_lines, screen_strips, settle

from anora_tui.core.navigation import Location

from anora_tui.core.model import Article, Dataset, Section
from anora_tui.paths import styles_dir
from anora_tui.ui.app import AnoraApp
from anora_tui.ui.panes.sections import SectionsPane

pytestmark = pytest.mark.usefixtures("quick_pilot")


def pane_lines(app: App) -> list[str]:
    """The pane's rows inside its border."""
    return [line[1:-1].rstrip() for line in screen_lines(app, app.query_one(SectionsPane))[1:-1]]


async def test_the_open_section_is_marked_and_the_mark_follows(example_dataset, tmp_path):
    app = AnoraApp(example_dataset, state_path=tmp_path / "state.json")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert pane_lines(app)[:4] == [
            "▸  1 A film about waiting",
            "   2 Three nights on the",
            "     pier",  # a title too long for the pane wraps under itself
            "   3 After the festival",
        ]
        await pilot.press("l")  # the next section
        await settle(pilot)
        assert pane_lines(app)[:4] == [
            "   1 A film about waiting",
            "▸  2 Three nights on the",
            "     pier",
            "   3 After the festival",
        ]
        assert app.contents.get_option_at_index(1).prompt.spans[0].style == ".sections--current"
        assert app.contents.get_option_at_index(0).prompt.spans == []


class SectionsHost(App):
    CSS_PATH = sorted(styles_dir().glob("*.tcss"))

    def __init__(self, dataset: Dataset) -> None:
        super().__init__()
        self.dataset = dataset

    def compose(self) -> ComposeResult:
        yield SectionsPane(self.dataset, id="contents")


async def test_a_long_title_wraps_under_itself_and_rewraps_when_the_pane_widens():
    long = "A very long title for a section that cannot fit on one line"
    article = Article("T", "P", "2024", (Section("a", long, ("x",), 0), Section("b", "Short", ("y",), 1)))
    app = SectionsHost(Dataset.build(article, (), (), (), (), (), ()))
    async with app.run_test(size=(80, 12)) as pilot:
        app.query_one(SectionsPane).mark_current("a")
        await settle(pilot)
        lines = pane_lines(app)
        title_lines = lines[: lines.index("   2 Short")]
        assert len(title_lines) > 1 and title_lines[0].startswith("▸  1 A very long")
        assert all(line.startswith("     ") and line.strip() for line in title_lines[1:])  # hanging indent
        assert " ".join(line[5:] for line in title_lines) == long
        app.query_one(SectionsPane).styles.width = 75
        await settle(pilot)
        assert pane_lines(app)[:2] == [f"▸  1 {long}", "   2 Short"]



async def test_a_section_opened_redraws_the_contents_rows_that_change_not_every_row(shipped_dataset, tmp_path, monkeypatch):
    """The highlight and the mark move from one row to another: those rows' lines are drawn again, and
    no other line of the contents (every line in view was drawn again for each section opened)."""
    drawn_lines: list[int] = []
    app = AnoraApp(shipped_dataset, state_path=tmp_path / "state.json")
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        contents = app.query_one(SectionsPane)
        render_line = SectionsPane.render_line

        def counted(self, y):
            if self is contents:
                drawn_lines.append(y + 1)  # below the border
            return render_line(self, y)

        def pane_strips() -> list[Strip]:
            region = contents.region
            return [strip.crop(region.x, region.right) for strip in screen_strips(app)[region.y : region.bottom]]

        monkeypatch.setattr(SectionsPane, "render_line", counted)
        before = pane_strips()
        await navigate(pilot, app, Location("section", shipped_dataset.sections[3].id))
        after = pane_strips()
        changed = {y for y, (old, new) in enumerate(zip(before, after)) if old != new}
        assert 2 <= len(changed) <= 4  # the rows of sections 1 and 4, a line or two each
        assert drawn_lines and set(drawn_lines) <= changed
