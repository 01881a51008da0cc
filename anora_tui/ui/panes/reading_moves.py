"""The reader's moves in the reading pane: stepping through the names and following one, the next and
previous section, paging on across sections, and the landing mark dropped once the reader moves."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from textual import events

from ...core.navigation import Location
from ...core.places import NameLink
from ..messages import Navigate
from ..widgets.before_layout import MovesWaitForLayout

if TYPE_CHECKING:
    from .reading import ReadingPane

    _Base = ReadingPane
else:
    _Base = object


class ReadingMoves(MovesWaitForLayout, _Base):
    """The reading pane's actions (its `BINDINGS` name them) and its clicks."""

    def action_step_link(self, step: int) -> None:
        """Select the next (1) or previous (-1) name: the first or last on screen when none is
        selected there, else the neighbour in reading order, scrolling it into view."""
        if not self.links:
            return
        on_screen = self.links_on_screen()
        if self.selected is None or self.selected not in on_screen:
            candidates = on_screen or self._links_past_screen(step)
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

    def _links_past_screen(self, step: int) -> list[NameLink]:
        """With no name on screen: the names after it (stepping on) or before it (stepping back),
        so the next name is the one below the screen and the previous one above; all, if none."""
        top, _bottom = self._screen_lines()
        lines = self.link_lines()
        past = [link for link, line in lines if line >= top] if step > 0 else [link for link, line in lines if line < top]
        return past or list(self.links)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "follow_link":
            return self.selected is not None  # listed in the key bar only once a name is selected
        if action in ("step_link", "no_names"):
            return bool(self.links) is (action == "step_link")
        if action in ("step_section", "no_section"):
            return self.section is not None and self._can_step(int(parameters[0])) is (action == "step_section")
        return True

    def keys_offered(self) -> tuple[bool, ...]:
        """What the key bar shows of this pane's keys depends on: a change asks it to read them again."""
        if self.section is None:
            return ()
        return self.selected is not None, bool(self.links), self._can_step(-1), self._can_step(1)

    def _can_step(self, step: int) -> bool:
        return 0 <= self._section_index() + step < len(self.dataset.sections)

    def action_no_names(self) -> None:
        self.app.bell()
        self.notify("This section names no one.", title="Reading", timeout=3, markup=False)

    def action_no_section(self, step: int) -> None:
        self.app.bell()
        self._say_no_section(step)

    def _say_no_section(self, step: int) -> None:
        self.notify("This is the last section." if step > 0 else "This is the first section.",
                    title="Reading", timeout=3, markup=False)

    def action_follow_link(self) -> None:
        if self.selected is not None:
            self.post_message(Navigate(Location("person", self.selected.person_id)))

    def action_step_section(self, step: int) -> None:
        if self.section is None:
            return
        if not self._go_to_section(self._section_index() + step):  # it rings the bell
            self._say_no_section(step)

    def _go_to_section(self, index: int, at_end: bool = False) -> bool:
        """Ask for the section at `index` (at its end, if `at_end`); False if there is none."""
        if not 0 <= index < len(self.dataset.sections):
            self.app.bell()
            return False
        section_id = self.dataset.sections[index].id
        self._arrive_at_end = section_id if at_end else None
        self._sections_asked.append(index)
        self.post_message(Navigate(Location("section", section_id)))
        return True

    def _section_index(self) -> int:
        """The section the reader's keys move from: the last one asked for, if it is not open yet."""
        return self._sections_asked[-1] if self._sections_asked else self.section.index

    def _arrived(self, index: int) -> None:
        """A section was opened. One the keys asked for on the way to the last: keep going. The
        last: the page keys pressed on the way are done now, in it. Any other (Back, a click): the
        way is abandoned, and so are those keys."""
        if not self._sections_asked:
            return
        if index not in self._sections_asked:
            self._sections_asked, self._pages_on_arrival = [], 0
            self._run_after_arrival()
            return
        del self._sections_asked[: self._sections_asked.index(index) + 1]
        if self._sections_asked:
            return
        pages, self._pages_on_arrival = self._pages_on_arrival, 0
        if pages:
            self.call_after_refresh(self._page_on, pages)  # from the place shown, once it is shown
        self._run_after_arrival()

    @property
    def on_the_way(self) -> bool:
        """Whether sections the keys asked for are still to open."""
        return bool(self._sections_asked)

    def after_arrival(self, action: Callable[[], object]) -> bool:
        """Do `action` once the sections the keys asked for are open (True), so a key pressed after
        them in a burst (Back: `l l l b`) comes after them; False, and nothing done, if none is on
        its way."""
        if not self._sections_asked:
            return False
        self._after_arrival.append(action)
        return True

    def _run_after_arrival(self) -> None:
        actions, self._after_arrival = self._after_arrival, []
        for action in actions:
            self.call_after_refresh(action)

    def _page_on(self, pages: int, waits: int = 10) -> None:
        if self._place_to_show and waits:
            # Not laid out yet (a refresh can come before the new section's layout): paged now, the
            # layout would then show the section from its top over the pages.
            self.call_after_refresh(self._page_on, pages, waits - 1)
            return
        for _ in range(abs(pages)):
            self.action_page_down() if pages > 0 else self.action_page_up()

    def _page_later(self, pages: int) -> bool:
        """A page key pressed while a section is on its way: done once it is open (True)."""
        if not self._sections_asked:
            return False
        self._pages_on_arrival += pages
        return True

    # Reading straight through: at the end of a section the page keys go on into the next one, and
    # at its top back into the previous one (opened at its end), as epy and less do.

    def action_page_down(self) -> None:
        if self.waits_for_layout(self.action_page_down):
            return
        self._reader_moved()
        if self.section is None or self._page_later(1):
            return
        if self._scroll_goal() < self.max_scroll_y:
            self._page(1)
        elif not self._go_to_section(self.section.index + 1):
            self.notify("The end of the article.", title="Reading", timeout=3, markup=False)

    def action_page_up(self) -> None:
        if self.waits_for_layout(self.action_page_up):
            return
        self._reader_moved()
        if self.section is None or self._page_later(-1):
            return
        if self._scroll_goal() > 0:
            self._page(-1)
        elif not self._go_to_section(self.section.index - 1, at_end=True):
            self.notify("The start of the article.", title="Reading", timeout=3, markup=False)

    def _page(self, pages: int) -> None:
        """A page on from where the scroll is going (not from where an animation has got to), so
        quick presses each move a whole page."""
        self.scroll_to(y=self._scroll_goal() + pages * self.scrollable_content_region.height)

    def action_scroll_up(self) -> None:
        self._reader_moved()
        super().action_scroll_up()

    def action_scroll_down(self) -> None:
        self._reader_moved()
        super().action_scroll_down()

    def action_scroll_home(self) -> None:
        self._reader_moved()
        super().action_scroll_home()

    def action_scroll_end(self) -> None:
        if self.waits_for_layout(self.action_scroll_end):
            return
        self._reader_moved()
        super().action_scroll_end()

    def on_mouse_scroll_down(self) -> None:
        self._reader_moved()

    def on_mouse_scroll_up(self) -> None:
        self._reader_moved()

    def _reader_moved(self) -> None:
        """The reader moves on from where a jump landed: the landing mark has done its job."""
        if self.landing is not None:
            self.landing = self.highlight = None
            self._rebuild()

    def on_click(self, event: events.Click) -> None:
        person_id = event.style.meta.get("person")
        if person_id is not None:
            event.stop()
            self.post_message(Navigate(Location("person", person_id)))
