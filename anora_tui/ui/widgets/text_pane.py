"""A pane of text that scrolls (the search preview), wrapped and drawn a line at a time.

A `Static` in a `VerticalScroll` takes the height of its text: a text a line longer or shorter than
the last one laid the whole screen out again, and the search preview changes text on every keystroke.
Here the text is wrapped to the pane's width and only the scrollable height changes, in place where
it can be (`ResizesInPlace`), and only the lines that show something new are drawn again (a search
key changes the matched words in a line or two of the preview, not its every line). The text is a
`rich.text.Text` (never markup).
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.geometry import Region
from textual.strip import Strip

from .resizes_in_place import ResizesInPlace


class TextPane(ResizesInPlace, can_focus=False):
    """Shows one `Text`, wrapped; scrolls when it is longer than the pane."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._text = Text()
        self._lines: list[Strip] = []
        self._width = 0  # the width the lines were wrapped at
        self._blank = Strip([])  # a line below the text, at that width (the style is read once a wrap)
        self._drawn: dict[int, Strip] = {}  # what `render_line` last drew on each line of the view

    @property
    def content(self) -> Text:
        """The text shown."""
        return self._text

    def update(self, text: Text) -> None:
        """Show `text` from its first line."""
        self._text = text
        self.scroll_to(y=0, animate=False, immediate=True)  # (a scroll draws the whole pane again)
        self._wrap()

    @property
    def text_width(self) -> int:
        """The width the text is wrapped to: beside the scrollbar's gutter, kept whether the
        scrollbar shows or not, so a line never moves when it comes."""
        return self.scrollable_content_region.width

    def _wrap(self) -> None:
        width = self.text_width
        self._width = width
        self._lines = []
        base = self.rich_style
        self._blank = Strip.blank(width, base)
        if width > 0:
            console = self.app.console
            for line in self._text.wrap(console, width, overflow="fold"):
                shown = Text.assemble(line, style=base, no_wrap=True)
                self._lines.append(Strip(shown.render(console), shown.cell_len).adjust_cell_length(width, base))
        self.set_virtual_height(len(self._lines))
        drawn, top = self._drawn, self.scroll_offset.y
        for y in range(self.size.height):
            if drawn.get(y) != self._line(y + top, width):
                self.refresh(Region(0, y, self.size.width, 1))

    def on_resize(self, event: events.Resize) -> None:
        self._drawn.clear()
        if self.text_width != self._width:
            self._wrap()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn.clear()
        if self.is_mounted:
            self._wrap()

    def render_line(self, y: int) -> Strip:
        strip = self._drawn[y] = self._line(y + self.scroll_offset.y, self.text_width)
        return strip

    def _line(self, line: int, width: int) -> Strip:
        """The view's line `line` at `width` (the text's width now: what is wrapped for another is not shown)."""
        if self._width == width:
            return self._lines[line] if 0 <= line < len(self._lines) else self._blank
        return Strip.blank(width, self.rich_style)
