"""Where the source has no headings (`headings: editor`, as in the shipped article) a section's title is
the editor's, and it is in square brackets wherever the reader names a section by number: search
results, a person's quotes and mentions, a scene's sections, bookmarks, the `quotes` command, as the
reading pane's title over the text does. One label (`core.quoting.section_label`) for all of them."""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_timeline_pane import link_rows
from ui_harness import navigate, open_reader, screen_lines, settle, wait_for, widget_words

from anora_tui.core.bookmarks import describe
from anora_tui.core.navigation import Location
from anora_tui.core.quoting import place_label, section_label

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)], ids=["80x24", "120x40", "200x50"])


def test_the_label_has_brackets_only_for_the_editors_titles(shipped_dataset):
    section = shipped_dataset.sections[3]
    assert shipped_dataset.article.headings == "editor"
    assert section_label(shipped_dataset, section) == f"§4 [{section.title}]"
    assert place_label(shipped_dataset, section.id, 6) == f"§4 [{section.title}] ¶6"
    assert describe(shipped_dataset, Location("section", section.id, 2)).where == f"§4 [{section.title}] ¶2"
    sources = replace(shipped_dataset, article=replace(shipped_dataset.article, headings="source"))
    assert place_label(sources, section.id, 6) == f"§4 {section.title} ¶6"


@SIZES
async def test_search_results_name_the_editors_titles_in_brackets(shipped_dataset, size):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        app.open_search("anamorphic", "quotes")
        await settle(pilot)
        await wait_for(pilot, lambda: "§4" in widget_words(app, app.screen))
        words = widget_words(app, app.screen)
        assert "§4 [Becoming Ani]" in words  # (its ¶ can be cut off at 80 columns)
        assert "§4 Becoming Ani" not in words


@SIZES
async def test_a_person_and_a_scene_name_the_editors_titles_in_brackets(shipped_dataset, size):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await navigate(pilot, app, Location("person", "yuri-borisov"))
        links = app.query_one("#person-links")
        await pilot.press("end")
        await wait_for(pilot, lambda: "§12" in widget_words(app, links))
        assert "§12 [The drive home]" in widget_words(app, links)
        await navigate(pilot, app, Location("scene", "strip-club-opening"))
        await wait_for(pilot, lambda: "Discussed in" in link_rows(app.timeline))
        rows = link_rows(app.timeline)
        assert rows[rows.index("Discussed in") + 1] == "§4 [Becoming Ani]"


@SIZES
async def test_the_reading_panes_title_has_the_editors_title_in_brackets(shipped_dataset, size):
    """The pane's running head names the section as the text under it does: in brackets, the editor's."""
    section = shipped_dataset.sections[3]
    async with open_reader(shipped_dataset, size, Location("section", section.id)) as (app, pilot):
        assert str(app.reading.border_title) == f"Reading · [{section.title}]"
        assert f"Reading · [{section.title}]" in "\n".join(screen_lines(app))
