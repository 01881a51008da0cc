"""The story track's caption, the film's runtime with the note on where it comes from, is read whole
at every size: it wraps in the pane instead of being cut with an ellipsis (a tooltip is no way for a
keyboard reader to see the rest)."""

from __future__ import annotations

import pytest
from screen_reading import THREE_SIZES, widget_words
from ui_harness import open_reader, settle


pytestmark = pytest.mark.usefixtures("quick_pilot")


@THREE_SIZES
async def test_the_runtime_note_is_shown_whole(shipped_dataset, size):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await pilot.press("4")
        await settle(pilot)
        caption = app.query_one("#timeline-caption")
        note = shipped_dataset.article.film_runtime_note
        assert note.endswith("139 minutes is the film's released running time.")
        shown = widget_words(app, caption)
        assert shown == f"Anora · 139 min · {note}"
        assert "…" not in shown
        assert app.timeline.strip.region.y >= caption.region.bottom  # the strip below it, not over it
