"""PageUp/PageDown for the `OptionList` the reader shows (the command palette's: its own lists are
`VirtualList`s, which page safely), safe in every state.

Textual's `OptionList` pages by looking up the line of the highlighted option, and it only counts
lines once it has a size: before its first layout, or while it is hidden (the "terminal too small"
notice, a collapsed pane, the palette's list in the instant after Ctrl+P), the lookup raises
`KeyError`. A list with no size shows no page, so there is no page to move by: the key does nothing.
"""

from __future__ import annotations

from textual.widgets import OptionList


def has_page(option_list: OptionList) -> bool:
    """Whether the list is laid out with room for at least one line (its lines are counted)."""
    region = option_list.scrollable_content_region
    return option_list.option_count > 0 and region.width > 0 and region.height > 0


def page(option_list: OptionList, direction: int) -> None:
    """Move the highlight a page up (`direction` < 0) or down, if the list has a page."""
    if not has_page(option_list):
        return
    if direction < 0:
        OptionList.action_page_up(option_list)
    else:
        OptionList.action_page_down(option_list)
