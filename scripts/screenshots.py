"""Write SVG screenshots of the reader's main views to docs/screenshots/, using the app's own
screenshot facility on the shipped dataset:

    python scripts/screenshots.py [--size 160x48] [--out docs/screenshots]

Views: main (the first section), person (a name followed from the reading pane), timeline (the story
track), search (a quote search in progress), and scene (Mikey Madison → s → the home invasion, at the
README's 120×40, where the scene's detail shares the side column). State goes to a temporary
directory, so the pictures never depend on (or change) the user's saved place.
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

README_SIZE = (120, 40)

# view -> (keys, size: None for the --size given)
VIEWS: dict[str, tuple[list[str], tuple[int, int] | None]] = {
    "main": ([], None),
    "person": (["right_square_bracket", "enter"], None),
    "timeline": (["4"], None),
    "search": (["slash", *"scream"], None),
    # The people list opens on Mikey Madison; her fifth scene is the home invasion.
    "scene": (["3", "enter", "s", "down", "down", "down", "down", "enter"], README_SIZE),
}


def size_argument(text: str) -> tuple[int, int]:
    width, _, height = text.partition("x")
    return int(width), int(height)


async def capture(view: str, size: tuple[int, int], out: Path) -> str:
    """Run the view and write its SVG into `out`; return the file's path."""
    from anora_tui.core.loading.loader import load_dataset
    from anora_tui.paths import default_data_dir
    from anora_tui.ui.app import AnoraApp

    keys = VIEWS[view][0]
    app = AnoraApp(load_dataset(default_data_dir()))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()
        return app.save_screenshot(f"{view}.svg", str(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=size_argument, default=(160, 48), help="WIDTHxHEIGHT")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as state_home:
        os.environ["XDG_STATE_HOME"] = state_home
        args.out.mkdir(parents=True, exist_ok=True)
        for view, (_keys, size) in VIEWS.items():
            path = Path(asyncio.run(capture(view, size or args.size, args.out)))
            print(f"wrote {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
