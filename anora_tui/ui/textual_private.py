"""Every use of a private Textual name, in one place, each with why it is needed.

Textual does not promise these names: `tests/test_textual_private.py` checks that each one still
exists on the installed Textual, so an upgrade that removes or renames one fails there, loudly, not
as a slower start or a stale list somewhere in the reader.
"""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import OptionList

# (owner, name) for every private name used below; the test reads this list.
PRIVATE_NAMES: tuple[tuple[str, str], ...] = (
    ("Screen", "_on_screen_resume"),
    ("Screen", "_compositor_refresh"),
    ("Screen", "_screen_resized"),
    ("Screen", "_repaint_required"),
    ("Screen", "_compositor"),
    ("OptionList", "_update_lines"),
    ("OptionList", "_on_resize"),
    ("OptionList", "_replace_option_prompt"),
    ("OptionList", "_option_render_cache"),
    ("OptionList", "_line_cache"),
    ("OptionList", "_get_left_gutter_width"),
    ("OptionList", "_get_visual"),
    ("Option", "_set_prompt"),
    ("Option", "_divider"),
    ("App", "_handle_exception"),
    ("App", "_exit_renderables"),
)


class QuickStartScreen(Screen):
    """A screen spared passes Textual makes while it starts: restyling every widget when the screen
    is first shown, although each was styled with the whole stylesheet as it was mounted (a widget's
    scoped default CSS can only match widgets mounted after it); drawing the first layout, which the
    widgets change at once; and laying out again for the start-up's reports of the very size it was
    first laid out at. Later resumes, paints and resizes are Textual's own. (No public hook does this:
    start-up is ~15% slower without it.)"""

    _resumed = False
    _resized = False
    _skip_paint = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Screen's own handler runs next, with this event.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False
            self._skip_paint = True

    def _compositor_refresh(self) -> None:
        # The first layout is not drawn: the widgets learn their sizes from it and most change at
        # once (the reading pane wraps its lines, the lists mark what it shows), so the next frame
        # draws them once, as they are, instead of twice.
        if self._skip_paint:
            self._skip_paint = False
            self._repaint_required = True
            return
        super()._compositor_refresh()

    def _screen_resized(self, size: Size) -> None:
        laid_out = self._compositor.size
        if not self._resized and laid_out and size == laid_out:
            return
        if laid_out and size != laid_out:
            self._resized = True
        super()._screen_resized(size)


class WidthCachedOptionList(OptionList):
    """An `OptionList` that keeps its wrapped and drawn rows while the width stays the same.

    OptionList forgets every wrapped and drawn row on each Resize and on each replaced prompt. Here
    the caches are dropped when the width they were made for changes, and a replaced prompt drops only
    its own row: relabelling a few rows (the lists mark what the reading pane shows on every scroll),
    or a resize that keeps the width (such as the first one after mounting), no longer redraws the
    whole list. (OptionList has no public API for either.)"""

    _cache_width: int | None = None  # the width the rows were wrapped and drawn at

    def _update_lines(self) -> None:
        region = self.scrollable_content_region
        if region and region.width != self._cache_width:
            self._option_render_cache.clear()
            self._line_cache.clear()
            self._cache_width = region.width
        super()._update_lines()

    def _on_resize(self, event: events.Resize) -> None:
        event.prevent_default()  # not OptionList's: `_update_lines` knows when the width changed
        if self.scrollable_content_region.width != self._cache_width:
            self.refresh()

    def _replace_option_prompt(self, index: int, prompt) -> None:
        option = self.get_option_at_index(index)
        option._set_prompt(prompt)
        cache = self._option_render_cache
        for key in [key for key in cache.keys() if key[0] is option]:
            cache.discard(key)
        line_cache = self._line_cache
        height = line_cache.heights.get(index)
        first_line = line_cache.index_to_line.get(index)
        if height is None or first_line is None or self._cache_width is None:
            self.refresh()
            return
        padding = self.get_component_styles("option-list--option").padding
        width = self._cache_width - self._get_left_gutter_width() - padding.width
        if self._get_visual(option).get_height(self.styles, width) + option._divider != height:
            line_cache.clear()  # the rows below move: count the lines again, draw them all
            self.refresh()
        else:
            self.refresh_lines(first_line, height)


class OneLineCrashApp(App):
    """An App whose unexpected errors go to `report_crash` (which writes the full report elsewhere)
    and end with the one line `report_crash` leaves, not Textual's traceback on the terminal.
    (`_handle_exception` is the one place every handler, worker and callback error reaches.)"""

    def report_crash(self, error: Exception) -> None:
        """Save what can be saved and write the report; called before the App exits."""

    def _handle_exception(self, error: Exception) -> None:
        self.report_crash(error)
        super()._handle_exception(error)
        self._exit_renderables.clear()
