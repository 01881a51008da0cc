"""Work made ahead in the background (the palette's places, the people's names) waits while a search
is being typed: sharing the interpreter with it made every key of the search take about twice as long."""

from __future__ import annotations

from test_search_screen import Host
from ui_harness import settle

from anora_tui.core.search import SearchIndexes, indexes as indexes_module


class FakeClock:
    def __init__(self, indexes: SearchIndexes, typed_during_sleep: list[float]) -> None:
        self.now = 100.0
        self.slept: list[float] = []
        self._indexes = indexes
        self._typed_during_sleep = typed_during_sleep  # seconds into each sleep at which a key comes

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        if self._typed_during_sleep:
            self.now += self._typed_during_sleep.pop(0)
            self._indexes.note_typing()
        else:
            self.now += seconds


def with_clock(monkeypatch, dataset, typed_during_sleep=()) -> tuple[SearchIndexes, FakeClock]:
    indexes = SearchIndexes(dataset)
    clock = FakeClock(indexes, list(typed_during_sleep))
    monkeypatch.setattr(indexes_module.time, "monotonic", clock.monotonic)
    monkeypatch.setattr(indexes_module.time, "sleep", clock.sleep)
    return indexes, clock


def test_nothing_typed_nothing_waited(monkeypatch, example_dataset):
    indexes, clock = with_clock(monkeypatch, example_dataset)
    indexes.wait_for_quiet(1.0)
    assert clock.slept == []


def test_the_wait_ends_a_quiet_spell_after_the_last_key(monkeypatch, example_dataset):
    indexes, clock = with_clock(monkeypatch, example_dataset, typed_during_sleep=[0.4, 0.7])
    indexes.note_typing()  # at 100.0
    clock.now += 0.25
    indexes.wait_for_quiet(1.0)
    # 0.75 s left, a key at 100.65; 1 s from it, a key at 101.35; then 1 s of quiet.
    assert clock.slept == [0.75, 1.0, 1.0]
    assert round(clock.now, 6) == 102.35


async def test_each_key_typed_into_the_search_is_noted(monkeypatch, example_dataset):
    noted: list[str] = []
    monkeypatch.setattr(SearchIndexes, "note_typing", lambda self: noted.append("key"))
    app = Host(example_dataset)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"fer", "backspace")
        await settle(pilot)
    assert noted == ["key"] * 4
