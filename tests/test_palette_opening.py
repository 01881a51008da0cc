"""Ctrl+P draws the palette once: its box and the first list together, in one frame (the list's
scrollbar may follow in one of its own); and the palette is not restyled whole as it opens for classes it could be
born with (its size classes) or the first list gives it."""

from __future__ import annotations

import asyncio

import pytest
from textual.command import CommandList
from textual.css.stylesheet import Stylesheet

from anora_tui.ui.screens.palette import ReaderPalette
from ui_harness import frames_sent, open_reader, screen_text, settle, wait_for

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)], ids=["80x24", "120x40", "200x50"])
FIRST_PLACE = "Person: Mikey Madison"  # the first place listed before anything is typed


def frames_of_palette(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """From now on, the text of each frame a palette sends to the terminal."""
    return frames_sent(monkeypatch, ReaderPalette)


def without(text: str, region) -> str:
    """`text` with the cells of `region` blanked."""
    lines = text.splitlines()
    for y in range(region.y, min(region.bottom, len(lines))):
        line = lines[y].ljust(region.right)
        lines[y] = line[: region.x] + " " * region.width + line[region.right:]
    return "\n".join(lines)


@SIZES
async def test_the_palette_opens_in_one_frame_with_its_list(shipped_dataset, isolated_state, size,
                                                                          monkeypatch):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        frames = frames_of_palette(monkeypatch)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen.has_class("-ready"))
        await settle(pilot)
        hits = app.screen.query_one(CommandList)
        assert hits.show_vertical_scrollbar  # every place is listed: more than fit
        # The first frame is the palette as it stays (its scrollbar aside, which may come in a frame
        # of its own: the rows keep their width): no frame of the dimmed reader alone, nor of the
        # list drawn at another width (later frames are the scrollbar and the cursor blinking).
        bar = hits.vertical_scrollbar.region
        assert frames and without(frames[0], bar) == without(screen_text(app), bar)
        assert FIRST_PLACE in frames[0]
        await pilot.press(*"yur")
        await wait_for(pilot, lambda: "Person: Yuri Borisov" in screen_text(app))


@SIZES
async def test_opening_restyles_the_palette_whole_once(shipped_dataset, isolated_state, size, monkeypatch):
    """Only for its box shown with its first list (Textual's `-ready`): not again for the size classes
    its first Resize brings, nor for its first resume, nor for the list's classes."""
    async with open_reader(shipped_dataset, size) as (app, pilot):
        whole: list[int] = []
        update_nodes = Stylesheet.update_nodes

        def counted(stylesheet, nodes, animate=False):
            nodes = list(nodes)
            if any(isinstance(node, ReaderPalette) for node in nodes):
                whole.append(len(nodes))
            return update_nodes(stylesheet, nodes, animate=animate)

        monkeypatch.setattr(Stylesheet, "update_nodes", counted)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen.has_class("-ready"))
        await settle(pilot)
        palette = app.screen
        assert len(whole) <= 2, f"the palette was restyled whole {len(whole)} times as it opened"
        # Its size classes are the ones the reader's screen has (the App's breakpoints).
        size_classes = {"-tiny", "-narrow", "-medium", "-wide", "-short", "-tall"}
        assert palette.classes & size_classes == app.screen_stack[0].classes & size_classes


async def test_a_provider_that_makes_the_first_list_wait_does_not_hold_the_palette_back(
        shipped_dataset, isolated_state, monkeypatch):
    """The first frame waits for the first list only for a moment: meanwhile the reader is shown
    dimmed, as Textual's palette shows it, and the list comes when the provider answers."""
    from textual.command import DiscoveryHit, Provider

    from anora_tui.ui.app import AnoraApp

    answer = asyncio.Event()

    class Waiting(Provider):
        async def discover(self):
            await answer.wait()
            yield DiscoveryHit("Waited for", lambda: None)

        async def search(self, query: str):
            return
            yield

    monkeypatch.setattr(AnoraApp, "COMMANDS", AnoraApp.COMMANDS | {Waiting})
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        frames = frames_of_palette(monkeypatch)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: frames, message="no frame while the provider made the list wait")
        assert not app.screen.has_class("-ready")
        answer.set()
        await wait_for(pilot, lambda: FIRST_PLACE in screen_text(app))
        hits = app.screen.query_one(CommandList)
        assert any(str(hits.get_option_at_index(i).prompt) == "Waited for" for i in range(hits.option_count))


async def test_the_places_are_made_after_the_palettes_first_frame(shipped_dataset, isolated_state, monkeypatch):
    """Where they are not made yet (a large dataset, before the work ahead reached them), the palette
    asks for them once it is drawn: made beside its first frame, they took half the interpreter from
    it (100-170 ms instead of 62 at a million quotes). Its first key still finds them."""
    from anora_tui.core.search.indexes import SearchIndexes

    monkeypatch.setattr(SearchIndexes, "places_are_cheap", lambda self: False)
    made = SearchIndexes.places
    frames_when_asked: list[int] = []
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        frames = frames_of_palette(monkeypatch)

        def asked(indexes):
            frames_when_asked.append(len(frames))
            return made.fget(indexes)

        monkeypatch.setattr(SearchIndexes, "places", property(asked))
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen.has_class("-ready") and frames_when_asked)
        assert frames_when_asked[0] >= 1 and FIRST_PLACE in frames[0]
        await pilot.press(*"yur")
        await wait_for(pilot, lambda: "Person: Yuri Borisov" in screen_text(app))
