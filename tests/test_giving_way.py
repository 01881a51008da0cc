"""Work made ahead on a background thread (the people's names, the palette's places) stops at its pause
points while a search is being typed, and goes on after a quiet spell, or at once when the reader
needs what it makes; work no one asked to give way, and the reader's own thread, never wait there.
What it makes is the same either way."""

from __future__ import annotations

import threading
import time

from anora_tui.core.search import SearchIndexes, giving_way as giving_way_module
from anora_tui.core.search.giving_way import QUIET_SECONDS, give_way, giving_way, giving_way_to_typing


class FakeClock:
    """Time that moves only when slept; a key typed into the search at chosen moments."""

    def __init__(self, indexes: SearchIndexes, keys_at: list[float]) -> None:
        self.now = 1000.0
        self.slept: list[float] = []
        self._indexes = indexes
        self._keys_at = keys_at  # moments (clock time) at which a key is typed

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now = round(self.now + seconds, 6)
        while self._keys_at and self._keys_at[0] <= self.now:
            self._keys_at.pop(0)
            self._indexes.note_typing()


def on_a_thread(work):
    done: list = []
    thread = threading.Thread(target=lambda: done.append(work()))
    thread.start()
    thread.join(10)
    assert done, "the work did not end"
    return done[0]


def giving_way_on_a_thread(work):
    return on_a_thread(lambda: giving_way_body(work))


def giving_way_body(work):
    with giving_way_to_typing():
        return work()


def with_clock(monkeypatch, dataset, keys_at=()) -> tuple[SearchIndexes, FakeClock]:
    indexes = SearchIndexes(dataset)
    clock = FakeClock(indexes, list(keys_at))
    monkeypatch.setattr(giving_way_module.time, "monotonic", clock.monotonic)
    monkeypatch.setattr(giving_way_module.time, "sleep", clock.sleep)
    monkeypatch.setattr(giving_way_module, "_last_key", [float("-inf")])
    return indexes, clock


def test_work_ahead_waits_while_keys_come_then_goes_on(monkeypatch, example_dataset):
    indexes, clock = with_clock(monkeypatch, example_dataset, keys_at=[1000.5, 1001.3])
    indexes.note_typing()  # at 1000.0
    giving_way_on_a_thread(give_way)
    # Keys at 1000.0, 1000.5 and 1001.3; then a whole quiet second.
    assert clock.now == 1001.3 + QUIET_SECONDS
    assert clock.slept[-1] == 0  # then the interpreter's lock let go


def test_nothing_typed_the_work_only_lets_the_reader_run(monkeypatch, example_dataset):
    _, clock = with_clock(monkeypatch, example_dataset)
    assert giving_way_on_a_thread(lambda: list(giving_way(range(10), every=3))) == list(range(10))
    assert clock.slept == [0, 0, 0]  # a pause point every 3 items, none waited


def test_work_not_asked_to_give_way_and_the_readers_thread_never_wait(monkeypatch, example_dataset):
    indexes, clock = with_clock(monkeypatch, example_dataset, keys_at=[1000.5])
    indexes.note_typing()
    assert on_a_thread(lambda: list(giving_way(range(10), every=2))) == list(range(10))  # (an index a search waits for)
    assert list(giving_way(range(10), every=2)) == list(range(10))
    give_way()
    assert clock.slept == [0] * 11  # the lock let go at each pause point, no wait


def test_work_the_reader_waits_for_waits_no_more(example_dataset):
    """The search screen needs the people's names (a hint, `@name`) while they are read ahead and a
    search is being typed: the reading stops giving way, at once."""
    indexes = SearchIndexes(example_dataset)
    indexes.note_typing()
    started = threading.Event()

    def ahead() -> float:
        begun = time.monotonic()
        started.set()
        give_way(quiet=30.0)  # would wait half a minute
        return time.monotonic() - begun

    waited: list[float] = []
    thread = threading.Thread(target=lambda: waited.append(giving_way_body(ahead)))
    thread.start()
    started.wait(5)
    indexes.people  # noqa: B018  (the reader's thread asks for the names)
    thread.join(10)
    assert waited and waited[0] < 5


def asked_for_while_made_ahead(monkeypatch, dataset, name: str, making: str):
    """`name` asked for by the reader's side while a thread making it ahead gives way, in the middle
    of the making, to a search being typed: what the asker got, and the thread's wait."""
    indexes = SearchIndexes(dataset)
    indexes.note_typing()
    inside = threading.Event()
    original = getattr(SearchIndexes, making)

    def making_giving_way(self):
        inside.set()
        give_way(quiet=30.0)  # would wait half a minute
        return original(self)

    monkeypatch.setattr(SearchIndexes, making, making_giving_way)
    waited: list[float] = []

    def ahead() -> None:
        begun = time.monotonic()
        getattr(indexes, name)
        waited.append(time.monotonic() - begun)

    thread = threading.Thread(target=lambda: giving_way_body(ahead), daemon=True)
    thread.start()
    assert inside.wait(5)
    got = on_a_thread(lambda: getattr(indexes, name))  # the palette's worker thread asks (at most 10 s)
    thread.join(10)
    return got, waited


def test_places_being_made_ahead_are_made_at_once_when_the_palette_asks(monkeypatch, example_dataset):
    """The palette asks for the places while the thread making them ahead waits for a pause in the
    typing: the asking must reach that thread (Python 3.11's `cached_property` made the asker wait
    for the making before it could ask; at a million quotes a palette key waited 1.3 s)."""
    places, waited = asked_for_while_made_ahead(monkeypatch, example_dataset, "places", "_stored_places")
    assert places.find("reyes", 15)
    assert waited and waited[0] < 5


def test_names_being_read_ahead_are_read_at_once_when_the_search_asks(monkeypatch, example_dataset):
    people, waited = asked_for_while_made_ahead(monkeypatch, example_dataset, "people", "_stored_people")
    assert people.matching(("reyes",))
    assert waited and waited[0] < 5


def test_people_and_places_made_while_typing_are_the_same(example_dataset):
    typed, quiet = SearchIndexes(example_dataset), SearchIndexes(example_dataset)
    typed.note_typing()
    made_typed = giving_way_on_a_thread(lambda: (typed.people, typed.places))
    made_quiet = (quiet.people, quiet.places)
    for query in ("mik", "yura", "ani", "baker"):
        assert made_typed[1].find(query, 15) == made_quiet[1].find(query, 15)
        assert made_typed[0].matching((query,)) == made_quiet[0].matching((query,))


async def test_each_key_the_reader_presses_is_noted(monkeypatch, shipped_dataset, isolated_state):
    """Every key the reader presses holds work made ahead, as typing a search does: opening the palette
    and typing in it too."""
    from ui_harness import open_reader, settle, wait_for

    noted: list[str] = []
    monkeypatch.setattr(SearchIndexes, "note_typing", lambda self: noted.append("key"))
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen.has_class("-ready"))
        await settle(pilot)
        opened = len(noted)
        await pilot.press(*"mik", "backspace")
        await settle(pilot)
        assert opened >= 1  # Ctrl+P
        assert len(noted) - opened == 4


def test_only_a_call_for_what_is_being_made_ends_its_giving_way(monkeypatch):
    """Tab asked for the text's index while the people's names were read ahead: that ended their giving
    way too, and every text key after it shared the interpreter with them (p50 18 ms at 100,000 quotes,
    against 9). A call names what it needs; only the work making that stops giving way."""
    started, asked, ended = threading.Event(), threading.Event(), []
    monkeypatch.setattr(giving_way_module, "_last_key", [float("-inf")])  # put back after the test
    giving_way_module.note_typing()  # keys are coming: the work waits at its pause point

    def making_people() -> None:
        with giving_way_to_typing("people"):
            started.set()
            assert asked.wait(10)
            giving_way_module.wait_for_quiet(60.0)  # a minute of quiet asked: only a call ends it
            ended.append(time.monotonic())

    thread = threading.Thread(target=making_people)
    thread.start()
    assert started.wait(10)
    giving_way_module.wanted_now("text")  # another thing: the people's names go on giving way
    asked.set()
    time.sleep(0.3)
    assert not ended
    giving_way_module.wanted_now("people")
    thread.join(10)
    assert ended


def test_an_at_name_search_ends_the_giving_way_of_the_quotes_being_grouped(monkeypatch, example_dataset):
    """The reader groups a stored index's quotes by speaker ahead, giving way to typing; an `@name`
    typed meanwhile reads them: it ends their giving way rather than wait for the typing to stop."""
    from anora_tui.core.loading import cache_derived
    from anora_tui.core.search.quotes import QuoteIndex
    from anora_tui.core.search.stored import folded_to_plain, index_to_plain, quote_index_from_plain

    built = QuoteIndex(example_dataset)
    indexes = SearchIndexes(example_dataset)
    plain = cache_derived.decode(cache_derived.encode(index_to_plain(built)))
    stored = quote_index_from_plain(example_dataset, plain, lambda: indexes.people, lambda: folded_to_plain(built))
    indexes._stored_quote_index = lambda: stored  # as if the load cache held it
    assert indexes.quotes is stored and indexes.people
    grouping = threading.Event()
    group = QuoteIndex.positions_by_speaker
    monkeypatch.setattr(QuoteIndex, "positions_by_speaker", staticmethod(lambda dataset: grouping.set() or group(dataset)))
    monkeypatch.setattr(giving_way_module, "_last_key", [float("-inf")])  # put back after the test
    done_typing = threading.Event()

    def typing() -> None:  # a key every 50 ms for 30 s, unless the test ends before
        for _ in range(600):
            giving_way_module.note_typing()
            if done_typing.wait(0.05):
                return

    typist = threading.Thread(target=typing)
    typist.start()
    ahead = threading.Thread(target=lambda: reading_names_ahead(indexes))
    ahead.start()
    try:
        assert grouping.wait(10)
        found = stored.search("@mara").bits
        still_typing = typist.is_alive()
    finally:
        done_typing.set()
        typist.join(10)
        ahead.join(10)
    assert found == built.search("@mara").bits and found
    assert still_typing  # it did not wait for the typing to stop


def reading_names_ahead(indexes: SearchIndexes) -> None:
    with giving_way_to_typing("speakers"):
        indexes.group_speakers("quotes")


def test_a_call_ends_the_giving_way_of_what_it_needs_whichever_began_last(monkeypatch):
    """What each thread's work makes is its own: work begun after (the next App's, while the last
    one's was still ending, in the tests) no longer hid what the first one makes from a call for it."""
    monkeypatch.setattr(giving_way_module, "_last_key", [float("-inf")])  # put back after the test
    giving_way_module.note_typing()
    begun = {name: threading.Event() for name in ("people", "text")}
    ended: list[str] = []

    def making(name: str) -> None:
        with giving_way_to_typing(name):
            begun[name].set()
            giving_way_module.wait_for_quiet(60.0)  # only a call ends it
            ended.append(name)

    threads = {name: threading.Thread(target=making, args=(name,)) for name in begun}
    threads["people"].start()
    assert begun["people"].wait(10)
    threads["text"].start()
    assert begun["text"].wait(10)
    giving_way_module.wanted_now("people")
    threads["people"].join(10)
    time.sleep(0.2)
    assert ended == ["people"]
    giving_way_module.wanted_now("text")
    threads["text"].join(10)
    assert ended == ["people", "text"]
