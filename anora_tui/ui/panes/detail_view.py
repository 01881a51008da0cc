"""A detail view built once and mounted on first use (person details, scene and event details)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget


class DetailView(Vertical):
    """Subclasses make their child widgets in `__init__` and list them in `parts()`. The view can be
    mounted lazily: `mount_parts()` mounts them at once rather than when this composes, because the
    focus may move into them straight away."""

    def parts(self) -> tuple[Widget, ...]:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        yield from self._unmounted_parts()

    def mount_parts(self) -> None:
        self.mount(*self._unmounted_parts())

    def _unmounted_parts(self) -> list[Widget]:
        return [part for part in self.parts() if part.parent is None]
