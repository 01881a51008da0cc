"""What the command does to start quickly, and undoes once started: the collector is paused from the
start of `main` until the reader's first frame is drawn (or a command other than the reader is
chosen), then resumed; and a start from the cache imports nothing the first frame does not need."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

from ui_harness import WIDE

from anora_tui.cli.main import main
from anora_tui.core import gc_pause
from anora_tui.core.loading.loader import load_dataset
from anora_tui.ui.app import AnoraApp


def test_resume_without_a_pause_leaves_the_collector_alone():
    assert gc.isenabled()
    gc_pause.resume_after_start()
    assert gc.isenabled()
    gc.disable()
    try:
        gc_pause.resume_after_start()  # the pause was not the start's: not the start's to end
        assert not gc.isenabled()
    finally:
        gc.enable()


async def test_the_reader_resumes_the_collector_once_its_first_frame_is_drawn(example_data_dir, tmp_path):
    app = AnoraApp(load_dataset(example_data_dir), state_path=tmp_path / "state.json")
    thresholds = gc.get_threshold()
    gc_pause.pause_for_start()
    try:
        assert not gc.isenabled()
        async with app.run_test(size=WIDE) as pilot:
            await pilot.pause()
            assert gc.isenabled()
            # its full passes are made in idle time; the collector's own count brings one rarely
            assert gc.get_threshold() == (*thresholds[:2], gc_pause.FULL_PASS_AFTER)
    finally:
        gc_pause.resume_after_start()
        gc.unfreeze()
        gc.set_threshold(*thresholds)
    assert gc.isenabled()


def test_a_command_runs_with_the_collector_resumed(example_data_dir, monkeypatch, capsys):
    from anora_tui.cli import authoring

    seen: list[bool] = []
    summary = authoring.check_summary
    monkeypatch.setattr(authoring, "check_summary", lambda *args: seen.append(gc.isenabled()) or summary(*args))
    try:
        assert main(["check", "--data", str(example_data_dir)]) == 0
    finally:
        gc.unfreeze()
    assert seen == [True]
    assert gc.isenabled()
    assert "ok:" in capsys.readouterr().out


def test_the_reader_alone_imports_neither_the_parser_nor_search():
    """`anora-tui` with no arguments, up to the App about to run: no argparse, no search modules,
    no palette commands."""
    program = (
        "import sys\n"
        "import anora_tui.ui.app as app\n"
        "app.run_app = lambda *args, **kwargs: 0\n"
        "from anora_tui.cli import main, terminal\n"
        "terminal.prepare_terminal = lambda: None\n"
        "assert main.main([]) == 0\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    loaded = set(subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True).stdout.split())
    assert "anora_tui.ui.app" in loaded
    unwanted = {"argparse", "anora_tui.core.search", "anora_tui.ui.commands", "anora_tui.ui.screens.bookmarks",
                "anora_tui.ui.screens.search", "anora_tui.cli.arguments"}
    assert loaded & unwanted == set()


def test_the_reader_alone_gets_what_the_parser_would_give():
    from anora_tui.cli.arguments import build_parser
    from anora_tui.cli.main import READER_DEFAULTS

    assert vars(build_parser(with_command_arguments=False).parse_args([])) == READER_DEFAULTS
    assert vars(build_parser().parse_args([])) == READER_DEFAULTS


def test_a_start_from_the_cache_does_not_import_the_wording_of_data_problems(tmp_path):
    """The module that words data problems (and `difflib`'s suggestions) is for a load from the YAML."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    write = "from anora_tui.core.loading.cache import load_cached\nfrom anora_tui.paths import default_data_dir\nload_cached(default_data_dir())\n"
    subprocess.run([sys.executable, "-c", write], env=env, check=True)
    program = (
        "import sys\n"
        "import anora_tui.ui.app as app\n"
        "app.run_app = lambda dataset, *args, **kwargs: len(dataset.sections[0].paragraphs) and 0\n"
        "from anora_tui.cli import main, terminal\n"
        "terminal.prepare_terminal = lambda: None\n"
        "assert main.main([]) == 0\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    run = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True, check=True)
    loaded = set(run.stdout.split())
    assert "anora_tui.core.loading.cache" in loaded
    assert "anora_tui.core.loading.problems" not in loaded


def test_only_the_reader_imports_its_interface_while_workers_read(example_data_dir, monkeypatch):
    from anora_tui.cli import main as cli_main, terminal
    from anora_tui.core.loading import cache
    from anora_tui.ui import app

    given: list[object] = []

    def load_cached(data_dir, notify=None, *, write_behind=False, meanwhile=None):
        given.append(meanwhile)
        return load_dataset(data_dir)

    monkeypatch.setattr(cache, "load_cached", load_cached)
    monkeypatch.setattr(terminal, "prepare_terminal", lambda: None)
    monkeypatch.setattr(app, "run_app", lambda *args, **kwargs: 0)
    try:
        assert main(["--data", str(example_data_dir)]) == 0
        assert main(["check", "--data", str(example_data_dir)]) == 0
    finally:
        gc.unfreeze()
    assert given == [cli_main._import_reader, None]
