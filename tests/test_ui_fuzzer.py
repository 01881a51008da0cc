"""A UI fuzzer: random keys, bursts of keys, clicks and terminal sizes (1×1 to 200×60) thrown at the
reader, on the shipped article and on the hostile dataset. Any exception, or an exit nothing asked
for (q, Ctrl+Q or the palette's Quit), fails with the seed and the last actions, so the run can be replayed.

The suite runs a short fixed-seed pass. A long run is by hand, for example:

    ANORA_FUZZ_SEEDS=1,2,3,4 ANORA_FUZZ_ACTIONS=3000 .venv/bin/python -m pytest -q tests/test_ui_fuzzer.py

and one seed is replayed with `ANORA_FUZZ_SEEDS=<seed>` (the failure message prints the command).
"""

from __future__ import annotations

import os
import random
import string
from collections import deque
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual import events
from textual.command import CommandPalette
from textual.errors import NoWidget
from textual.pilot import OutOfBounds
from textual.widgets import Input, OptionList
from ui_harness import bound_keys, settle

from anora_tui.core.loading.loader import load_dataset
from anora_tui.paths import default_data_dir
from anora_tui.ui.app import AnoraApp
from anora_tui.ui.panes.people import PeoplePane
from anora_tui.ui.panes.person_detail import PersonDetail
from anora_tui.ui.panes.reading import ReadingPane
from anora_tui.ui.panes.sections import SectionsPane
from anora_tui.ui.panes.timeline import TimelinePane
from anora_tui.ui.screens.help import HelpScreen
from anora_tui.ui.screens.bookmarks import BookmarksScreen
from anora_tui.ui.screens.search import SearchBox, SearchScreen
from anora_tui.ui.widgets.link_list import LinkList

pytestmark = pytest.mark.usefixtures("quick_pilot")

HOSTILE_DATA_DIR = Path(__file__).parent / "data" / "hostile"
DATASETS = {"shipped": default_data_dir(), "hostile": HOSTILE_DATA_DIR}
SUITE_SEEDS = (20240612,)
SUITE_ACTIONS = 90  # per dataset and seed; a long run by hand sets ANORA_FUZZ_ACTIONS
QUIT_KEYS = {"q", "ctrl+q"}
SIZES_USED = [(80, 24), (120, 40), (200, 50), (160, 48), (100, 30)]  # the usual, between random ones


def binding_keys() -> list[str]:
    """Every key bound anywhere in the reader, its screens and the Textual widgets it uses."""
    keys: set[str] = set()
    for node_class in (
        AnoraApp, ReadingPane, LinkList, SectionsPane, PeoplePane, PersonDetail, TimelinePane,
        SearchScreen, SearchBox, BookmarksScreen, HelpScreen, CommandPalette, OptionList, Input,
    ):
        keys.update(bound_keys(node_class))
    return sorted(keys)


KEYS = sorted(
    set(binding_keys())
    | set(string.ascii_letters)
    | set(string.digits)
    | {"up", "down", "left", "right", "pageup", "pagedown", "home", "end", "tab", "shift+tab",
       "enter", "escape", "backspace", "slash", "n", "N", "space", "delete",
       "left_square_bracket", "right_square_bracket", "question_mark", "f1"}
    | {f"ctrl+{letter}" for letter in string.ascii_lowercase if letter not in "z"}  # ctrl+z suspends
)


@dataclass(frozen=True)
class Action:
    kind: str  # "keys" (pressed one at a time), "burst" (sent at once), "click", "resize"
    args: tuple

    def __str__(self) -> str:
        return f"{self.kind}{self.args!r}"


def random_action(chance: random.Random, size: tuple[int, int]) -> Action:
    roll = chance.random()
    if roll < 0.10:
        if chance.random() < 0.4:
            return Action("resize", chance.choice(SIZES_USED))
        return Action("resize", (chance.randint(1, 200), chance.randint(1, 60)))
    if roll < 0.20:
        width, height = size
        return Action("click", (chance.randrange(width), chance.randrange(height)))
    if roll < 0.30:
        return Action("burst", tuple(chance.choice(KEYS) for _ in range(chance.randint(2, 5))))
    key = chance.choice(KEYS)
    if key in QUIT_KEYS and chance.random() < 0.7:
        key = chance.choice(KEYS)  # a quit ends the session: rarer than other keys
    return Action("keys", (key,))


class Finding(AssertionError):
    pass


async def perform(pilot, app: AnoraApp, action: Action) -> None:
    if action.kind == "keys":
        await pilot.press(*action.args)
    elif action.kind == "burst":
        # All at once, as fast typing or a key repeat delivers them: no waiting for the screen
        # between keys, so a key can reach a widget before its first layout.
        for key in action.args:
            char = key if len(key) == 1 else None
            app.post_message(events.Key(key, char))
        await pilot.pause()
    elif action.kind == "click":
        try:
            await pilot.click(offset=action.args)
        except (NoWidget, OutOfBounds):
            pass  # Pilot's own check: the screen is not laid out at the new size yet, or is empty
    else:
        await pilot.resize_terminal(*action.args)


async def fuzz(dataset_name: str, seed: int, actions: int, tmp_path: Path) -> int:
    """Run `actions` random actions; returns how many sessions (starts of the reader) it took."""
    dataset = load_dataset(DATASETS[dataset_name])
    chance = random.Random(f"{dataset_name}:{seed}")
    state_path = tmp_path / f"{dataset_name}-{seed}" / "state.json"
    recent: deque[str] = deque(maxlen=25)
    done = sessions = 0
    size = (80, 24)

    def failure(what: str) -> Finding:
        replay = f"ANORA_FUZZ_SEEDS={seed} ANORA_FUZZ_ACTIONS={actions} pytest tests/test_ui_fuzzer.py -k {dataset_name}"
        return Finding(
            f"{what}\ndataset {dataset_name}, seed {seed}, action {done}; replay: {replay}\n"
            "last actions:\n  " + "\n  ".join(recent)
        )

    while done < actions:
        sessions += 1
        app = AnoraApp(dataset, data_dir=DATASETS[dataset_name], state_path=state_path)
        try:
            async with app.run_test(size=size) as pilot:
                await settle(pilot)
                while done < actions and app.is_running:
                    action = random_action(chance, size)
                    recent.append(f"{done}: {action} at {size[0]}x{size[1]} on {type(app.screen).__name__}")
                    done += 1
                    if action.kind == "resize":
                        size = action.args
                    await perform(pilot, app, action)
                    if app.crash_summary:
                        raise failure(f"the reader crashed: {app.crash_summary}")
                if app.is_running:
                    await settle(pilot)
        except Finding:
            raise
        except Exception as error:
            raise failure(f"{type(error).__name__}: {error}") from error
        if app.crash_summary:
            raise failure(f"the reader crashed: {app.crash_summary}")
        if not app.is_running and done < actions and not app.quitting:
            raise failure(f"the reader exited (status {app.return_code}) without being asked to quit")
        if app.return_code not in (None, 0):
            raise failure(f"the reader exited with status {app.return_code}")
    return sessions


def seeds() -> tuple[int, ...]:
    chosen = os.environ.get("ANORA_FUZZ_SEEDS")
    return tuple(int(seed) for seed in chosen.split(",")) if chosen else SUITE_SEEDS


@pytest.mark.parametrize("seed", seeds())
@pytest.mark.parametrize("dataset_name", sorted(DATASETS))
async def test_no_key_click_or_size_crashes_the_reader(dataset_name, seed, tmp_path):
    actions = int(os.environ.get("ANORA_FUZZ_ACTIONS", SUITE_ACTIONS))
    sessions = await fuzz(dataset_name, seed, actions, tmp_path)
    assert sessions >= 1


def test_the_fuzzer_presses_every_kind_of_key_the_issue_names():
    for key in ("pageup", "pagedown", "home", "end", "tab", "shift+tab", "enter", "escape", "backspace",
                "slash", "n", "N", "ctrl+p", "q", "4", "t", "a", "Z"):
        assert key in KEYS, key
