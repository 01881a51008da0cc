"""A scrollbar is drawn again only when what it shows changes (`SteadyScrollBar`): the focus moving out
of the reading pane (a person opened from the text) leaves its scrollbar as it was, where Textual drew
it again; a new theme, a scroll or a new section still redraws it."""

from __future__ import annotations

from ui_harness import navigate, open_reader, settle, screen_strips

from anora_tui.core.navigation import Location
from anora_tui.ui.textual_private import SteadyScrollBar


def long_section(dataset):
    return max(dataset.sections, key=lambda section: sum(len(p) for p in section.paragraphs))


def drawn_counted(monkeypatch, bar_of) -> list[object]:
    drawn: list[object] = []
    render = SteadyScrollBar.render

    def counted(bar):
        if bar is bar_of():
            drawn.append(bar._look())
        return render(bar)

    monkeypatch.setattr(SteadyScrollBar, "render", counted)
    return drawn


async def test_the_reading_panes_scrollbar_is_not_drawn_again_as_the_focus_leaves_and_comes_back(
    shipped_dataset, monkeypatch
):
    section = long_section(shipped_dataset)
    async with open_reader(shipped_dataset, (200, 50), Location("section", section.id)) as (app, pilot):
        bar = app.reading.vertical_scrollbar
        assert isinstance(bar, SteadyScrollBar) and app.reading.show_vertical_scrollbar and app.reading.has_focus
        assert bar._drawn_as == bar._look()  # shown for the first time, and drawn as it is
        drawn = drawn_counted(monkeypatch, lambda: bar)
        before = screen_strips(app)[bar.region.y : bar.region.bottom]
        await navigate(pilot, app, Location("person", shipped_dataset.people[0].id))
        assert app.people.has_focus_within and not app.reading.has_focus
        await pilot.press("2")  # back to the text, as it was
        await settle(pilot)
        assert app.reading.has_focus
        assert drawn == []
        column = bar.region.x
        assert [strip.crop(column, column + 1).text for strip in screen_strips(app)[bar.region.y : bar.region.bottom]] == [
            strip.crop(column, column + 1).text for strip in before
        ]


async def test_a_scroll_a_new_section_and_a_new_theme_still_redraw_it(shipped_dataset, monkeypatch):
    section = long_section(shipped_dataset)
    async with open_reader(shipped_dataset, (200, 50), Location("section", section.id)) as (app, pilot):
        bar = app.reading.vertical_scrollbar
        drawn = drawn_counted(monkeypatch, lambda: bar)
        await pilot.press("pagedown")
        await settle(pilot)
        assert drawn and drawn[-1] == bar._look()  # drawn as it moved (the scroll is animated)
        scrolled = len(drawn)
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await settle(pilot)
        assert len(drawn) == scrolled + 1 and drawn[-1] == bar._look() and drawn[-1] != drawn[-2]
        other = max((s for s in shipped_dataset.sections if s is not section), key=lambda s: sum(map(len, s.paragraphs)))
        await navigate(pilot, app, Location("section", other.id))
        assert len(drawn) > scrolled + 1 and drawn[-1] == bar._look()
