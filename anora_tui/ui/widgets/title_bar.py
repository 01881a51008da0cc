"""The top line: the article's title and where and when it was published, centred, cut with an
ellipsis when the terminal is narrow. One widget (Textual's `Header` is four, with an icon and a clock
space the reader does not use)."""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.widget import Widget


class TitleBar(Widget, can_focus=False):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"title-bar--title", "title-bar--sub-title"}

    def __init__(self, title: str, sub_title: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.title_text = title
        self.sub_title_text = sub_title

    def render(self) -> Content:
        line = Content.assemble(
            (self.title_text, ".title-bar--title"),
            (" — " + self.sub_title_text, ".title-bar--sub-title") if self.sub_title_text else "",
        )
        return line.truncate(self.size.width, ellipsis=True)
