"""Finding and citing in the whole reader: the text scope, n/N, the search history, names as credited,
the palette's ranking, and copying a quote with its citation."""

from __future__ import annotations

import pytest
from ui_harness import (
    SIZES,
    WIDE,
    burst,
    focused_pane,
    notices,
    palette,
    palette_search_done,
    press_until,
    screen_text,
    settle,
    wait_for,
)

from anora_tui.core.navigation import Location
from anora_tui.core.places import quote_location
from anora_tui.core.search import match_number
from anora_tui.core.state import load_state
from anora_tui.ui.app import AnoraApp
from anora_tui.ui.clipboard import clipboard_caveat
from anora_tui.ui.messages import Navigate
from anora_tui.ui.screens.search import SearchScreen
from anora_tui.ui.widgets.link_list import LinkList

pytestmark = pytest.mark.usefixtures("place_saved_at_exit")


def key_bar(app: AnoraApp) -> str:
    return screen_text(app).splitlines()[-1]


@pytest.fixture(autouse=True)
def known_terminal(monkeypatch):
    monkeypatch.setenv("TERM_PROGRAM", "WezTerm")
    monkeypatch.delenv("TMUX", raising=False)


async def search(pilot, app: AnoraApp, *keys: str) -> None:
    await pilot.press("slash")
    await settle(pilot)
    assert isinstance(app.screen, SearchScreen)
    await pilot.press(*keys)
    await settle(pilot)


@SIZES
async def test_a_word_of_the_text_opens_its_paragraph_with_every_match_marked(shipped_dataset, size, isolated_state):
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await search(pilot, app, *"Hitchcock")
        assert "press Tab to search the text" in str(app.screen.query_one("#search-empty").content)
        await pilot.press("tab")
        await settle(pilot)
        assert "1 of 72 paragraphs" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        section = shipped_dataset.sections[0]
        paragraph = next(n for n, text in enumerate(section.paragraphs, 1) if "Hitchcock" in text)
        assert focused_pane(app) == "reading" and app.reading.section_id == section.id
        start = section.paragraphs[paragraph - 1].index("Hitchcock")
        assert app.reading.highlight == (paragraph, (start, start + len("Hitchcock")))
        assert app.history.current.paragraph == paragraph and app.history.current.marks


async def test_n_and_N_say_where_they_are_and_when_they_wrap(shipped_dataset, isolated_state):
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert "n/N" not in key_bar(app)  # nothing to step through yet
        await pilot.press("n")
        await settle(pilot)
        assert notices(app)[-1].startswith("No search to step through")
        await search(pilot, app, *"mill basin", "tab", "enter")
        await search(pilot, app, *"@daniels", "enter")
        assert "n/N Match" in key_bar(app)
        result = app.last_search
        total = result.count
        assert total >= 2
        seen = []
        for _ in range(total):
            await pilot.press("n")
            await settle(pilot)
            seen.append(notices(app)[-1])
        assert any(f"of {total} for “@daniels”" in notice for notice in seen)
        assert sum("wrapped to the first match" in notice for notice in seen) == 1
        await pilot.press("N")
        await settle(pilot)
        assert "wrapped to the last match" in notices(app)[-1]


@pytest.mark.parametrize("scope_keys", [("tab",), ()], ids=["text", "quotes"])
async def test_n_and_N_step_from_where_the_reader_has_gone(shipped_dataset, isolated_state, scope_keys):
    """After a match, a reader who opens another section and presses n gets the next match after it
    (N the one before), as less or vim step from the cursor: n went on from the old match, back."""
    word = "mansion" if scope_keys else "@baker"
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search(pilot, app, *word, *scope_keys, "enter")
        later = shipped_dataset.sections[-2]  # a section after the first match, with matches before and after it
        for step, key in ((1, "n"), (-1, "N")):
            app.post_message(Navigate(Location("section", later.id)))
            await settle(pilot)
            assert app.reading.section_id == later.id
            await pilot.press(key)
            await settle(pilot)
            reached = app.reading.section.index
            order = [hit.section for hit in sorted(app.last_search.hits, key=lambda hit: hit.position)]
            indexes = [shipped_dataset.sections_by_id[section].index for section in order]
            after = [i for i in indexes if i >= later.index]
            before = [i for i in indexes if i < later.index]
            expected = (after[0] if after else indexes[0]) if step > 0 else (before[-1] if before else indexes[-1])
            assert reached == expected, notices(app)[-1]
            # Back where the last n was pressed, N is no wrap: the match before is before it.
            wrapped = (not after) if step > 0 else (not before)
            assert ("wrapped" in notices(app)[-1]) == wrapped, notices(app)[-1]
        # Escape from a search never stepped through: n goes from the reader's place, not match 1.
        app.post_message(Navigate(Location("section", later.id)))
        await settle(pilot)
        await search(pilot, app, "escape")
        await pilot.press("n")
        await settle(pilot)
        assert app.reading.section.index >= later.index or "wrapped to the first match" in notices(app)[-1]


@SIZES
async def test_n_after_reading_on_a_little_goes_to_the_next_match(shipped_dataset, isolated_state, size):
    """The match still on screen after a line or two is where n steps from (not the reader's top line)."""
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await search(pilot, app, *"mansion", "tab", "enter")
        assert focused_pane(app) == "reading"
        landed = match_number(app.last_search, app.last_match)
        assert landed < app.last_search.count
        await pilot.press("down")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert notices(app)[-1].startswith(f"Match {landed + 1} of ")


async def test_n_steps_through_a_search_left_with_escape(shipped_dataset, isolated_state):
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search(pilot, app, *"scream", "down", "escape")
        assert not isinstance(app.screen, SearchScreen)
        assert "n/N Match" in key_bar(app)
        await pilot.press("n")
        await settle(pilot)
        assert notices(app)[-1].startswith("Match 1 of 2 for “scream”")
        first = app.history.current
        await pilot.press("n")
        await settle(pilot)
        assert notices(app)[-1].startswith("Match 2 of 2 for “scream”") and app.history.current != first
        # An empty box lists every quote: that is no search to step through, nor is one finding nothing.
        await search(pilot, app, "ctrl+u", "escape")
        await search(pilot, app, *"zzzqx", "escape")
        await pilot.press("n")
        await settle(pilot)
        assert "for “scream”" in notices(app)[-1]


async def test_the_last_searches_are_kept_and_saved(shipped_dataset, isolated_state):
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        for query in ("palace", "hitchcock", "palace"):
            await search(pilot, app, *query)
            await pilot.press("escape")
            await settle(pilot)
            await search(pilot, app)
            app.screen.query_one("Input").value = ""
            await pilot.press("escape")
            await settle(pilot)
        assert app.search_history == ["palace", "hitchcock"]
        await pilot.press("q")
    assert load_state(isolated_state).state.searches == ("palace", "hitchcock")
    again = AnoraApp(shipped_dataset)
    async with again.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search(pilot, again)
        again.screen.query_one("Input").value = ""
        await settle(pilot)
        assert "↑ Recent" in key_bar(again)
        await pilot.press("up")
        await settle(pilot)
        assert again.screen.query_one("Input").value == "palace"
        await pilot.press("up")
        await settle(pilot)
        assert again.screen.query_one("Input").value == "hitchcock"


async def test_the_history_keeps_twenty(shipped_dataset, isolated_state):
    app = AnoraApp(shipped_dataset)
    for n in range(25):
        app.remember_search(f"query {n}")
    assert len(app.search_history) == 20 and app.search_history[0] == "query 24"


# --- names as credited -------------------------------------------------------------------------


@pytest.mark.parametrize(("searched", "filtered", "person_id"), [
    ("yura", "yura", "yuri-borisov"),  # credited as Yura, called Yuri by the article
    ("eidelstein", "eidelsh", "mark-eydelshteyn"),  # the press's Eidelstein, Eidelshtein
])
async def test_a_name_the_article_never_uses_finds_them(shipped_dataset, isolated_state, searched, filtered, person_id):
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search(pilot, app, *f"@{searched}")
        assert app.screen.result.count == len(shipped_dataset.quotes_by(person_id)) > 0
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("3", "ctrl+f", *filtered)
        await settle(pilot)
        people = app.people.query_one("#people-list", LinkList)
        assert people.highlighted_location == Location("person", person_id)


async def test_yura_is_found_by_the_palette_and_is_never_a_mention(shipped_dataset, isolated_state):
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await palette(pilot, app, "yura", "Person: Yuri Borisov (as Yura)")
        assert app.history.current == Location("person", "yuri-borisov")
    # Found, but the article's "Yura" is never a mention: it never says it.
    assert all("Yura" not in shipped_dataset.paragraph(m.section, m.paragraph)[s:e]
               for m in shipped_dataset.mentions_of("yuri-borisov") for s, e in m.spans)


def hits(app: AnoraApp) -> list[str]:
    """The command palette's hits, in order, as text."""
    from textual.command import CommandList

    options = app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt).split("\n")[0] for i in range(options.option_count)]


async def palette_lines(pilot, app: AnoraApp, query: str, expect: str) -> list[str]:
    """The palette's lines once `expect` is among them (its hits come in batches)."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*query)
    await wait_for(pilot, lambda: any(expect in line for line in hits(app)), message=lambda: f"{expect!r} not among {hits(app)}")
    await wait_for(pilot, lambda: palette_search_done(app), message="the palette never finished gathering its hits")
    await settle(pilot)
    lines = hits(app)
    await pilot.press("escape")
    await settle(pilot)
    return lines


async def test_the_palette_matches_tightly_and_ranks_people_first(shipped_dataset, isolated_state):
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        berlin = await palette_lines(pilot, app, "berlin", "Borisov meets Eydelshteyn in Berlin")
        assert not any("Baker films lavish weddings" in line for line in berlin)
        theme = await palette_lines(pilot, app, "theme", "Theme")
        assert not any("Chalamet" in line for line in theme)
        assert any("Theme" in line for line in theme)
        baker = [line for line in await palette_lines(pilot, app, "baker", "Person: Sean Baker") if ": " in line]
        kinds = [line.split(":")[0].split()[-1] for line in baker if line.split(":")[0].split()]
        first_event = next((i for i, kind in enumerate(kinds) if kind in ("Event", "Quote")), len(kinds))
        assert kinds.index("Person") < first_event
        assert "Person: Sean Baker" in baker[0] or any("Person: Sean Baker" in line for line in baker[:2])


async def test_palette_quotes_show_their_form(shipped_dataset, isolated_state):
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        lines = await palette_lines(pilot, app, "becomes chaotic", "Quote: It becomes chaotic")
        reported = [line for line in lines if "Quote: It becomes chaotic" in line]
        assert reported and "(reported)" in reported[0] and "“It becomes" not in reported[0]


async def test_palette_offers_to_search_the_text(shipped_dataset, isolated_state):
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await palette(pilot, app, "mill basin", "Search the text for “mill basin”")
        # the first hit is whatever ranks first; choose the text search explicitly
        if not isinstance(app.screen, SearchScreen):
            await pilot.press("ctrl+p")
            await settle(pilot)
            await pilot.press(*"mill basin")
            await wait_for(pilot, lambda: "Search the text for" in screen_text(app))
            await press_until(pilot, lambda: "Search the text" in str(app.screen.query_one("CommandList")
                              .get_option_at_index(app.screen.query_one("CommandList").highlighted).prompt))
            await pilot.press("enter")
            await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.scope == "text" and "2 of 72 paragraphs" in screen_text(app)


# --- copying -----------------------------------------------------------------------------------


async def test_copy_a_persons_quote_and_a_quote_in_the_text(shipped_dataset, isolated_state):
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await palette(pilot, app, "drew dan", "Person: Drew Daniels")
        await pilot.press('"')  # jump to the quotes
        await settle(pilot)
        quote_id = app.focused.highlighted_location.id
        await pilot.press("y")
        await settle(pilot)
        quote = shipped_dataset.quotes_by_id[quote_id]
        assert app.clipboard.startswith(("“" if quote.form == "direct" else "") + quote.text[:20])
        assert "— Drew Daniels" in app.clipboard and "The Hollywood Reporter" in app.clipboard
        assert "November 2024" in app.clipboard and f"¶{quote.paragraph}" in app.clipboard
        assert notices(app)[-1].startswith("Copied ")

        await pilot.press("enter")  # open it in the text: the highlighted quote is what y copies
        await settle(pilot)
        assert focused_pane(app) == "reading"
        expected = quote_location(shipped_dataset, quote_id)
        assert app.reading.highlight == (expected.paragraph, expected.span)
        app.copy_to_clipboard("")
        await pilot.press("y")
        await settle(pilot)
        assert quote.text[:20] in app.clipboard


async def test_copy_with_nothing_selected_says_so(shipped_dataset, isolated_state):
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("3")  # the people list: no quote there
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert notices(app)[-1].startswith("Nothing to copy here")


async def test_n_twice_in_a_burst_steps_two_matches(shipped_dataset, isolated_state):
    """The second n comes before the first one's match is opened: it steps on from that match, not
    from the place the reader has not left yet."""
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search(pilot, app, *"mansion", "tab", "escape")
        burst(app, "n", "n")
        await settle(pilot)
        assert notices(app)[-1].startswith("Match 2 of ")


@pytest.mark.parametrize(
    ("environ", "every_time"),
    [({"TERM": "xterm-256color"}, False), ({"TERM": "linux"}, True)],
    ids=["may-not-work", "cannot-work"],
)
async def test_a_clipboard_caveat_is_said_with_the_first_copy_unless_it_cannot_have_worked(
    shipped_dataset, isolated_state, monkeypatch, environ, every_time
):
    for name in ("TMUX", "STY", "TERM_PROGRAM", "WT_SESSION"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await palette(pilot, app, "drew dan", "Person: Drew Daniels")
        await pilot.press('"')
        await settle(pilot)
        said = []
        for _ in range(3):
            await pilot.press("y")
            await settle(pilot)
            said.append(notices(app)[-1])
            await pilot.press("down")
        caveat = clipboard_caveat(environ)
        assert caveat and caveat in said[0]
        assert all((caveat in notice) is every_time for notice in said[1:]), said
