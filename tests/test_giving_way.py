"""Work made ahead on a background thread (the people's names, the palette's places) stops at its pause
points while a search is being typed, and goes on after a quiet spell; the reader's own thread never
waits there. What it makes is the same either way."""

from __future__ import annotations

import threading

from anora_tui.core.search import SearchIndexes, giving_way as giving_way_module
from anora_tui.core.search.giving_way import QUIET_SECONDS, give_way, giving_way


class FakeClock:
    """Time that moves only when slept; a key typed into the search at chosen moments of a sleep."""

    def __init__(self, indexes: SearchIndexes, keys_during_sleeps: list[float]) -> None:
        self.now = 1000.0
        self.slept: list[float] = []
        self._indexes = indexes
        self._keys = keys_during_sleeps

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        if seconds and self._keys:
            self.now += self._keys.pop(0)
            self._indexes.note_typing()
        else:
            self.now += seconds


def on_a_thread(work):
    done: list = []
    thread = threading.Thread(target=lambda: done.append(work()))
    thread.start()
    thread.join(10)
    assert done, "the work did not end"
    return done[0]


def with_clock(monkeypatch, dataset, keys=()) -> tuple[SearchIndexes, FakeClock]:
    indexes = SearchIndexes(dataset)
    clock = FakeClock(indexes, list(keys))
    monkeypatch.setattr(giving_way_module.time, "monotonic", clock.monotonic)
    monkeypatch.setattr(giving_way_module.time, "sleep", clock.sleep)
    monkeypatch.setattr(giving_way_module, "_last_key", [float("-inf")])
    return indexes, clock


def test_work_ahead_waits_while_keys_come_then_goes_on(monkeypatch, example_dataset):
    indexes, clock = with_clock(monkeypatch, example_dataset, keys=[0.5, 0.8])
    indexes.note_typing()  # at 1000.0
    clock.now += 0.25
    on_a_thread(give_way)
    # 0.75 s left; a key 0.5 s into it; 1 s from that, a key 0.8 s in; then a whole quiet second.
    assert [s for s in clock.slept if s] == [0.75, QUIET_SECONDS, QUIET_SECONDS]
    assert round(clock.now, 6) == 1000.25 + 0.5 + 0.8 + QUIET_SECONDS


def test_nothing_typed_the_work_only_lets_the_reader_run(monkeypatch, example_dataset):
    _, clock = with_clock(monkeypatch, example_dataset)
    assert on_a_thread(lambda: list(giving_way(range(10), every=3))) == list(range(10))
    assert clock.slept == [0, 0, 0]  # a pause point every 3 items, none waited


def test_the_readers_thread_never_waits(monkeypatch, example_dataset):
    indexes, clock = with_clock(monkeypatch, example_dataset, keys=[0.5])
    indexes.note_typing()
    assert list(giving_way(range(10), every=2)) == list(range(10))
    give_way()
    assert clock.slept == [0] * 6  # the lock let go at each pause point, no wait


def test_people_and_places_made_while_typing_are_the_same(example_dataset):
    typed, quiet = SearchIndexes(example_dataset), SearchIndexes(example_dataset)
    typed.note_typing()
    made_typed = on_a_thread(lambda: (typed.people, typed.places))
    made_quiet = (quiet.people, quiet.places)
    for query in ("mik", "yura", "ani", "baker"):
        assert made_typed[1].find(query, 15) == made_quiet[1].find(query, 15)
        assert made_typed[0].matching((query,)) == made_quiet[0].matching((query,))
