"""A hyphen or dash joining two words matches a space, in a phrase or a word, in both search scopes
and the `quotes` command: `"romantic comedy"` finds "romantic-comedy plot devices" (the README: dashes
are ignored). One rule, in core/search/folding.py; the query reads it (query.py)."""

from __future__ import annotations

import pytest
from ui_harness import open_reader, screen_text, settle, wait_for

from anora_tui.cli.main import main
from anora_tui.core.search import ParagraphIndex, QuoteIndex, fold_text, match_spans, parse_query

pytestmark = pytest.mark.usefixtures("quick_pilot")


def test_a_dash_joining_words_folds_to_a_space():
    assert fold_text("Romantic-Comedy rom—com Ünter‑Straße") == "romantic comedy rom com unter strasse"
    assert fold_text("the café — the pier, a- and -b") == "the cafe - the pier, a- and -b"  # set apart: a dash


@pytest.mark.parametrize("typed", ['"romantic comedy"', "romantic-comedy", '"romantic-comedy"', '"romantic—comedy"'])
def test_every_spelling_finds_both(shipped_dataset, typed):
    hits = QuoteIndex(shipped_dataset).search(typed).hits
    texts = [hit.quote.text for hit in hits]
    assert any("romantic-comedy plot devices" in text for text in texts)
    assert any("a romantic comedy, perhaps" in text for text in texts)
    hyphened = next(hit for hit in hits if "romantic-comedy plot" in hit.quote.text)
    assert [hyphened.quote.text[s:e] for s, e in hyphened.spans] == ["romantic-comedy"]


def test_the_text_scope_matches_across_hyphens(shipped_dataset):
    index = ParagraphIndex(shipped_dataset)
    quoted = index.search(parse_query('"romantic comedy"')).bits
    plain = index.search(parse_query("romantic comedy")).bits
    assert quoted and bin(quoted).count("1") == bin(plain & quoted).count("1")
    with_hyphen = next(i for i in range(index.text.size) if "romantic comedy plot" in index.text.folded(i))
    assert quoted >> with_hyphen & 1


def test_a_hyphenated_name_after_at_stays_one_name():
    query = parse_query("@bettinelli-olpin scream")
    assert query.speakers == ("bettinelli olpin",) and query.terms == ("scream",)
    assert parse_query(str(query.rewritten())).speakers == ("bettinelli olpin",)
    assert match_spans("A rom-com.", parse_query("rom-com").terms) == ((2, 9),)


def test_the_quotes_command_finds_both(capsys):
    assert main(["quotes", '"romantic comedy"']) == 0
    out = capsys.readouterr().out
    assert "romantic-comedy plot devices" in out and "a romantic comedy, perhaps" in out


async def test_the_search_screen_counts_both(shipped_dataset):
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press(*'"romantic comedy"')
        quoted = sum("romantic comedy" in q.text.replace("-", " ") for q in shipped_dataset.quotes)  # with a dash or not
        assert quoted >= 2
        await wait_for(pilot, lambda: f"{quoted} of {len(shipped_dataset.quotes)} quotes" in screen_text(app),
                       message=lambda: screen_text(app))
        await pilot.press("tab")  # the text scope
        await settle(pilot)
        index = ParagraphIndex(shipped_dataset)
        expected = bin(index.search(parse_query("romantic comedy")).bits).count("1")
        await wait_for(pilot, lambda: f"{expected} of 72 paragraphs" in screen_text(app),
                       message=lambda: screen_text(app))
