"""The lines an open draws are freed as soon as nothing holds them, not left for the collector's full
pass: a line drawn whole (`pieces_of`: `Strip.divide` kept it in its own cache) and the lists' caches
of lines, cleared as a list is given new rows (`RecentCache`: Textual's `LRUCache` drops a ring of
linked entries), were cyclic garbage, and the full pass that freed them fell on every sixth to eighth
open from one pane to another, 15-40 ms of it."""

from __future__ import annotations

import gc
import sys
import weakref

from textual.strip import Strip
from ui_harness import WIDE, navigate, open_reader
from rich.segment import Segment

from anora_tui.core.navigation import Location
from anora_tui.ui.textual_private import pieces_of
from anora_tui.ui.widgets.recent_cache import RecentCache


def cyclic_strips() -> list[Strip]:
    """The strips that only a full pass of the collector frees, now (the garbage freed meanwhile)."""
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        gc.collect()
        return [thing for thing in gc.garbage if isinstance(thing, Strip)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


async def test_opening_from_pane_to_pane_leaves_no_line_in_a_cycle(shipped_dataset):
    dataset = shipped_dataset
    gc.collect()
    gc.disable()
    try:
        async with open_reader(dataset, WIDE) as (app, pilot):
            cyclic_strips()  # what the start left
            for person, scene, section in zip(dataset.people[:3], dataset.scenes[:3], dataset.sections[1:]):
                await navigate(pilot, app, Location("person", person.id))
                await navigate(pilot, app, Location("section", section.id))
                await navigate(pilot, app, Location("scene", scene.id))
                await navigate(pilot, app, Location("section", dataset.sections[0].id))
            assert cyclic_strips() == []
    finally:
        gc.enable()


def test_a_strip_left_whole_is_not_kept_by_itself():
    strip = Strip([Segment("one line")])
    assert pieces_of(strip, [strip.cell_length]) == [strip]
    assert sys.getrefcount(strip) == 2  # the name here and the call's argument: no cache of its own holds it
    assert [piece.text for piece in pieces_of(strip, [3, 8])] == ["one", " line"]


class Value:
    pass


def test_the_recent_cache_drops_the_least_recently_used_and_frees_what_it_drops_at_once():
    cache: RecentCache[str, Value] = RecentCache(2)
    values = {key: Value() for key in "abc"}
    freed = {key: weakref.ref(value) for key, value in values.items()}
    gc.disable()
    try:
        cache["a"], cache["b"] = values["a"], values["b"]
        assert cache.get("a") is values["a"]  # read: now the most recent
        cache["c"] = values["c"]
        assert list(cache.keys()) == ["a", "c"] and "b" not in cache and len(cache) == 2
        assert cache.get("b", None) is None
        cache.discard("a")
        assert list(cache.keys()) == ["c"]
        values.clear()
        assert freed["a"]() is None and freed["b"]() is None
        cache.clear()
        assert freed["c"]() is None and len(cache) == 0
    finally:
        gc.enable()
