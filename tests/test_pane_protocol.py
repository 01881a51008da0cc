"""Each of the App's four panes does what the App asks of a pane (`Pane`), checked on the mounted App."""

from __future__ import annotations

import inspect

from ui_harness import NARROW, settle

from anora_tui.ui.app import AnoraApp
from anora_tui.ui.layout import PANES, Pane


async def test_every_pane_is_a_pane(shipped_dataset, tmp_path):
    app = AnoraApp(shipped_dataset, state_path=tmp_path / "state.json")
    wanted = [name for name, _ in inspect.getmembers(Pane, inspect.isfunction)]
    assert {"back_out", "focus_default"} <= set(wanted)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        for name in PANES:
            pane = app.pane(name)
            missing = [method for method in wanted if not callable(getattr(pane, method, None))]
            assert not missing, f"{name} ({type(pane).__name__}) lacks {missing}"
            assert pane.back_out() in (True, False)
