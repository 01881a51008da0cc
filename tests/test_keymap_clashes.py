"""A keymap that gives a binding a key another binding already has where both apply is applied, with
one line per clash naming the file, the line, both bindings and which of them the key runs there;
keys two bindings share by design (Back and "nowhere to go back to") are no clash."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_config import THEMES, config_in, toast_text
from ui_harness import settle

from anora_tui.core.config import KeyPlace, keymap_clashes, read_config
from anora_tui.ui.app import AnoraApp
from anora_tui.ui.keymapping import BindingIds


@pytest.fixture(scope="module")
def known(shipped_dataset) -> BindingIds:
    return BindingIds(AnoraApp(shipped_dataset))


def problems_of(tmp_path: Path, known: BindingIds, text: str) -> tuple[dict, list[str]]:
    path = config_in(tmp_path, text)
    config = read_config(path, known, THEMES)
    prefix = f"{path}:"
    assert all(problem.startswith(prefix) for problem in config.problems)
    return config.keymap, [problem[len(prefix):] for problem in config.problems]


def test_quit_on_j_clashes_with_moving_down_in_the_text_and_the_lists(tmp_path, known):
    keymap, problems = problems_of(tmp_path, known, '[keymap]\n"app.quit" = "j"\n')
    assert keymap == {"app.quit": "j"}  # applied
    assert "2: 'j' for 'app.quit' is also the key of 'list.down' (Down) in lists, which keeps it there; " \
           "applied elsewhere" in problems
    assert "2: 'j' for 'app.quit' is also the key of 'reading.scroll-down' (Down) in the reading pane, which " \
           "keeps it there; applied elsewhere" in problems


def test_the_readme_example_of_the_issue_clashes_with_the_people_filter(tmp_path, known):
    # Written without quotes, as the issue wrote it: TOML reads a table `app`; its id is still app.search.
    keymap, problems = problems_of(tmp_path, known, '[keymap]\napp.search = "slash,ctrl+f"\n')
    assert keymap == {"app.search": "slash,ctrl+f"}
    # Search is a priority key (it opens as `/` comes, before the letters after it reach the panes):
    # given the People filter's key, it wins there too, and the line says so.
    assert problems == ["2: 'ctrl+f' for 'app.search' is also the key of 'people.filter' (Filter) in the People "
                        "pane; applied, and there it no longer does 'Filter'"]


def test_the_readmes_example_settings_have_no_clash(tmp_path, known):
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    keymap, problems = problems_of(tmp_path, known, example)
    assert problems == [] and set(keymap) == {"app.search", "reading.next-section"}


@pytest.mark.parametrize(
    "text",
    [
        '[keymap]\n"app.back" = "b,x"\n',  # app.no-back has b too, by design
        '[keymap]\n"reading.next-section" = "right,l,full_stop"\n',  # so has reading.no-next-section
        '[keymap]\n"app.search" = "f3"\n',
        '[keymap]\n"timeline.switch-track" = "s"\n',  # a person's detail has s, but not in the timeline
    ],
)
def test_keys_shared_by_design_or_in_other_places_are_no_clash(tmp_path, known, text):
    assert problems_of(tmp_path, known, text)[1] == []


def test_a_priority_key_takes_it_first(tmp_path, known):
    _keymap, problems = problems_of(tmp_path, known, '[keymap]\n"list.down" = "ctrl+q"\n')
    assert problems == ["2: 'ctrl+q' for 'list.down' is also the key of 'app.quit-anywhere' (Quit) in lists, "
                        "which takes it first: applied, but 'list.down' never gets it there"]
    _keymap, problems = problems_of(tmp_path, known, '[keymap]\n"app.quit-anywhere" = "j"\n')
    assert "2: 'j' for 'app.quit-anywhere' is also the key of 'list.down' (Down) in lists; applied, and " \
           "there it no longer does 'Down'" in problems


def test_an_inner_key_wins_over_one_that_works_everywhere(tmp_path, known):
    _keymap, problems = problems_of(tmp_path, known, '[keymap]\n"reading.next-section" = "n"\n')
    assert "2: 'n' for 'reading.next-section' is also the key of 'app.next-match' (Match) in the reading " \
           "pane; applied, and there it no longer does 'Match'" in problems


def test_two_keys_moved_onto_each_other_clash_with_their_new_keys(tmp_path, known):
    _keymap, problems = problems_of(tmp_path, known, '[keymap]\n"app.zen" = "f3"\n"app.search" = "f3"\n')
    assert any(problem.startswith("2: 'f3' for 'app.zen' is also the key of 'app.search'") for problem in problems)
    assert any(problem.startswith("3: 'f3' for 'app.search' is also the key of 'app.zen'") for problem in problems)


def test_a_modal_screen_only_meets_priority_keys(tmp_path, known):
    # The help screen scrolls with j; app.quit (not a priority key) never reaches it: no clash there.
    _keymap, problems = problems_of(tmp_path, known, '[keymap]\n"app.quit" = "j"\n')
    assert not any("help screen" in problem for problem in problems), problems
    _keymap, problems = problems_of(tmp_path, known, '[keymap]\n"app.quit-anywhere" = "j"\n')
    assert "2: 'j' for 'app.quit-anywhere' is also the key of 'help.scroll-down' (Scroll) on the help screen; " \
           "applied, and there it no longer does 'Scroll'" in problems


def test_places_apart_never_clash():
    reading = KeyPlace("in the reading pane", 1, (("reading.x", ("x",), "X", False),))
    timeline = KeyPlace("in the timeline", 1, (("timeline.y", ("y",), "Y", False),))
    assert keymap_clashes({"reading.x": "y"}, [reading, timeline]) == []


async def test_the_reader_shows_a_clash_as_a_notice_and_applies_the_key(shipped_dataset, tmp_path):
    path = config_in(tmp_path, '[keymap]\n"app.search" = "slash,ctrl+f"\n')
    app = AnoraApp(shipped_dataset, state_path=tmp_path / "state.json", config_path=path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        inside = toast_text(app)
        assert "".join(f"{path}:2: 'ctrl+f' for 'app.search' is also the key of 'people.filter'".split()) in inside
        assert app.keymap_in_force == {"app.search": "slash,ctrl+f"}
