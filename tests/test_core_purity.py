"""The core never imports Textual, Rich or the UI, so it can be used and tested without a terminal
toolkit. Enforced by the folder, not a list: every module under `anora_tui/core/` is found on disk,
imported in a fresh interpreter (where nothing else has loaded a toolkit yet), and its source is read
for imports of `anora_tui.ui`, including ones inside functions."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import anora_tui

PACKAGE_DIR = Path(anora_tui.__file__).resolve().parent
CORE_DIR = PACKAGE_DIR / "core"
TOOLKITS = ("textual", "rich")


def core_modules() -> list[str]:
    """Every module under anora_tui/core/, as a dotted name (packages included)."""
    names = []
    for path in sorted(CORE_DIR.rglob("*.py")):
        parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def modules_loaded_after_importing(modules: list[str], prefixes: tuple[str, ...]) -> list[str]:
    """The modules starting with one of `prefixes` loaded by importing `modules` in a new interpreter."""
    program = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"prefixes = {prefixes!r}\n"
        "print(json.dumps(sorted(m for m in sys.modules if m == prefixes or m.startswith(prefixes))))\n"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_every_core_module_is_found():
    modules = core_modules()
    assert {"anora_tui.core.model", "anora_tui.core.search", "anora_tui.core.loading.loader"} <= set(modules)
    assert len(modules) == len(list(CORE_DIR.rglob("*.py")))


def test_core_modules_import_no_toolkit_and_no_ui():
    loaded = modules_loaded_after_importing(core_modules(), ("textual", "rich", "anora_tui.ui"))
    assert loaded == []


def test_no_core_source_imports_the_ui_even_lazily():
    offenders = []
    for path in CORE_DIR.rglob("*.py"):
        module = ".".join(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = module.split(".")[: -node.level] if node.level else []
                target = ".".join([*base, *([node.module] if node.module else [])])
                targets = [target] + [f"{target}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            for target in targets:
                if target.split(".")[0] in TOOLKITS or target.startswith("anora_tui.ui"):
                    offenders.append(f"{path.relative_to(PACKAGE_DIR)}:{node.lineno}: {target}")
    assert offenders == []


def test_the_checks_see_a_toolkit_and_a_ui_import():
    # If importing a UI module showed nothing, the tests above would prove nothing.
    loaded = modules_loaded_after_importing(["anora_tui.ui.messages"], ("textual", "anora_tui.ui"))
    assert "textual" in loaded and "anora_tui.ui.messages" in loaded
