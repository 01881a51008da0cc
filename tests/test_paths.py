"""One place knows the user's directories: the XDG settings, their defaults, and what the spec ignores."""

from pathlib import Path

import pytest

from anora_tui.paths import cache_dir, config_dir, state_dir

DIRS = [
    (state_dir, "XDG_STATE_HOME", ".local/state"),
    (cache_dir, "XDG_CACHE_HOME", ".cache"),
    (config_dir, "XDG_CONFIG_HOME", ".config"),
]


@pytest.mark.parametrize("directory, variable, default", DIRS)
def test_an_absolute_setting_is_used(directory, variable, default):
    assert directory({variable: "/x/base", "HOME": "/home/u"}) == Path("/x/base/anora-tui")


@pytest.mark.parametrize("setting", ["", "relative/dir", "./dot"])
@pytest.mark.parametrize("directory, variable, default", DIRS)
def test_an_empty_or_relative_setting_falls_back_to_home(directory, variable, default, setting):
    assert directory({variable: setting, "HOME": "/home/u"}) == Path("/home/u") / default / "anora-tui"


def test_the_state_and_cache_are_apart_by_default():
    home = {"HOME": "/home/u"}
    assert len({state_dir(home), cache_dir(home), config_dir(home)}) == 3
