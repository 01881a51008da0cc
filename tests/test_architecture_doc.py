"""docs/architecture.md lists every module under anora_tui/, each with its job, and nothing that is gone:
a module added, moved or removed without the tree in the docs being told fails here."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[1]
PACKAGE = ROOT / "anora_tui"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
JOB_COLUMN = 20  # a line indented this far or more goes on the job of the module above it
TREE_LINE = re.compile(r"(?P<indent> *)(?P<name>\S+)(?: +(?P<job>\S.*))?")


def documented_modules() -> dict[str, str]:
    """Each module of the tree in docs/architecture.md (a path under anora_tui/) and its job."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    tree = text.split("## The tree", 1)[1].split("```", 2)[1]
    lines = tree.strip("\n").splitlines()
    assert lines[0] == "anora_tui/", lines[0]
    folders: list[str] = []  # the folders the current line is in, by depth
    modules: dict[str, str] = {}
    for line in lines[1:]:
        match = TREE_LINE.fullmatch(line)
        assert match, f"not a line of the tree: {line!r}"
        indent = len(match["indent"])
        if indent >= JOB_COLUMN:
            continue  # the job of the module above, continued
        assert indent % 2 == 0 and indent >= 2, f"odd indentation: {line!r}"
        depth = indent // 2 - 1
        assert depth <= len(folders), f"deeper than its folder: {line!r}"
        del folders[depth:]
        name = match["name"]
        if name.endswith("/"):
            folders.append(name)
        else:
            path = "".join(folders) + name
            assert path not in modules, f"{path} is listed twice"
            modules[path] = match["job"] or ""
    return modules


def package_modules() -> set[str]:
    """Every module under anora_tui/ (a package's __init__.py is its folder's line)."""
    return {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if path.name != "__init__.py"
    }


def test_every_module_is_in_the_architecture_doc() -> None:
    missing = package_modules() - documented_modules().keys()
    assert not missing, f"docs/architecture.md does not list: {', '.join(sorted(missing))}"


def test_the_architecture_doc_lists_no_module_that_is_gone() -> None:
    gone = documented_modules().keys() - package_modules()
    assert not gone, f"docs/architecture.md lists modules that do not exist: {', '.join(sorted(gone))}"


def test_every_listed_module_says_its_job() -> None:
    silent = [path for path, job in documented_modules().items() if not job.strip()]
    assert not silent, f"no job given for: {', '.join(silent)}"


def test_the_tree_is_read_as_written() -> None:
    """The reading of the tree itself: folders nest, and a job's continuation line is no module."""
    modules = documented_modules()
    assert "core/search/query.py" in modules and "ui/widgets/link_list.py" in modules
    assert "__main__.py" in modules
    assert not any(" " in path for path in modules)
