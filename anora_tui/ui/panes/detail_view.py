"""A detail view built once and mounted on first use (person details, scene and event details), and
the heading line a detail view can put above its list."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget

TAG_GAP = "  "  # between a heading and its tag when both fit on one line


class DetailHeader(Widget):
    """A heading (a person's name and kind) and an optional tag after it ("● named where you
    read"): on one line where both fit, else the tag whole on a line of its own, never split."""

    DEFAULT_CSS = """
    DetailHeader {
        height: auto;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._heading = Content("")
        self._tag: Content | None = None

    def show(self, heading: Content, tag: Content | None = None) -> None:
        self._heading, self._tag = heading, tag
        self.refresh(layout=True)

    @property
    def text(self) -> str:
        """What it says, as plain text on one line."""
        return self._heading.plain + (TAG_GAP + self._tag.plain if self._tag else "")

    def _lines(self, width: int) -> Content:
        if self._tag is None:
            return self._heading
        tag = self._tag
        if self._heading.cell_length + len(TAG_GAP) + tag.cell_length <= width:
            gap = Content(TAG_GAP)
            for span in tag.spans:  # the gap drawn as the tag starts (a background runs on through it)
                if span.start == 0:
                    gap = gap.stylize(span.style)
            return Content.assemble(self._heading, gap + tag).simplify()
        return Content.assemble(self._heading, "\n", tag)

    def render(self) -> Content:
        return self._lines(self.content_region.width or self.size.width)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._lines(width).wrap(max(1, width)))


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
