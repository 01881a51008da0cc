"""The top line: the film's title (when the dataset names it), the article's title and where and
when it was published, centred, cut with an ellipsis when the terminal is narrow. One widget
(Textual's `Header` is four, with an icon and a clock space the reader does not use)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.widget import Widget

FILM_SEPARATOR = " │ "


class TitleBar(Widget, can_focus=False):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"title-bar--film", "title-bar--title", "title-bar--sub-title"}

    def __init__(self, title: str, sub_title: str, film: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.title_text = title
        self.sub_title_text = sub_title
        self.film_text = film

    def render(self) -> Text:
        line = Text(no_wrap=True, end="")
        if self.film_text:
            line.append(self.film_text, self.get_component_rich_style("title-bar--film"))
            line.append(FILM_SEPARATOR, self.get_component_rich_style("title-bar--sub-title"))
        line.append(self.title_text, self.get_component_rich_style("title-bar--title"))
        if self.sub_title_text:
            line.append(" — " + self.sub_title_text, self.get_component_rich_style("title-bar--sub-title"))
        line.truncate(self.size.width, overflow="ellipsis")
        return line
