"""What the reading pane draws: the open section as blocks (its title; each paragraph with its quotes,
the names in it and any marks styled; a credit line naming who is quoted; editorial notes), and each
block wrapped into the column's lines, with the gutter where the landing bar goes.

Everything is plain text given styles: nothing in a paragraph is ever read as markup or Markdown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Generator, Iterable, Literal, NamedTuple, Sequence

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.style import Style

from ...core.model import Note, Quote, Section
from ...core.excerpts import excerpt_spans
from ...core.places import NameLink
from ...core.quoting import shown_title, speaker_credits
from ...core.text import NOTE_LABEL, note_wording
from ..content import plain
from ..contrast import legible

if TYPE_CHECKING:
    from .reading import ReadingPane

    _Base = ReadingPane
else:
    _Base = object


COLUMN_WIDTH = 76  # the most characters a line of the article gets
GUTTER = 2  # cells left of the column, where the bar beside a landing paragraph goes
RIGHT_GAP = 1  # a cell kept clear between the text and the scrollbar
CREDIT_INDENT = 2
NOTE_BAR = "▌ "
LANDING_BAR = "┃ "  # in the gutter beside the paragraph a jump landed on

BlockKind = Literal["title", "paragraph", "credit", "note"]


BLOCKS_AT_ONCE = 6  # blocks wrapped between two pauses when a section is laid out ahead (about 2 ms)


class Block(NamedTuple):
    """One piece of the section as shown: its title, a paragraph, a quote credit or an editor's note."""

    kind: BlockKind
    paragraph: int  # the paragraph it belongs to (0 for the title)
    content: Content


class LaidOut(NamedTuple):
    """A section as the reading pane draws it at one width: its blocks, their lines, each block's
    [first, last) line and each block's lines' first character offsets."""

    blocks: list[Block]
    lines: list[Strip]
    block_lines: list[tuple[int, int]]
    line_starts: list[list[int]]


def person_meta(person_id: str) -> Style:
    """Marks a span as naming a person, so a click on it can be followed."""
    return Style.from_meta({"person": person_id})


class BlockDrawing(_Base):
    """The reading pane's blocks and their lines, drawn with the pane's component styles."""

    def _make_blocks(self, section: Section | None = None, links: Sequence[NameLink] | None = None,
                     *, marked: bool = True) -> Iterable[Block]:
        """The blocks of `section` (with its `links`; the open one's by default); with `marked`, the
        reader's marks drawn in (the highlight, the selected name), else the section as it opens."""
        section = self.section if section is None else section
        if section is None:
            return
        links = self.links if links is None else links
        style = self._part_style
        yield Block("title", 0, plain(shown_title(self.dataset, section)).stylize(style("reading--title")))
        for number, text in enumerate(section.paragraphs, start=1):
            quotes = self.dataset.quotes_in(section.id, number)
            notes = self.dataset.notes_in(section.id, number)
            yield Block("paragraph", number, self._paragraph(number, text, quotes, notes, links, marked))
            if quotes:
                yield Block("credit", number, self._credit(quotes).stylize_before(style("reading--credit")))
            for note in notes:
                wording, says = note_wording(note.says, note.correction)
                note_content = Content.assemble(
                    (NOTE_LABEL, style("reading--note-label")),
                    plain(wording).stylize(style("reading--note-says"), *says),
                )
                yield Block("note", number, note_content)

    def _paragraph(
        self, number: int, text: str, quotes: Iterable[Quote], notes: Iterable[Note], links: Sequence[NameLink],
        marked: bool,
    ) -> Content:
        style = self._part_style
        content = plain(text)
        for start, end in _spans(text, (quote.text for quote in quotes)):
            content = content.stylize(style("reading--quote"), start, end)
        for start, end in _spans(text, (note.says for note in notes)):
            content = content.stylize(style("reading--says"), start, end)
        if marked and self.highlight is not None and self.highlight[0] == number:
            # Whole, not partial: a partial style drops an opaque background.
            solid = Style.from_styles(self.get_component_styles("reading--highlight"))
            for start, end in (self.highlight[1], *self.marks):
                content = content.stylize(solid, start, end)
        name_style = style("reading--name")
        for link in links:
            if link.paragraph == number:
                content = content.stylize(name_style + person_meta(link.person_id), link.start, link.end)
        if marked and self.selected is not None and self.selected.paragraph == number:
            content = content.stylize(style("reading--name-selected"), self.selected.start, self.selected.end)
        return content

    def _credit(self, quotes: Iterable[Quote]) -> Content:
        """Who is quoted in the paragraph, each once: "— Sean Baker, Alex Coco (quoted and reported)";
        names clickable."""
        parts = [Content("— ")]
        for index, (speaker, label) in enumerate(speaker_credits(quotes)):
            if index:
                parts.append(Content(", "))
            name = plain(self.dataset.people_by_id[speaker].name)
            parts.append(name.stylize(self._part_style("reading--credit-name") + person_meta(speaker)))
            parts.append(Content(f" ({label})" if label else ""))
        return Content("").join(parts)

    def _part_style(self, component: str) -> Style:
        return self.get_visual_style(component, partial=True)

    def _lay_out(self, blocks: list[Block], width: int, landing: int | None) -> Generator[None, None, LaidOut]:
        """Wrap every block into the pane's column at `width` (the pane's text width), pausing
        (yielding) every `BLOCKS_AT_ONCE` blocks; the `LaidOut` is the generator's return value."""
        column = max(1, min(COLUMN_WIDTH, width - GUTTER - RIGHT_GAP))
        margin = max(0, (width - GUTTER - RIGHT_GAP - column) // 2)
        base = self.visual_style
        blank = Strip.blank(width, base.rich_style)
        lines: list[Strip] = []
        block_lines: list[tuple[int, int]] = []
        line_starts: list[list[int]] = []
        for index, block in enumerate(blocks):
            if index and not index % BLOCKS_AT_ONCE:
                yield
            if block.kind in ("title", "paragraph"):
                lines.append(blank)
            first = len(lines)
            wrapped, starts = self._wrap(block, column, margin, width, base, landing)
            lines.extend(wrapped)
            block_lines.append((first, len(lines)))
            line_starts.append(starts)
        lines.append(blank)
        return LaidOut(blocks, lines, block_lines, line_starts)

    def _wrap(
        self, block: Block, column: int, margin: int, width: int, base: Style, landing: int | None
    ) -> tuple[list[Strip], list[int]]:
        indent, fill = 0, base
        if block.kind == "credit":
            indent = CREDIT_INDENT
        elif block.kind == "note":
            indent = len(NOTE_BAR)
            fill = base + self._part_style("reading--note")
        text_width = max(1, column - indent)
        landed = block.kind == "paragraph" and block.paragraph == landing
        gutter = Segment(
            LANDING_BAR if landed else " " * GUTTER,
            (base + self._part_style("reading--landing-bar")).rich_style if landed else base.rich_style,
        )
        strips, starts, position = [], [], 0
        plain_text = block.content.plain
        for line in block.content.wrap(text_width):
            position = max(position, plain_text.find(line.plain, position))
            starts.append(position)
            segments = [Segment(" " * margin, base.rich_style)] if margin else []
            segments.append(gutter)
            if block.kind == "note":
                segments.append(Segment(NOTE_BAR, (fill + self._part_style("reading--note-bar")).rich_style))
            elif indent:
                segments.append(Segment(" " * indent, base.rich_style))
            segments.extend(line.render_segments(fill))
            strip = Strip(legible(segments)).extend_cell_length(margin + GUTTER + column, fill.rich_style)
            strips.append(strip.crop_extend(0, width, base.rich_style))
        return strips, starts


def _spans(text: str, needles: Iterable[str]) -> tuple[tuple[int, int], ...]:
    return tuple(span for needle in needles for span in excerpt_spans(text, needle))
