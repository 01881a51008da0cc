"""A search's first key is a one-character term, the dearest to compute: a large dataset's reader
makes every one ahead, and keeps them."""

from __future__ import annotations

from anora_tui.core.search.indexes import SMALL
from anora_tui.core.search.text_index import FIRST_KEYS, TextIndex
from test_palette_scale import large_dataset
from ui_harness import WIDE, open_reader, wait_for

TEXTS = [
    "Money, money, money.", "It's a romantic comedy", "She said: 1999 was the year", "mom & me",
    "Ånother WORD", "x-ray z 7", "a", "", "q", "don't-stop 42nd",
]


def test_first_keys_made_ahead_are_what_a_key_computes():
    ahead, typed = TextIndex(TEXTS), TextIndex(TEXTS)
    ahead.prepare_first_keys()
    assert ahead.first_keys_ready and not typed.first_keys_ready
    for character in FIRST_KEYS:
        assert ahead.texts_with(character) == typed.texts_with(character), character


def test_first_keys_made_ahead_are_kept_whatever_is_searched_after(monkeypatch):
    index, fresh = TextIndex(TEXTS), TextIndex(TEXTS)
    pauses = []
    index.prepare_first_keys(lambda: pauses.append(1))
    assert len(pauses) >= len(FIRST_KEYS)  # work on a background thread gives way as it goes
    for n in range(200):  # more terms than the recent ones kept
        index.texts_with(f"w{n}")

    def computed(term):
        raise AssertionError(f"{term!r} computed again")

    monkeypatch.setattr(index, "_compute_term", computed)
    assert index.texts_with("m") == fresh.texts_with("m")


async def test_a_large_dataset_has_its_first_keys_made_ahead(isolated_state):
    dataset = large_dataset(20, quotes=SMALL + 1_000)
    async with open_reader(dataset, WIDE) as (app, pilot):
        await wait_for(pilot, lambda: app.search_indexes.is_built("quotes")
                       and app.search_indexes.quotes.text.first_keys_ready,
                       message="the first keys were never made ahead", timeout=30)
