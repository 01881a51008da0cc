"""The reader's bookmark keys, mixed into the App: what `B` bookmarks where the reader is, the list
(`'`), and a bookmark removed from it. The App keeps `bookmarks` and saves them with the state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.bookmarks import bookmark_place, describe
from ..core.navigation import Location
from .messages import Navigate
from .widgets.link_list import LinkList

if TYPE_CHECKING:
    from .app import AnoraApp
    from .screens.bookmarks import BookmarksScreen  # imported when the list is first opened

    _Base = AnoraApp
else:
    _Base = object


class BookmarkKeys(_Base):
    """The bookmark actions of `AnoraApp` (which gates them to the reader's own screen)."""

    def action_bookmark(self) -> None:
        place = self._bookmark_target()
        if place is None:
            self.notify("Nothing here to bookmark.", markup=False)
            return
        described = describe(self.dataset, place)
        if place in self.bookmarks:
            self.notify(f"Already bookmarked: {described.where}", markup=False)
            return
        self.bookmarks = (*self.bookmarks, place)
        self.notify(f"Bookmarked: {described.where} (' lists your bookmarks)", markup=False)
        self.save_place()

    def _bookmark_target(self) -> Location | None:
        """In the reading pane, the paragraph the reader is at (see `ReadingPane.paragraph_read`); in
        another pane, the selected quote, person, scene, event or paragraph, or else the detail open
        there."""
        if self.active_pane == "reading":
            reading = self.reading
            if reading.section_id is None:
                return None
            return Location("section", reading.section_id, reading.paragraph_read)
        focused = self.focused
        if isinstance(focused, LinkList) and (location := focused.highlighted_location) is not None:
            return bookmark_place(location)
        if self.active_pane == "people" and self.people.showing_detail and self.people.detail.person_id:
            return Location("person", self.people.detail.person_id)
        if self.active_pane == "timeline" and self.timeline.open is not None:
            return self.timeline.open
        return None

    def action_bookmarks(self) -> None:
        from .screens.bookmarks import BookmarksScreen

        def chosen(place: Location | None) -> None:
            if place is not None:
                self.post_message(Navigate(place))

        self.push_screen(BookmarksScreen(self.dataset, self.bookmarks), chosen)

    def on_bookmarks_screen_removed(self, message: BookmarksScreen.Removed) -> None:
        self.bookmarks = tuple(place for place in self.bookmarks if place != message.place)
        self.notify(f"Removed the bookmark: {describe(self.dataset, message.place).where}", markup=False)
        self.save_place()
