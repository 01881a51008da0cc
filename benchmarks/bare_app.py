"""The baseline for the start-up benchmark: a bare Textual app of the reader's shape that imports
nothing of this project. Header, three panes (a list of sections, a page of text, a list of people),
a Tree, an Input and a Footer, with the stock widgets and their default styles.

    python benchmarks/bare_app.py

It prints BARE_MARKER in its text pane, which `startup.py` waits for. q quits.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Input, OptionList, Static, Tree

BARE_MARKER = "The bare app is on screen"
PARAGRAPH = (
    "A film is made many times over: once on the page, once on set and once more in the edit, and "
    "each time by people who see a different part of it. This page stands in for an article's text. "
)


class BareApp(App):
    TITLE = "A bare Textual app"
    CSS = """
    #sections { width: 30; height: 1fr; }
    #text { width: 1fr; height: 1fr; padding: 0 2; }
    #side { width: 44; }
    #people, #timeline { height: 1fr; }
    """
    BINDINGS = [("q", "quit", "Quit"), ("slash", "focus_input", "Search")]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield OptionList(*(f"{number:>2}  Section {number}" for number in range(1, 14)), id="sections")
            yield Static(BARE_MARKER + ". " + PARAGRAPH * 12, id="text")
            with Vertical(id="side"):
                yield OptionList(*(f"Person {number}\n  {number} quotes" for number in range(1, 27)), id="people")
                tree: Tree[str] = Tree("Timeline", id="timeline")
                for number in range(1, 21):
                    tree.root.add_leaf(f"Scene {number}")
                tree.root.expand()
                yield tree
        yield Input(placeholder="Search")
        yield Footer()

    def action_focus_input(self) -> None:
        self.query_one(Input).focus()


if __name__ == "__main__":
    BareApp().run()
