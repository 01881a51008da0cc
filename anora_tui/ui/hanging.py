"""Text whose wrapped lines keep a hanging indent, wrapped afresh at whatever width it is drawn.

A row of a side-column list ("The whirlwind romance · the film's first hour, played as a romantic
comedy", a person's ABOUT) wraps under itself: each line that continues a line of the text starts
`HANG` cells further in than the line it continues (its leading spaces counted), so a reader can tell
a wrapped line from the next row. A Textual `Visual`, so lists measure and draw it at their own width
and a resize needs no relabelling.
"""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

HANG = 2


class Hanging(Visual):
    def __init__(self, content: Content, hang: int = HANG) -> None:
        self.content = content
        self.hang = hang
        self._wrapped: tuple[int, list[Content]] | None = None  # (width, lines)
        self._wrapped_before: tuple[int, list[Content]] | None = None  # at the width before that

    @property
    def plain(self) -> str:
        return self.content.plain

    def __str__(self) -> str:
        return self.content.plain

    def lines(self, width: int) -> list[Content]:
        """The lines as drawn at `width`: each line of the text wrapped, continuations indented."""
        if self._wrapped is not None and self._wrapped[0] == width:
            return self._wrapped[1]
        if self._wrapped_before is not None and self._wrapped_before[0] == width:
            # Two widths are kept: a list's rows are wrapped ahead at its width with and without
            # its scrollbar, which only its layout decides.
            self._wrapped, self._wrapped_before = self._wrapped_before, self._wrapped
            return self._wrapped[1]
        lines: list[Content] = []
        for line in self.content.split("\n", allow_blank=True):
            lines.extend(self._wrap_line(line, max(1, width)))
        self._wrapped_before, self._wrapped = self._wrapped, (width, lines)
        return lines

    def _wrap_line(self, line: Content, width: int) -> list[Content]:
        plain = line.plain
        if len(plain) <= width and "\t" not in plain and line.cell_length <= width:
            return [line]  # fits as it is: what `wrap` would return, without its cost (most rows)
        pieces = line.wrap(width)
        if len(pieces) <= 1:
            return pieces or [line]
        first = pieces[0]
        if not line.plain.startswith(first.plain):  # not a plain cut (never seen): wrap as Textual does
            return pieces
        lead = len(line.plain) - len(line.plain.lstrip(" "))
        indent = min(lead + self.hang, width // 2)
        rest = line[len(first.plain) :]
        rest = rest[len(rest.plain) - len(rest.plain.lstrip(" ")) :]
        pad = Content(" " * indent)
        return [first, *(pad + piece for piece in rest.wrap(max(1, width - indent)))]

    # --- the Visual protocol ----------------------------------------------------------------

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        if not width:
            return []
        lines = self.lines(width)
        if height is not None:
            lines = lines[:height]
        strips: list[Strip] = []
        for line in lines:
            strips.extend(line.render_strips(width, 1, style, options) or [Strip.blank(0)])
        return strips

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.content.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.lines(width))
