"""Work made ahead in the background (the palette's places, the people's names) waits while a search
is being typed: sharing the interpreter with it made every key of the search take about twice as long.
The time of the last key is kept once, in `giving_way`: the wait before the work begins and its pause
points read the same record."""

from __future__ import annotations

import threading

from test_giving_way import giving_way_on_a_thread, with_clock
from test_search_screen import Host
from ui_harness import settle

from anora_tui.core.search import SearchIndexes, giving_way as giving_way_module
from anora_tui.core.search.giving_way import give_way, wait_for_quiet


def test_nothing_typed_nothing_waited(monkeypatch, example_dataset):
    _, clock = with_clock(monkeypatch, example_dataset)
    wait_for_quiet(1.0)
    assert clock.slept == []


def test_the_wait_ends_a_quiet_spell_after_the_last_key(monkeypatch, example_dataset):
    indexes, clock = with_clock(monkeypatch, example_dataset, keys_at=[1000.65, 1001.35])
    indexes.note_typing()  # at 1000.0
    clock.now += 0.25
    giving_way_on_a_thread(lambda: wait_for_quiet(1.0))
    # Keys at 1000.0, 1000.65 and 1001.35; then 1 s of quiet.
    assert clock.now == 1001.35 + 1.0


def test_a_key_noted_by_the_indexes_holds_the_pause_points_too(monkeypatch, example_dataset):
    """One record of the last key: what the search screen notes (through its indexes) is what the work
    made ahead waits on, before it begins and at each pause point."""
    indexes, clock = with_clock(monkeypatch, example_dataset)
    indexes.note_typing()  # at 1000.0
    giving_way_on_a_thread(lambda: (wait_for_quiet(1.0), give_way(1.0)))
    assert clock.now == 1001.0
    assert clock.slept[-1] == 0  # the pause point found the quiet second passed, and let the lock go


def test_the_wait_to_begin_ends_when_the_reader_wants_the_work(monkeypatch, example_dataset):
    """Waiting to begin is waiting at a pause point: the reader's thread asking for what the work makes
    ends it (it used to wait the quiet second out whatever)."""
    indexes, clock = with_clock(monkeypatch, example_dataset)
    indexes.note_typing()
    asking: list[threading.Thread] = []

    def sleep_then_ask(seconds: float) -> None:
        clock.sleep(seconds)
        if not asking:  # the reader's thread asks for the names while the work waits to begin
            asking.append(threading.Thread(target=lambda: indexes.people))
            asking[0].start()
            asking[0].join(10)

    monkeypatch.setattr(giving_way_module.time, "sleep", sleep_then_ask)
    giving_way_on_a_thread(lambda: wait_for_quiet(30.0))
    assert clock.now < 1001.0  # not the 30 s


async def test_each_key_typed_into_the_search_is_noted(monkeypatch, example_dataset):
    noted: list[str] = []
    monkeypatch.setattr(SearchIndexes, "note_typing", lambda self: noted.append("key"))
    app = Host(example_dataset)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"fer", "backspace")
        await settle(pilot)
    assert noted == ["key"] * 4
