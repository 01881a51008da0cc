"""The reading pane's sections laid out ahead, in idle time once the pane has a width: opening one then
takes its lines as they are and draws what is on screen (wrapping a long section at 200 columns was
most of an open's own work).

What is made ahead is a section as it opens from the contents or by a key: no landing mark, no
highlight, no selected name. The layouts are kept for the width and the look (the pane's style and its
parts' styles: a theme changes them) they were made with; at another width or look they are made
again. A section opened with a mark is laid out as before; one opened without is kept as well.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Generator, Hashable, Iterator

from ...core.places import section_links
from .reading_blocks import LaidOut

if TYPE_CHECKING:
    from .reading import ReadingPane

    _Base = ReadingPane
else:
    _Base = object

SECTIONS_KEPT = 64  # layouts kept (the oldest dropped): the sections last opened in a very long article
SECTIONS_MADE_AHEAD = SECTIONS_KEPT  # up to this many sections, every one is laid out ahead; with more, none is
START_PAUSE = 0.05  # seconds from the pane's first layout (the first frame) to the first step
STEP_PAUSE = 0.005  # seconds between two steps (a few blocks each): keys and redraws come between


def run_to_end(steps: Generator[None, None, LaidOut]) -> LaidOut:
    """A layout's steps (`BlockDrawing._lay_out`) run without a pause: the layout."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value


class LaidOutAhead:
    """Layouts of sections by id, all of one look (what they were made with: width and styles)."""

    def __init__(self) -> None:
        self.look: Hashable = None
        self._sections: dict[str, LaidOut] = {}

    def get(self, look: Hashable, section_id: str) -> LaidOut | None:
        return self._sections.get(section_id) if look == self.look else None

    def holds_all(self, look: Hashable, count: int) -> bool:
        """Whether `count` sections (all there are) are kept at this look."""
        return look == self.look and len(self._sections) >= count

    def keep(self, look: Hashable, section_id: str, laid_out: LaidOut) -> None:
        """Keep a layout; one of another look drops those kept."""
        if look != self.look:
            self._sections.clear()
            self.look = look
        self._sections.pop(section_id, None)
        if len(self._sections) >= SECTIONS_KEPT:
            del self._sections[next(iter(self._sections))]
        self._sections[section_id] = laid_out


class ReadingAhead(_Base):
    """Mixed into the reading pane: its layouts kept and made ahead (`LaidOutAhead`)."""

    _making_ahead = False

    def _look(self, width: int) -> Hashable:
        """What a layout depends on besides the section: the width, the pane's style and its parts'."""
        return (width, self.visual_style, *(self._part_style(name) for name in sorted(self.COMPONENT_CLASSES)))

    def _unmarked(self) -> bool:
        """Whether the open section shows none of the reader's marks (landing, highlight, selection)."""
        return self.landing is None and self.highlight is None and self.selected is None

    def _made_ahead(self, width: int) -> LaidOut | None:
        """The open section's layout at `width`, made ahead (or kept), if it can be shown as it is."""
        if self.section is None or width <= 0 or not self._unmarked():
            return None
        return self.laid_out_ahead.get(self._look(width), self.section.id)

    def _keep_laid_out(self, width: int, laid_out: LaidOut) -> None:
        """Keep the open section's layout, if it shows no marks: it opens from it next time."""
        if self.section is not None and self._unmarked():
            self.laid_out_ahead.keep(self._look(width), self.section.id, laid_out)

    def _make_sections_ahead(self, width: int) -> None:
        """Begin laying out the other sections at the pane's width, in idle time (unless under way,
        or all are laid out already)."""
        count = self.dataset.count_of("sections")
        if self._making_ahead or count > SECTIONS_MADE_AHEAD or self.laid_out_ahead.holds_all(self._look(width), count):
            return
        self._making_ahead = True
        steps = self._sections_made_ahead()

        def step() -> None:
            pause = next(steps, None) if self.is_mounted else None
            if pause is not None:
                self.set_timer(pause, step)
                return
            self._making_ahead = False
            if self.is_mounted:
                from .detail_view import keep_out_of_the_collectors_reach

                keep_out_of_the_collectors_reach()

        self.set_timer(START_PAUSE, step)

    def _sections_made_ahead(self) -> Iterator[float]:
        """Lay out every section not yet laid out at the pane's width and look, the next ones first,
        yielding the pause to take after each step; from the start again if the width or the look
        changes meanwhile, and not at all while the pane is hidden (its next layout begins again)."""
        sections = self.dataset.sections
        while True:
            width = self.scrollable_content_region.width
            if width <= 0:
                return
            look = self._look(width)
            start = self.section.index + 1 if self.section is not None else 0
            for offset in range(len(sections)):
                section = sections[(start + offset) % len(sections)]
                if self.laid_out_ahead.get(look, section.id) is not None:
                    continue
                blocks = list(self._make_blocks(section, section_links(self.dataset, section), marked=False))
                steps = self._lay_out(blocks, width, None)
                laid_out = None
                while laid_out is None:
                    try:
                        next(steps)
                    except StopIteration as done:
                        laid_out = done.value
                    else:
                        yield STEP_PAUSE
                        if self.scrollable_content_region.width != width:
                            break
                if laid_out is None or self._look(width) != look:
                    break  # laid out again at the new width or look
                self.laid_out_ahead.keep(look, section.id, laid_out)
                yield STEP_PAUSE
            else:
                return
