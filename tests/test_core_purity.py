"""The core (model, loading, search, navigation) never imports Textual or Rich, so it can be used
and tested without a terminal toolkit. Checked in a fresh interpreter, where nothing else has
imported them yet."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

CORE_MODULES = ("core.model", "core.loading.loader", "core.loading.parallel_read", "core.sanitize", "core.navigation", "core.search", "core.loading.cache")


def toolkit_modules_after_importing(*modules: str) -> list[str]:
    """The textual/rich modules loaded by importing `modules` (names under anora_tui) in a new interpreter."""
    program = (
        "import importlib, json, sys\n"
        f"for name in {list(modules)!r}:\n"
        "    importlib.import_module('anora_tui.' + name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_core_modules_do_not_import_textual_or_rich():
    present = [name for name in CORE_MODULES if importlib.util.find_spec(f"anora_tui.{name}") is not None]
    assert {"core.model", "core.loading.loader", "core.sanitize", "core.navigation"} <= set(present)
    assert toolkit_modules_after_importing(*present) == []


def test_the_check_sees_a_toolkit_import():
    # anora_tui.ui.messages defines Textual messages: if importing it showed nothing, the test above
    # would prove nothing.
    assert "textual" in toolkit_modules_after_importing("ui.messages")
