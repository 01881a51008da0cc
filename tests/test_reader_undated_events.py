"""An undated event reads as the article's words for when it happened wherever its date would be:
the bookmarks list, the palette (a bookmark and the event itself), the notice a bookmark gives, the
timeline's list and detail, and a person's events. (Every one of these already goes through
`timeline_layout.event_when`; this keeps them there. An undated event without such words reads
"undated".) At 80×24, 120×40 and 200×50."""

from __future__ import annotations

import pytest
from screen_reading import THREE_SIZES, widget_words, words
from ui_harness import navigate, notices, open_reader, screen_text, settle, wait_for

from anora_tui.core.navigation import Location
from anora_tui.ui.screens.bookmarks import BookmarksScreen

pytestmark = pytest.mark.usefixtures("quick_pilot")

EVENT = "wedding-videos"  # undated; the article: "At approximately 30 years old"


def seen(app, text: str) -> bool:
    return text in words(screen_text(app).replace("│", " "))


@THREE_SIZES
async def test_an_undated_event_shows_its_words_everywhere_its_date_would_be(shipped_dataset, size):
    event = shipped_dataset.events_by_id[EVENT]
    assert not event.dated and event.when
    async with open_reader(shipped_dataset, size, Location("event", EVENT), notifications=True) as (app, pilot):
        assert seen(app, event.when), "the timeline's detail"
        await pilot.press("B")
        await wait_for(pilot, lambda: any(f"Bookmarked: Event · {event.when}" in n for n in notices(app)))
        await pilot.press("apostrophe")
        await settle(pilot)
        assert isinstance(app.screen, BookmarksScreen) and seen(app, f"Event · {event.when} · {event.title}")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+p", *"lavish")
        await wait_for(pilot, lambda: seen(app, f"{event.title} — {event.when}"), message="the palette's event")
        assert seen(app, f"Bookmark: Event · {event.when}")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")  # the detail closed: the production list
        await settle(pilot)
        assert seen(app, event.when) and seen(app, event.title), "the timeline's list"
        await navigate(pilot, app, Location("person", "sean-baker"))
        await pilot.press("s")  # to the person's scenes and events
        await settle(pilot)
        await wait_for(pilot, lambda: f"{event.when} {event.title}" in widget_words(app, app.people),
                       message=lambda: widget_words(app, app.people))
