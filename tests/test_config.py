"""The user's settings file: keys remapped by binding id, the starting theme, and every way the file
can be wrong (one line naming the file, line and problem; the reader starts with the defaults)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from ui_harness import NARROW, palette, screen_text, settle, wait_for

from anora_tui.core.config import problems_listed, read_config
from anora_tui.ui.app import AnoraApp
from anora_tui.ui.screens.help import HelpScreen
from anora_tui.ui.screens.search import SearchScreen

IDS = {"app.search", "app.help", "reading.next-section"}
THEMES = {"textual-dark", "gruvbox"}


def toast_text(app) -> str:
    """The one notice on screen, as drawn, without its spaces (the lines wrap anywhere)."""
    (toast,) = app.screen.query("Toast")
    region = toast.region
    rows = screen_text(app).splitlines()[region.y : region.bottom]
    return "".join("".join(row[region.x : region.right].strip(" ▌").split()) for row in rows)


def config_in(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "config.toml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_a_missing_file_is_no_settings_and_no_problem(tmp_path):
    config = read_config(tmp_path / "config.toml", IDS, THEMES)
    assert (config.theme, config.keymap, config.problems) == (None, {}, ())


def test_a_good_file_gives_its_theme_and_keys(tmp_path):
    path = config_in(tmp_path, 'theme = "gruvbox"\n[keymap]\n"app.search" = "ctrl+f, slash"\n')
    config = read_config(path, IDS, THEMES)
    assert config.theme == "gruvbox"
    assert config.keymap == {"app.search": "ctrl+f,slash"}
    assert config.problems == ()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('theme = "gruvbox"\n[keymap\n', 2, "the file is ignored"),  # TOML syntax
        ('theme = \n', 1, "the file is ignored"),
        ('theme = "nope"\n', 1, "unknown theme 'nope'"),
        ("theme = 3\n", 1, "'theme' must be a string"),
        ('colour = "red"\n', 1, "unknown setting 'colour'"),
        ('keymap = "x"\n', 1, "'keymap' must be a table"),
        ('[keymap]\n"app.search" = "ctrl+f"\n"app.serch" = "f2"\n', 3, "unknown binding id 'app.serch'"),
        ('[keymap]\n"app.search" = 5\n', 2, "must be a string"),
        ('[keymap]\n"app.search" = ""\n', 2, "must be a string"),
        ('[keymap]\n"app.help" = "ctrl + f"\n', 2, "'ctrl + f' is not a key name"),
        # Textual calls "." full_stop: "period" was accepted and never pressed (the README's own example)
        ('[keymap]\n"reading.next-section" = "right,l,period"\n', 2, "'period' is not a key name (did you mean 'full_stop'?)"),
        ('[keymap]\n"app.help" = "ctrl+esc"\n', 2, "'ctrl+esc' is not a key name (did you mean 'ctrl+escape'?)"),
        ('[keymap]\n"app.help" = "f25"\n', 2, "'f25' is not a key name"),
        ('[keymap]\n"app.help" = "cmd+h"\n', 2, "'cmd+h' is not a key name"),
    ],
    ids=["syntax", "no-value", "unknown-theme", "theme-type", "unknown-setting", "keymap-type",
         "unknown-id", "keys-type", "empty-keys", "bad-key-name", "period", "esc", "f25", "cmd"],
)
def test_each_problem_is_one_line_naming_file_and_line(tmp_path, text, line, message):
    path = config_in(tmp_path, text)
    config = read_config(path, IDS, THEMES)
    assert len(config.problems) == 1, config.problems
    problem = config.problems[0]
    assert problem.startswith(f"{path}:{line}: "), problem
    assert message in problem and "\n" not in problem


def test_a_bad_entry_leaves_the_good_ones_in_force(tmp_path):
    path = config_in(tmp_path, '[keymap]\n"app.serch" = "f2"\n"app.help" = "f3"\n')
    config = read_config(path, IDS, THEMES)
    assert config.keymap == {"app.help": "f3"}
    assert len(config.problems) == 1


def test_not_utf8_names_the_line(tmp_path):
    path = config_in(tmp_path, b'theme = "gruvbox"\n# caf\xe9\n')
    config = read_config(path, IDS, THEMES)
    assert config.problems == (f"{path}:2: not UTF-8 text; not read",)


def test_a_directory_in_its_place_is_one_line(tmp_path):
    (tmp_path / "config.toml").mkdir()
    config = read_config(tmp_path / "config.toml", IDS, THEMES)
    assert len(config.problems) == 1 and config.problems[0].startswith(f"{tmp_path / 'config.toml'}: ")


def test_control_characters_in_the_file_never_reach_a_message(tmp_path):
    path = config_in(tmp_path, 'theme = "\\u001b]0;owned\\u0007"\n')
    (problem,) = read_config(path, IDS, THEMES).problems
    assert "\x1b" not in problem and "\x07" not in problem


# --- in the reader --------------------------------------------------------------------------------


async def test_a_remapped_key_works_and_the_help_shows_it(shipped_dataset, tmp_path):
    path = config_in(tmp_path, '[keymap]\n"app.search" = "ctrl+f"\n')
    app = AnoraApp(shipped_dataset, state_path=tmp_path / "state.json", config_path=path)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("slash")  # no longer search
        await settle(pilot)
        assert not isinstance(app.screen, SearchScreen)
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = screen_text(app)
        search_rows = [line for line in text.splitlines() if "(app.search)" in line]
        assert search_rows and "^f" in search_rows[0] and "/" not in search_rows[0].split("(app.search)")[0], text


async def test_the_settings_theme_is_the_starting_theme(shipped_dataset, tmp_path):
    path = config_in(tmp_path, 'theme = "gruvbox"\n')
    app = AnoraApp(shipped_dataset, state_path=tmp_path / "state.json", config_path=path)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert app.theme == "gruvbox"


async def test_a_bad_file_is_named_and_the_reader_starts_with_the_defaults(shipped_dataset, tmp_path):
    path = config_in(tmp_path, '[keymap]\n"app.nosuch" = "ctrl+f"\n')
    app = AnoraApp(shipped_dataset, state_path=tmp_path / "state.json", config_path=path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        inside = toast_text(app)
        assert "".join(f"{path}:2: unknown binding id 'app.nosuch'".split()) in inside, inside
        await pilot.press("slash")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))


def test_every_binding_of_the_reader_has_an_id():
    """Every `Binding(...)` in the reader's code names an id, so a keymap can reach it."""
    import ast

    import anora_tui

    missing = []
    for path in sorted(Path(anora_tui.__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Binding":
                if not any(keyword.arg == "id" for keyword in node.keywords):
                    missing.append(f"{path.name}:{node.lineno}")
    assert not missing, missing


async def test_every_id_a_keymap_may_name_is_known_to_the_reader(shipped_dataset, tmp_path):
    app = AnoraApp(shipped_dataset, state_path=tmp_path / "state.json")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        ids = app.binding_ids()
    assert {"app.search", "app.back", "reading.next-section", "list.open", "help.close"} <= ids


def test_paths_says_where_the_settings_live(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "anora_tui", "paths"], capture_output=True, text=True, check=True
    )
    lines = dict(line.split(": ", 1) for line in result.stdout.splitlines())
    assert lines["settings"].endswith("anora-tui/config.toml")
    assert set(lines) == {"settings", "state", "cache", "data"}


def test_modifiers_are_put_in_the_order_textual_names_them(tmp_path):
    path = config_in(tmp_path, '[keymap]\n"app.help" = "shift+ctrl+f2, ctrl+shift+hyper+q, ctrl+ctrl+h"\n')
    config = read_config(path, IDS, THEMES)
    assert config.problems == ()
    assert config.keymap == {"app.help": "ctrl+shift+f2,ctrl+hyper+shift+q,ctrl+h"}


def test_every_key_textual_sends_is_a_key_name():
    """The names a keymap may use are the names Textual gives the keys it reads (`.` is full_stop)."""
    import string

    from textual.keys import Keys, _character_to_key  # noqa: PLC0415 - the names a keymap must match

    from anora_tui.core.config import is_key_name

    characters = [_character_to_key(c) for c in string.printable if c.isprintable()]
    named = [key.value for key in Keys if "+" not in key.value and not key.value.startswith("<") and key.value != "ctrl-at"]
    assert [key for key in characters + named if not is_key_name(key)] == []
    assert [key for key in ("ctrl+f", "shift+tab", "alt+left", "N", "full_stop") if not is_key_name(key)] == []
    with_modifiers = [key.value.split("+")[:-1] for key in Keys if key.value.count("+") >= 2]
    assert with_modifiers and all(modifiers == sorted(modifiers) for modifiers in with_modifiers)  # the order kept


def test_the_readmes_example_settings_have_no_problem(tmp_path):
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    config = read_config(config_in(tmp_path, example), IDS, THEMES)
    assert config.problems == () and config.keymap["reading.next-section"].split(",")[-1] == "full_stop"


async def test_many_problems_are_one_notice_that_fits_a_small_screen(shipped_dataset, tmp_path):
    """Five bad lines were five notices stacked past the top of a 100x30 screen: one notice lists the
    first three and says how many more."""
    lines = "".join(f'"app.nosuch{n}" = "ctrl+f"\n' for n in range(5))
    path = config_in(tmp_path, f"[keymap]\n{lines}")
    app = AnoraApp(shipped_dataset, state_path=tmp_path / "state.json", config_path=path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        inside = toast_text(app)  # one notice (toast_text asserts there is one)
        assert "app.nosuch0" in inside and "app.nosuch2" in inside and "app.nosuch3" not in inside
        assert "…and2moreinthesamefile." in inside
        (toast,) = app.screen.query("Toast")
        assert toast.region.y >= 1  # wholly on screen, below the title line


async def test_every_problem_can_be_seen_from_the_palette(shipped_dataset, tmp_path):
    """The notice lists the first three problems, and names the palette's command that lists them all
    (those past the third were shown nowhere)."""
    lines = "".join(f'"app.nosuch{n}" = "ctrl+f"\n' for n in range(6))
    path = config_in(tmp_path, f"[keymap]\n{lines}")
    app = AnoraApp(shipped_dataset, state_path=tmp_path / "state.json", config_path=path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert "^p“Settingsproblems”liststhemall." in toast_text(app)
        app.clear_notifications()
        await palette(pilot, app, "settings problems", "Settings problems")
        inside = toast_text(app)
        assert all(f"app.nosuch{n}" in inside for n in range(6)), inside


def test_the_full_list_names_the_file_once(tmp_path):
    path = tmp_path / "config.toml"
    problems = [f"{path}:2: unknown binding id 'x'", f"{path}: over 1048576 bytes; not read", "elsewhere: odd"]
    assert problems_listed(problems, path).splitlines() == [
        f"In {path}:", "line 2: unknown binding id 'x'", "over 1048576 bytes; not read", "elsewhere: odd",
    ]
