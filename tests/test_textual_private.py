"""Every private Textual name the reader uses still exists on the installed Textual.

The names live in one module, `anora_tui/ui/textual_private.py`; when an upgrade removes or renames
one, this test names it, instead of the reader silently starting slower or drawing stale rows.
"""

from __future__ import annotations

import ast
import importlib
from contextvars import ContextVar
from pathlib import Path

import pytest
from textual.app import App
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from anora_tui.ui import textual_private
from anora_tui.ui.textual_private import PRIVATE_MODULE_NAMES, PRIVATE_NAMES

PACKAGE = Path(textual_private.__file__).parents[1]


def instances() -> dict[str, object]:
    app = App()  # instance attributes are set in __init__; nothing runs
    with app._context():  # noqa: SLF001 - a Screen and a widget need an active app to be made
        screen = Screen()
        return {"App": app, "Screen": screen, "OptionList": OptionList("a"), "Option": Option("a"),
                "ScrollView": ScrollView(), "Compositor": screen._compositor}


@pytest.mark.parametrize(("owner", "name"), PRIVATE_NAMES, ids=[f"{o}.{n}" for o, n in PRIVATE_NAMES])
def test_each_private_name_still_exists(owner, name):
    made = instances()[owner]
    assert hasattr(made, name), (
        f"Textual's {owner} has no {name} any more: see anora_tui/ui/textual_private.py for what it was for"
    )


@pytest.mark.parametrize(("module", "name"), PRIVATE_MODULE_NAMES, ids=[f"{m}.{n}" for m, n in PRIVATE_MODULE_NAMES])
def test_each_private_module_name_still_exists(module, name):
    assert hasattr(importlib.import_module(module), name), (
        f"Textual's {module} has no {name} any more: see anora_tui/ui/textual_private.py for what it was for"
    )


def test_the_screens_a_frame_draws_under_the_top_one_are_still_where_a_modal_screen_finds_them():
    """`DimmedBackdrop.render` finds the screen behind it as `Screen.render` does: the last of the list
    in `visible_screen_stack`, which the compositor sets for a frame."""
    import inspect

    from textual._context import visible_screen_stack  # noqa: PLC0415 - the name this test is about

    assert isinstance(visible_screen_stack, ContextVar)
    assert "visible_screen_stack.get().pop()" in inspect.getsource(Screen.render), (
        "Textual's Screen.render no longer finds the screen behind as DimmedBackdrop.render does"
    )
    assert hasattr(Screen(), "_compositor") and callable(getattr(type(Screen()._compositor), "render_strips", None))


def test_the_list_covers_every_private_name_the_module_uses():
    """`PRIVATE_NAMES` is what the test checks: every `x._name` in the module must be in it."""
    tree = ast.parse(Path(textual_private.__file__).read_text(encoding="utf-8"))
    used = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
    }
    own = {"_resumed", "_resized", "_skip_paint", "_cache_width", "_laid_out_as", "_render_pieces", "_drawn_as", "_look", "_components_styled_for"}  # this module's own attributes
    overridden = {
        node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name.startswith("_")
    }
    listed = {name for _, name in PRIVATE_NAMES}
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                and any(part.startswith("_") and not part.startswith("__") for part in (node.module or "").split(".")) for alias in node.names}
    assert imported <= {name for _, name in PRIVATE_MODULE_NAMES}
    assert (used | overridden) - own - {"__init__"} <= listed


def test_no_other_module_of_the_reader_reaches_into_textual_privates():
    """Outside textual_private.py, no UI module reads or calls a private attribute of Textual's classes
    (its own underscore names, defined in the same file, are fine)."""
    textual_privates = {
        name for cls in (App, Screen, ScrollView, OptionList, Option) for name in dir(cls) if name.startswith("_")
    } | {name for _, name in PRIVATE_NAMES}
    textual_privates = {name for name in textual_privates if not name.startswith("__")}
    offenders = []
    for path in sorted((PACKAGE / "ui").rglob("*.py")):
        if path.name == "textual_private.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        own = {node.name for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
        own |= {
            target.attr
            for node in ast.walk(tree)
            if isinstance(node, (ast.Assign, ast.AnnAssign))
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
            if isinstance(target, ast.Attribute)
        }
        offenders += [
            f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.attr}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr in textual_privates and node.attr not in own
        ]
    assert not offenders, "private Textual names outside textual_private.py:\n" + "\n".join(offenders)


def test_the_stylesheet_still_asks_the_node_which_component_classes_to_style():
    """`KeptComponentStyles` answers `_get_component_classes` per node (none while nothing its rules
    read has changed): Textual must still ask the node, and leave its component styles as they were
    when it answers none."""
    import inspect

    from textual.css.stylesheet import Stylesheet

    source = inspect.getsource(Stylesheet._process_component_classes)
    assert "node._get_component_classes()" in source and "if component_classes:" in source, (
        "Textual's Stylesheet no longer asks the node for its component classes as KeptComponentStyles expects"
    )
