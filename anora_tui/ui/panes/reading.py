"""The reading pane: the open section's paragraphs in a readable column.

Names of people are marked and followable (`[`/`]` step through them, Enter or a click opens the
person), quotes are styled with a credit line naming the speaker, editorial notes sit under the
paragraph they concern, and the border shows how far through the article the reader is. Only the open
section is rendered, as plain text: nothing in a paragraph is ever read as markup or Markdown.

It draws its own lines (Textual's line API): the section is wrapped once per width into strips, so
opening a section mounts nothing and what is on screen is known exactly, without waiting for layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Iterable, Literal

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from ...core.model import Dataset, Note, Quote, Section
from ...core.navigation import Location
from ...core.places import NameLink, excerpt_span, section_links
from ..content import plain
from ..messages import Navigate, ParagraphsInView
from ..widgets.film_strip import Mark, proportional_strip

COLUMN_WIDTH = 76  # the most characters a line of the article gets
CREDIT_INDENT = 2
NOTE_BAR = "▌ "
PROGRESS_BAR_WIDTH = 12
QUOTE_FORM_NOTES = {"direct": "", "first-person": " (in the first person)", "reported": " (reported)"}

BlockKind = Literal["title", "paragraph", "credit", "note"]


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of the section as shown: its title, a paragraph, a quote credit or an editor's note."""

    kind: BlockKind
    paragraph: int  # the paragraph it belongs to (0 for the title)
    content: Content


def person_meta(person_id: str) -> Style:
    """Marks a span as naming a person, so a click on it can be followed."""
    return Style.from_meta({"person": person_id})


class ReadingPane(ScrollView, can_focus=True):
    BORDER_TITLE = "Reading"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("up,k", "scroll_up", "Up", show=False, id="reading.scroll-up"),
        Binding("down,j", "scroll_down", "Down", show=False, id="reading.scroll-down"),
        Binding("right_square_bracket", "step_link(1)", "Name", show=True, tooltip="Select the next name", id="reading.next-name"),
        Binding("left_square_bracket", "step_link(-1)", "Previous name", show=False, id="reading.previous-name"),
        Binding("enter", "follow_link", "Open", show=True, tooltip="Open the selected name's person", id="reading.open-name"),
        Binding("right,l", "step_section(1)", "Section", show=True, tooltip="Next section", id="reading.next-section"),
        Binding("left,h", "step_section(-1)", "Previous section", show=False, id="reading.previous-section"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reading--title",
        "reading--name",
        "reading--name-selected",
        "reading--quote",
        "reading--says",
        "reading--highlight",
        "reading--credit",
        "reading--credit-name",
        "reading--note",
        "reading--note-bar",
        "reading--note-label",
        "reading--note-says",
        "reading--progress-done",
        "reading--progress-todo",
    }

    def __init__(self, dataset: Dataset, **kwargs) -> None:
        super().__init__(**kwargs)
        self.dataset = dataset
        self.section: Section | None = None
        self.links: tuple[NameLink, ...] = ()
        self.selected: NameLink | None = None
        self.highlight: tuple[int, tuple[int, int]] | None = None  # paragraph, span
        self.blocks: list[Block] = []
        self._lines: list[Strip] = []
        self._block_lines: list[tuple[int, int]] = []  # each block's [first, last) line
        self._line_starts: list[list[int]] = []  # each block's lines' first character offsets
        self._layout_width = 0
        self._pending_scroll: int | None = None  # paragraph to bring to the top; 0: the top
        self._footer_without_open = True
        self._reported: tuple[str, tuple[int, ...]] | None = None
        self._render_style: RichStyle | None = None  # set while the lines are being drawn
        self._blank_line: Strip | None = None
        self._paragraphs_before = _paragraph_offsets(dataset)
        self._total_paragraphs = sum(len(s.paragraphs) for s in dataset.sections)

    # --- public ------------------------------------------------------------------------------

    @property
    def section_id(self) -> str | None:
        return self.section.id if self.section else None

    @property
    def in_view(self) -> tuple[int, ...]:
        """The paragraphs (1-based) with at least one line on screen."""
        top = round(self.scroll_y)
        bottom = top + self.scrollable_content_region.height
        return tuple(
            block.paragraph
            for block, (first, last) in zip(self.blocks, self._block_lines)
            if block.kind == "paragraph" and first < bottom and last > top
        )

    @property
    def top_paragraph(self) -> int:
        """The first paragraph on screen (1-based), for the saved state."""
        in_view = self.in_view
        return in_view[0] if in_view else 1

    def open_section(
        self, section_id: str, paragraph: int | None = None, span: tuple[int, int] | None = None
    ) -> None:
        """Show the section; bring `paragraph` into view and highlight `span` in it, if given."""
        section = self.dataset.sections_by_id[section_id]
        if section is not self.section:
            self.section = section
            self.links = section_links(self.dataset, section)
            self.border_title = Content.assemble(f"{self.BORDER_TITLE} · ", plain(section.title))
        if paragraph is not None and not 1 <= paragraph <= len(section.paragraphs):
            paragraph = None
        self.selected = None
        self.highlight = (paragraph, span) if paragraph is not None and span is not None else None
        self._pending_scroll = paragraph or 0
        self._rebuild()

    def back_out(self) -> bool:
        """Escape: drop the selected name or the highlight. True if there was one."""
        if self.selected is None and self.highlight is None:
            return False
        self.selected = None
        self.highlight = None
        self._rebuild()
        return True

    def focus_default(self) -> None:
        self.focus()

    # --- building the blocks -----------------------------------------------------------------

    def _rebuild(self) -> None:
        self.blocks = list(self._make_blocks())
        if (self.selected is None) != self._footer_without_open:
            self._footer_without_open = self.selected is None
            self.refresh_bindings()  # Enter ("Open") shows in the footer only with a name selected
        self._layout()

    def _make_blocks(self) -> Iterable[Block]:
        section = self.section
        if section is None:
            return
        style = self._part_style
        yield Block("title", 0, plain(section.title).stylize(style("reading--title")))
        for number, text in enumerate(section.paragraphs, start=1):
            quotes = self.dataset.quotes_in(section.id, number)
            notes = self.dataset.notes_in(section.id, number)
            yield Block("paragraph", number, self._paragraph(number, text, quotes, notes))
            if quotes:
                yield Block("credit", number, self._credit(quotes).stylize_before(style("reading--credit")))
            for note in notes:
                note_content = Content.assemble(
                    ("Editor's note: ", style("reading--note-label")),
                    "the source says «",
                    plain(note.says).stylize(style("reading--note-says")),
                    "»; ",
                    plain(note.correction),
                )
                yield Block("note", number, note_content)

    def _paragraph(
        self, number: int, text: str, quotes: Iterable[Quote], notes: Iterable[Note]
    ) -> Content:
        style = self._part_style
        content = plain(text)
        for start, end in _spans(text, (quote.text for quote in quotes)):
            content = content.stylize(style("reading--quote"), start, end)
        for start, end in _spans(text, (note.says for note in notes)):
            content = content.stylize(style("reading--says"), start, end)
        if self.highlight is not None and self.highlight[0] == number:
            content = content.stylize(style("reading--highlight"), *self.highlight[1])
        name_style = style("reading--name")
        for link in self.links:
            if link.paragraph == number:
                content = content.stylize(name_style + person_meta(link.person_id), link.start, link.end)
        if self.selected is not None and self.selected.paragraph == number:
            content = content.stylize(style("reading--name-selected"), self.selected.start, self.selected.end)
        return content

    def _credit(self, quotes: Iterable[Quote]) -> Content:
        """Who is quoted in the paragraph: "— Sean Baker, Alex Coco (reported)"; names clickable."""
        credits = dict.fromkeys((quote.speaker, quote.form) for quote in quotes)
        parts = [Content("— ")]
        for index, (speaker, form) in enumerate(credits):
            if index:
                parts.append(Content(", "))
            name = plain(self.dataset.people_by_id[speaker].name)
            parts.append(name.stylize(self._part_style("reading--credit-name") + person_meta(speaker)))
            parts.append(Content(QUOTE_FORM_NOTES.get(form, "")))
        return Content("").join(parts)

    def _part_style(self, component: str) -> Style:
        return self.get_visual_style(component, partial=True)

    # --- laying out lines --------------------------------------------------------------------

    def _layout(self) -> None:
        """Wrap every block to the column; then apply any pending scroll and report what is seen."""
        width = self.scrollable_content_region.width
        if width <= 0 or not self.is_mounted:
            # Hidden or not laid out yet: on_resize comes back here.
            self._layout_width, self._lines, self._block_lines, self._line_starts = 0, [], [], []
            return
        self._layout_width = width
        column = max(1, min(COLUMN_WIDTH, width))
        margin = (width - column) // 2
        base = self.visual_style
        blank = Strip.blank(width, base.rich_style)
        lines: list[Strip] = []
        self._block_lines, self._line_starts = [], []
        for block in self.blocks:
            if block.kind in ("title", "paragraph"):
                lines.append(blank)
            first = len(lines)
            wrapped, starts = self._wrap(block, column, margin, width, base)
            lines.extend(wrapped)
            self._block_lines.append((first, len(lines)))
            self._line_starts.append(starts)
        lines.append(blank)
        self._lines = lines
        self.virtual_size = Size(width, len(lines))
        self.refresh()
        self._scroll_pending()
        self._report_view()

    def _wrap(
        self, block: Block, column: int, margin: int, width: int, base: Style
    ) -> tuple[list[Strip], list[int]]:
        indent, fill = 0, base
        if block.kind == "credit":
            indent = CREDIT_INDENT
        elif block.kind == "note":
            indent = len(NOTE_BAR)
            fill = base + self._part_style("reading--note")
        text_width = max(1, column - indent)
        strips, starts, position = [], [], 0
        plain_text = block.content.plain
        for line in block.content.wrap(text_width):
            position = max(position, plain_text.find(line.plain, position))
            starts.append(position)
            segments = [Segment(" " * margin, base.rich_style)] if margin else []
            if block.kind == "note":
                segments.append(Segment(NOTE_BAR, (fill + self._part_style("reading--note-bar")).rich_style))
            elif indent:
                segments.append(Segment(" " * indent, base.rich_style))
            segments.extend(line.render_segments(fill))
            strip = Strip(segments).extend_cell_length(margin + column, fill.rich_style)
            strips.append(strip.extend_cell_length(width, base.rich_style))
        return strips, starts

    def render_lines(self, crop: Region) -> list[Strip]:
        # The pane's style, and a blank line in it, are worked out once per redraw, not once a line.
        self._render_style = style = self.rich_style
        self._blank_line = Strip.blank(self.scrollable_content_region.width, style)
        try:
            return super().render_lines(crop)
        finally:
            self._render_style = self._blank_line = None

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_y) + y
        width = self.scrollable_content_region.width
        style = self._render_style or self.rich_style
        if 0 <= index < len(self._lines):
            line = self._lines[index]
            return line if width == self._layout_width else line.crop_extend(0, width, style)
        if self._blank_line is not None and self._blank_line.cell_length == width:
            return self._blank_line
        return Strip.blank(width, style)

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width != self._layout_width:
            self._layout()
        else:
            self._report_view()

    def on_mount(self) -> None:
        # The lines are built ahead of time with the theme's colours: a new theme rebuilds them.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._rebuild())

    # --- scrolling and what is on screen -----------------------------------------------------

    def _paragraph_lines(self, paragraph: int) -> tuple[int, int]:
        for block, lines in zip(self.blocks, self._block_lines):
            if block.kind == "paragraph" and block.paragraph == paragraph:
                return lines
        return (0, 0)

    def _scroll_pending(self) -> None:
        if self._pending_scroll is None:
            return
        paragraph, self._pending_scroll = self._pending_scroll, None
        top = self._paragraph_lines(paragraph)[0] - 1 if paragraph else 0
        self.scroll_to(y=max(0, top), animate=False, immediate=True, force=True)

    def _scroll_to_link(self, link: NameLink) -> None:
        """Scroll just enough to show the line the name is on."""
        if not self._lines:
            self._pending_scroll = link.paragraph  # not laid out: show its paragraph when it is
            return
        for index, block in enumerate(self.blocks):
            if block.kind == "paragraph" and block.paragraph == link.paragraph:
                first, _last = self._block_lines[index]
                starts = self._line_starts[index]
                line = first + max(i for i, start in enumerate(starts) if start <= link.start or i == 0)
                self.scroll_to_region(Region(0, line, 1, 1), animate=False, immediate=True, force=True)
                return

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self._report_view()

    def _report_view(self) -> None:
        if self.section is None or not self._lines:
            return
        visible = self.in_view
        self._update_progress(visible)
        if visible and self._reported != (self.section.id, visible):
            self._reported = (self.section.id, visible)
            self.post_message(ParagraphsInView(self.section.id, visible))

    def _update_progress(self, visible: tuple[int, ...]) -> None:
        assert self.section is not None
        read = self._paragraphs_before[self.section.index] + (visible[-1] if visible else 0)
        percent = round(100 * read / self._total_paragraphs) if self._total_paragraphs else 100
        bar = proportional_strip(
            PROGRESS_BAR_WIDTH,
            self._total_paragraphs,
            [Mark(0, read, self.get_component_rich_style("reading--progress-done"), "━")] if read else [],
            self.get_component_rich_style("reading--progress-todo"),
        )
        label = f" Section {self.section.index + 1} of {len(self.dataset.sections)} · {percent}% "
        self.border_subtitle = Content(label) + Content.from_rich_text(bar) + Content(" ")

    # --- actions -----------------------------------------------------------------------------

    def action_step_link(self, step: int) -> None:
        """Select the next (1) or previous (-1) name: the first or last on screen when none is
        selected there, else the neighbour in reading order, scrolling it into view."""
        if not self.links:
            return
        in_view = self.in_view
        if self.selected is None or self.selected.paragraph not in in_view:
            candidates = [link for link in self.links if link.paragraph in in_view] or list(self.links)
            target = candidates[0] if step > 0 else candidates[-1]
        else:
            index = self.links.index(self.selected) + step
            if not 0 <= index < len(self.links):
                self.app.bell()
                return
            target = self.links[index]
        self.selected = target
        self._rebuild()
        self._scroll_to_link(target)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "follow_link" and self.selected is None:
            return False  # listed in the footer only once a name is selected
        return True

    def action_follow_link(self) -> None:
        if self.selected is not None:
            self.post_message(Navigate(Location("person", self.selected.person_id)))

    def action_step_section(self, step: int) -> None:
        if self.section is None:
            return
        index = self.section.index + step
        if 0 <= index < len(self.dataset.sections):
            self.post_message(Navigate(Location("section", self.dataset.sections[index].id)))
        else:
            self.app.bell()

    def on_click(self, event: events.Click) -> None:
        person_id = event.style.meta.get("person")
        if person_id is not None:
            event.stop()
            self.post_message(Navigate(Location("person", person_id)))


def _spans(text: str, needles: Iterable[str]) -> tuple[tuple[int, int], ...]:
    return tuple(span for span in (excerpt_span(text, needle) for needle in needles) if span is not None)


def _paragraph_offsets(dataset: Dataset) -> tuple[int, ...]:
    """How many paragraphs come before each section."""
    offsets, total = [], 0
    for section in dataset.sections:
        offsets.append(total)
        total += len(section.paragraphs)
    return tuple(offsets)
