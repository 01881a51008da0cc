"""A dataset whose source has no headings (`headings: editor`, as the shipped article) shows its
section titles as the editor's: in square brackets over the text, "titles by the editor" under the
contents. One with headings of its own (the example dataset) shows them as they are."""

from __future__ import annotations

from screen_reading import THREE_SIZES, widget_lines
from ui_harness import open_reader, screen_lines, settle

from anora_tui.core.model import Dataset


@THREE_SIZES
async def test_the_editors_titles_are_marked_as_the_editors(shipped_dataset: Dataset, isolated_state, size) -> None:
    assert shipped_dataset.article.headings == "editor"
    first = shipped_dataset.sections[0].title
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await settle(pilot)
        shown = [line.strip() for line in widget_lines(app, app.reading)]
        assert f"[{first}]" in shown, shown
        if app.contents.display:
            assert "titles by the editor" in "\n".join(screen_lines(app))
        await pilot.press("1")  # the contents, where it is hidden behind the text at 80×24
        await settle(pilot)
        assert "titles by the editor" in "\n".join(screen_lines(app))


async def test_a_sources_own_headings_are_shown_as_they_are(example_dataset: Dataset, isolated_state) -> None:
    assert example_dataset.article.headings == "source"
    first = example_dataset.sections[0].title
    async with open_reader(example_dataset, (120, 40)) as (app, pilot):
        await settle(pilot)
        shown = [line.strip() for line in widget_lines(app, app.reading)]
        assert first in shown and f"[{first}]" not in shown, shown
        assert "titles by the editor" not in "\n".join(screen_lines(app))
