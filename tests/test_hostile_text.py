"""Hostile text is inert: data that looks like markup, Markdown, HTML or a terminal control sequence is
shown literally and harmlessly, in the App and on a real pseudo-terminal.

tests/data/hostile is a valid dataset whose names, titles, paragraphs, quotes, notes, scenes and events
hold every case in CASES (a control character as the U+FFFD shown for it: the checker refuses the
characters themselves, see tests/test_refused_characters.py). Each case is checked four ways: the
dataset really holds it (as YAML reads it); the App shows it literally (its cleaned form, read back from the screen); nothing on screen
carries a link, a click action or a control character; and the bytes the installed `anora-tui` command
writes to a pseudo-terminal contain none of the hostile sequences.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from test_e2e_tmux import installed_command
from textual import events
from textual.widgets import Input
from ui_harness import find_on_screen, screen_strips, screen_text, settle, wait_for, widget_words

from anora_tui.core.loading.loader import load_dataset
from anora_tui.core.model import Dataset
from anora_tui.core.navigation import Location
from anora_tui.core.search import QuoteIndex, parse_query
from anora_tui.ui.app import AnoraApp
from anora_tui.ui.messages import Navigate
from anora_tui.ui.screens.search import SearchScreen
from anora_tui.ui.widgets.title_bar import TitleBar

pytestmark = pytest.mark.usefixtures("quick_pilot")  # the App tests poll for idle every 2 ms
HOSTILE_DATA_DIR = Path(__file__).parent / "data" / "hostile"
WIDE = (160, 48)  # every pane at once


@dataclass(frozen=True)
class HostileCase:
    name: str
    raw: str  # as YAML reads it from the hostile dataset
    shown: str  # what the reader must show instead (the same text, for markup)
    never_sent: bytes | None = None  # what must never reach the terminal


MARKUP_CASES = [
    HostileCase("Rich markup tags lose nothing", "[bold]x[/bold]", "[bold]x[/bold]"),
    HostileCase("an unclosed closing tag does not crash", "[/", "[/"),
    HostileCase("a stray closing tag does not crash", "[/i]", "[/i]"),
    HostileCase("index-like brackets are kept", "dict[key]", "dict[key]"),
    HostileCase("a click action stays text", "[@click=app.quit]boom[/]", "[@click=app.quit]boom[/]"),
    HostileCase(
        "a link tag stays text",
        "[link='https://example.com']x[/link]",
        "[link='https://example.com']x[/link]",
        b"\x1b]8;",
    ),
    HostileCase("a variable stays text", "[$var]", "[$var]"),
    HostileCase("a trailing backslash escapes nothing", "backslash\\", "backslash\\"),
    HostileCase("a Markdown heading stays a paragraph", "# Not a heading", "# Not a heading"),
    HostileCase("HTML stays text", "<div>not html</div>", "<div>not html</div>"),
    HostileCase("Markdown emphasis or a list marker stays text", "* x *", "* x *"),
]
CONTROL_CASES = [
    HostileCase(
        "OSC 52 (clipboard write)", "\x1b]52;c;SGVsbG8=\x07", "\ufffd]52;c;SGVsbG8=\ufffd", b"\x1b]52"
    ),
    HostileCase("OSC 0 (window title)", "\x1b]0;PWNED-TITLE\x07", "\ufffd]0;PWNED-TITLE\ufffd", b"\x1b]0;"),
    HostileCase("CSI clear screen", "\x1b[2J", "\ufffd[2J", b"\x1b[2J"),
    HostileCase("CSI cursor position report", "\x1b[6n", "\ufffd[6n", b"\x1b[6n"),
    HostileCase("C1 control U+009B (one-character CSI)", "\x9b31m", "\ufffd31m", "\x9b".encode()),
    HostileCase("NUL", "nul \x00 byte", "nul \ufffd byte", b"\x00"),
    HostileCase("DEL", "del \x7f char", "del \ufffd char", b"\x7f"),
    HostileCase("bidi override U+202E", "bidi \u202eevil\u202c override", "bidi evil override", "\u202e".encode()),
]
CASES = MARKUP_CASES + CONTROL_CASES
CASE_IDS = [case.name for case in CASES]

# Characters that must never be drawn: C0 and C1 controls, DEL, bidirectional controls.
UNSAFE_CHARACTER = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def hostile_dataset() -> Dataset:
    return load_dataset(HOSTILE_DATA_DIR)


def strings_in(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for pair in value.items() for item in pair for s in strings_in(item)]
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in strings_in(item)]
    if hasattr(value, "__dataclass_fields__"):
        return [s for name in value.__dataclass_fields__ for s in strings_in(getattr(value, name))]
    return []


def unsafe_drawing(app) -> list[str]:
    """Anything on screen that is not plain text: control characters, links, click actions."""
    found = []
    for y, strip in enumerate(screen_strips(app)):
        for segment in strip:
            if UNSAFE_CHARACTER.search(segment.text):
                found.append(f"row {y}: control character in {segment.text!r}")
            style = segment.style
            if style is not None and (style.link or "@click" in (style.meta or {})):
                found.append(f"row {y}: link or action on {segment.text!r}")
    return found


async def show(pilot, app: AnoraApp, kind: str, record_id: str) -> None:
    app.post_message(Navigate(Location(kind, record_id)))
    await settle(pilot)


# --- the dataset ---------------------------------------------------------------------------------


def test_the_hostile_dataset_holds_every_case_raw(hostile_dataset):
    """Markup as it is; a control character as the U+FFFD the reader shows for it: the checker refuses
    the characters themselves (tests/test_refused_characters.py), so no dataset that loads has them."""
    raw_strings = [
        s for path in sorted(HOSTILE_DATA_DIR.glob("*.yaml")) for s in strings_in(yaml.safe_load(path.read_text()))
    ]
    for case in CASES:
        assert any((case.raw if case in MARKUP_CASES else case.shown) in s for s in raw_strings), case.name


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_loading_keeps_markup_and_makes_controls_visible(hostile_dataset, case):
    loaded = strings_in(hostile_dataset)
    assert any(case.shown in s for s in loaded)
    if case.raw != case.shown:
        assert not any(case.raw in s for s in loaded)
    assert not any(UNSAFE_CHARACTER.search(s) for s in loaded)


# --- the App ---------------------------------------------------------------------------------------


async def visit_every_view(pilot, app: AnoraApp, dataset: Dataset) -> list[str]:
    """The text of every view that shows data, each checked for unsafe drawing on the way."""
    texts: list[str] = []

    def look(*widgets) -> None:
        assert unsafe_drawing(app) == []
        texts.extend(widget_words(app, widget) for widget in widgets)

    await settle(pilot)
    panes = (app.query_one(TitleBar), app.contents, app.reading, app.people, app.timeline)
    look(*panes)
    for section in dataset.sections[1:]:
        await show(pilot, app, "section", section.id)
        look(app.reading)
    for person in dataset.people:
        await show(pilot, app, "person", person.id)
        look(app.people)
    for scene in dataset.scenes:
        await show(pilot, app, "scene", scene.id)
        look(app.timeline)
    for event in dataset.events:
        await show(pilot, app, "event", event.id)
        look(app.timeline)
    await pilot.press("slash")  # every quote, with its speaker
    await settle(pilot)
    look(app.screen)
    await pilot.press("escape", "ctrl+p", *"o")  # the palette's hits for the letter o
    await wait_for(pilot, lambda: "Osc Writer" in screen_text(app))
    look(app.screen)
    await pilot.press("escape")
    return texts


async def test_the_reader_shows_every_case_literally_and_nothing_else(hostile_dataset, tmp_path):
    app = AnoraApp(hostile_dataset, state_path=tmp_path / "state.json")
    async with app.run_test(size=WIDE) as pilot:
        shown = " ".join(await visit_every_view(pilot, app, hostile_dataset))
        assert app.is_running
    missing = [case.name for case in CASES if case.shown not in shown]
    assert missing == []


async def test_paragraphs_are_shown_as_written(hostile_dataset, tmp_path):
    app = AnoraApp(hostile_dataset, state_path=tmp_path / "state.json")
    async with app.run_test(size=WIDE) as pilot:
        for section in hostile_dataset.sections:
            await show(pilot, app, "section", section.id)
            reading = widget_words(app, app.reading)
            for paragraph in section.paragraphs:
                assert " ".join(paragraph.split()) in reading
        header = widget_words(app, app.query_one(TitleBar))
        assert hostile_dataset.article.title in header


async def test_clicking_hostile_text_runs_no_action(hostile_dataset, tmp_path, monkeypatch):
    app = AnoraApp(hostile_dataset, state_path=tmp_path / "state.json")
    actions: list[str] = []
    opened: list[str] = []
    run_action = AnoraApp.run_action

    async def recording_run_action(self, action, *args, **kwargs):
        # Every action reaches run_action, a click on `@click` text included: "app.quit", or parsed.
        name = action.partition("(")[0].rpartition(".")[2] if isinstance(action, str) else action[1]
        actions.append(name)
        return await run_action(self, action, *args, **kwargs)

    monkeypatch.setattr(AnoraApp, "run_action", recording_run_action)
    monkeypatch.setattr(AnoraApp, "open_url", lambda self, url, **kwargs: opened.append(url))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        for needle in ("[@click=app.quit]boom", "[link='https://example.com']x", "Quit Gazette", "Clerk[/]"):
            x, y = find_on_screen(app, needle)
            for offset in (1, len(needle) // 2, len(needle) - 1):
                await pilot.click(offset=(x + offset, y))
                await settle(pilot)
                assert app.is_running, needle
        assert "quit" not in actions and opened == []


# --- search input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("[/", ["dict-key-quote", "click-quote"]),  # literally, in "[/bold]" and "[/]"
        ("[@click=app.quit]", ["click-quote"]),
        ("\\", ["backslash-quote"]),
        ("(", []),
        ("[a-", []),
        ("*", []),
        ('"', "all"),  # an empty phrase: no condition
        ("@", "all"),  # a speaker filter without a name: no condition
        ("@nobody", []),
    ],
)
def test_queries_are_matched_literally(hostile_dataset, query, expected):
    index = QuoteIndex(hostile_dataset)
    found = [hit.quote.id for hit in index.search(query).hits]
    if expected == "all":
        expected = [quote.id for quote in sorted(hostile_dataset.quotes, key=lambda q: q.order)]
    assert found == expected


def test_a_10000_character_paste_gives_a_sensible_answer(shipped_dataset):
    index = QuoteIndex(shipped_dataset)
    article = " ".join(p for section in shipped_dataset.sections for p in section.paragraphs)
    quote = shipped_dataset.quotes[0].text
    pastes = [article[:10_000], article[-10_000:], "x" * 10_000, quote + " " + article[:10_000 - len(quote)]]
    for paste in pastes:
        result = index.search(paste)
        assert list(result.hits[:10]) == []
        assert result.count == 0  # no quote holds every word of a page of text


def test_a_paste_of_one_word_repeated_is_searched_as_that_word_once(shipped_dataset):
    # A 10,000-character paste costs what one word costs: the query keeps each term once.
    # (Its speed is the search benchmark's business; tests never time anything.)
    assert parse_query("the " * 2_500).terms == ("the",)
    assert parse_query('!x !x "a b" "a  b" @ani @ani').excluded == ("x",)
    index = QuoteIndex(shipped_dataset)
    assert [hit.quote.id for hit in index.search("the " * 2_500).hits] == [
        hit.quote.id for hit in index.search("the").hits
    ]


async def test_control_characters_pasted_into_the_search_box_are_not_drawn(hostile_dataset, tmp_path):
    app = AnoraApp(hostile_dataset, state_path=tmp_path / "state.json")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        app.screen.query_one(Input).post_message(events.Paste("zz \x1b]52;c;SGVsbG8=\x07 \x9b6n \u202eevil"))
        await settle(pilot)
        assert "0 of 5 quotes" in screen_text(app)
        assert unsafe_drawing(app) == []


# --- a real terminal -------------------------------------------------------------------------------


class PseudoTerminal:
    """A program running on a pseudo-terminal of a given size, with everything it writes kept."""

    def __init__(self, argv: list[str], size: tuple[int, int], env: dict[str, str]) -> None:
        self.master, follower = os.openpty()
        columns, rows = size
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        # As a terminal starts a program: with no signal ignored. A test run started under `nohup`, or
        # as a background job of a shell, ignores SIGHUP or SIGINT, and a program keeps a signal it
        # was started ignoring ignored (the reader does, as `nohup` asks).
        ignored = [signum for signum in (signal.SIGHUP, signal.SIGINT) if signal.getsignal(signum) is signal.SIG_IGN]
        for signum in ignored:
            signal.signal(signum, signal.SIG_DFL)
        try:
            self.process = subprocess.Popen(
                argv, stdin=follower, stdout=follower, stderr=follower, env=env, start_new_session=True
            )
        finally:
            for signum in ignored:
                signal.signal(signum, signal.SIG_IGN)
        os.close(follower)
        self.output = bytearray()

    def read_until(self, done, timeout: float) -> bool:
        """Keep reading until `done(text so far)` holds, the program closes the terminal, or time runs out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if done(self.text):
                return True
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # EIO: every copy of the other end is closed
                    chunk = b""
                if not chunk:
                    return done(self.text)
                self.output.extend(chunk)
        return done(self.text)

    @property
    def text(self) -> str:
        """The output as text with Textual's style codes taken out (they split styled runs)."""
        return re.sub(r"\x1b\[[0-9;]*m", "", self.output.decode("utf-8", errors="replace"))

    def send(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def close(self) -> int:
        try:
            return self.process.wait(timeout=10)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            os.close(self.master)


# Every escape sequence Textual itself writes here: cursor moves, style, modes, its keyboard protocol
# and mouse pointer shape. Anything else starting with ESC came from somewhere else.
TEXTUAL_SEQUENCE = re.compile(
    rb"\x1b\[[0-9;]*[mHABCDGK]|\x1b\[\?[0-9;]+[hl]|\x1b\[\?[0-9]+\$p|\x1b\[[<>=][0-9;]*u|\x1b\]22;[a-z-]*\x07"
)


def test_the_terminal_receives_none_of_the_hostile_sequences(tmp_path):
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    terminal = PseudoTerminal([installed_command(), "--data", str(HOSTILE_DATA_DIR)], (150, 45), env)
    try:
        assert terminal.read_until(lambda text: "# Not a heading" in text, timeout=30), terminal.text[-2000:]
        terminal.send(b"l")  # the next section: the control characters
        assert terminal.read_until(lambda text: "override" in text and "Bidi" in text, timeout=10), terminal.text[-2000:]
        terminal.send(b"q")
        terminal.read_until(lambda text: False, timeout=10)  # to the end
    finally:
        status = terminal.close()
    assert status == 0
    output, text = bytes(terminal.output), terminal.text
    for case in CASES:
        assert case.shown in text, case.name  # drawn, as text
        if case.never_sent is not None:
            assert case.never_sent not in output, case.name
    assert "PWNED-TITLE\x07" not in text and "SGVsbG8=\x07" not in text
    foreign = TEXTUAL_SEQUENCE.sub(b"", output)
    assert b"\x1b" not in foreign, foreign[foreign.index(b"\x1b") - 40 :][:80]
