"""Write SVG screenshots of the reader's main views to docs/screenshots/, using the app's own
screenshot facility on the shipped dataset:

    python scripts/screenshots.py [--size 160x48] [--out docs/screenshots]

Views: main (the first section), person (a name followed from the reading pane), timeline (the story
track) and search (a quote search in progress). State goes to a temporary directory, so the
pictures never depend on (or change) the user's saved place.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VIEWS: dict[str, list[str]] = {
    "main": [],
    "person": ["right_square_bracket", "enter"],
    "timeline": ["4"],
    "search": ["slash", *"scream"],
}


def size_argument(text: str) -> tuple[int, int]:
    width, _, height = text.partition("x")
    return int(width), int(height)


async def capture(view: str, keys: list[str], size: tuple[int, int], out: Path) -> Path:
    from anora_tui.core.loading.loader import load_dataset
    from anora_tui.paths import default_data_dir
    from anora_tui.ui.app import AnoraApp

    app = AnoraApp(load_dataset(default_data_dir()))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.pause()
        return Path(app.save_screenshot(f"{view}.svg", str(out)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=size_argument, default=(160, 48), help="WIDTHxHEIGHT")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as state_home:
        os.environ["XDG_STATE_HOME"] = state_home
        for view, keys in VIEWS.items():
            path = asyncio.run(capture(view, keys, args.size, args.out))
            print(f"wrote {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
