"""The top line: the film's title (when the dataset names it), the article's title and where and
when it was published, centred, cut with an ellipsis when the terminal is narrow. One widget
(Textual's `Header` is four, with an icon and a clock space the reader does not use)."""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.widget import Widget

FILM_SEPARATOR = " │ "


class TitleBar(Widget, can_focus=False):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"title-bar--film", "title-bar--title", "title-bar--sub-title"}

    def __init__(self, title: str, sub_title: str, film: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.title_text = title
        self.sub_title_text = sub_title
        self.film_text = film

    def render(self) -> Content:
        line = Content.assemble(
            *((self.film_text, ".title-bar--film"), (FILM_SEPARATOR, ".title-bar--sub-title")) if self.film_text else (),
            (self.title_text, ".title-bar--title"),
            (" — " + self.sub_title_text, ".title-bar--sub-title") if self.sub_title_text else "",
        )
        return line.truncate(self.size.width, ellipsis=True)
