"""The article's table of contents: one row per section, the open one marked; Enter opens a section."""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from textual.content import Content

from ...core.model import Dataset, Section
from ..content import plain
from ..focus import focus_now
from ..widgets.link_list import KeptLabels, LinkList, RecordRows

CURRENT_MARKER = "▸"
DEFAULT_LABEL_WIDTH = 26  # the list's width in the wide layout, until it has been laid out


class SectionsPane(LinkList):
    BORDER_TITLE = "Sections"
    COMPONENT_CLASSES: ClassVar[set[str]] = LinkList.COMPONENT_CLASSES | {"sections--current"}

    def __init__(self, dataset: Dataset, **kwargs) -> None:
        self.dataset = dataset
        self.current: str | None = None
        self._labelled_width = 0
        self._kept_labels = KeptLabels(256)
        super().__init__(
            RecordRows([(None, dataset.sections)], "section", self._label),
            **kwargs,
        )
        if dataset.article.headings == "editor":
            self.border_subtitle = "titles by the editor"

    def mark_current(self, section_id: str) -> None:
        """Mark the open section and move the highlight onto it."""
        previous, self.current = self.current, section_id
        for changed in {previous, section_id} - {None}:
            section = self.dataset.sections_by_id[changed]
            self.replace_option_prompt_at_index(section.index, partial(self._label, section))
        self.highlighted = self.dataset.sections_by_id[section_id].index

    def focus_default(self) -> None:
        focus_now(self)

    def back_out(self) -> bool:
        """Escape: the list has no deeper view to leave."""
        return False

    def on_resize(self) -> None:
        if self._label_width() != self._labelled_width:
            self._relabel_all()

    def _relabel_all(self) -> None:
        self._labelled_width = self._label_width()
        self.relabel_all()  # each label is made again, at the new width, when next drawn

    def _label_width(self) -> int:
        if not self.is_mounted:
            return DEFAULT_LABEL_WIDTH
        padding = self.get_component_styles("option-list--option").padding
        return max(0, self.scrollable_content_region.width - padding.width) or DEFAULT_LABEL_WIDTH

    def _label(self, section: Section) -> Content:
        """The section's row: the same label for the same mark and width (see `KeptLabels`)."""
        self._labelled_width = width = self._label_width()
        current = section.id == self.current
        return self._kept_labels.get((section.id, current, width), partial(self._make_label, section, current, width))

    def _make_label(self, section: Section, current: bool, width: int) -> Content:
        """Marker, number and title, a long title wrapping under itself (a hanging indent)."""
        prefix = f"{CURRENT_MARKER if current else ' '} {section.index + 1:>2} "
        lines = plain(section.title).wrap(max(1, width - len(prefix)))
        label = Content("\n").join(
            Content(prefix if index == 0 else " " * len(prefix)) + line for index, line in enumerate(lines)
        )
        # The component class by name, not its style now: it is looked up as the row is drawn, so a
        # new theme recolours it.
        return label.stylize(".sections--current") if current else label
