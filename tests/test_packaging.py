"""The wheel carries the dataset and the stylesheets, and an installed copy works from anywhere."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("anora_tui-*.whl")
    return built


def test_wheel_ships_data_styles_and_the_command(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped_data = {p.name for p in (ROOT / "data").glob("*.yaml")}
    shipped_styles = {p.name for p in (ROOT / "styles").glob("*.tcss")}
    assert shipped_data and shipped_styles
    for name in shipped_data:
        assert f"anora_tui/data/{name}" in names
    for name in shipped_styles:
        assert f"anora_tui/styles/{name}" in names
    assert "anora_tui/cli/main.py" in names
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "anora-tui = anora_tui.cli.main:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
    assert not any(n.startswith(("tests/", "benchmarks/")) for n in names)


def test_installed_wheel_checks_its_own_data_from_another_directory(wheel: Path, tmp_path: Path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    where = subprocess.run(
        [sys.executable, "-c", "import anora_tui.paths as r; print(r.default_data_dir())"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    )
    assert Path(where.stdout.strip()) == target / "anora_tui" / "data"
    check = subprocess.run(
        [sys.executable, str(target / "bin" / "anora-tui"), "check"],
        cwd=elsewhere, env=env, capture_output=True, text=True,
    )
    assert check.returncode == 0, check.stderr
    assert "ok:" in check.stdout and "quotes" in check.stdout


def test_the_wheel_ships_the_data_format_that_anora_tui_format_prints(wheel: Path, tmp_path: Path):
    """The pointers in --help and in every drafted file name `anora-tui format`: the installed copy is
    the repository's docs/data-format.md, byte for byte, and the command finds it from anywhere."""
    shipped = zipfile.ZipFile(wheel).read("anora_tui/docs/data-format.md")
    assert shipped == (ROOT / "docs" / "data-format.md").read_bytes()
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONIOENCODING": "utf-8"}
    command = [sys.executable, str(target / "bin" / "anora-tui"), "format"]
    where = subprocess.run([*command, "--path"], cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert Path(where.stdout.strip()) == target / "anora_tui" / "docs" / "data-format.md"
    printed = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, check=True)
    assert printed.stdout == shipped
