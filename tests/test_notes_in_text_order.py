"""A paragraph's editorial notes come in the order of the words they are on, whatever the order of
the notes file: the reading pane, the copies and the cache all show them as the reader meets them."""

from __future__ import annotations

import shutil

import yaml

from anora_tui.core.loading.loader import load_dataset
from anora_tui.paths import default_data_dir


def _places(dataset, section_id, paragraph):
    text = dataset.paragraph(section_id, paragraph)
    return [text.find(note.says) for note in dataset.notes_in(section_id, paragraph)]


def _paragraphs_with_notes(dataset):
    return [(s.id, n) for s in dataset.sections for n in range(1, len(s.paragraphs) + 1)
            if len(dataset.notes_in(s.id, n)) > 1]


def test_the_shipped_notes_are_in_text_order(shipped_dataset):
    shared = _paragraphs_with_notes(shipped_dataset)
    assert len(shared) >= 5
    for section_id, paragraph in shared:
        places = _places(shipped_dataset, section_id, paragraph)
        assert places == sorted(places), (section_id, paragraph)


def test_a_reversed_notes_file_reads_the_same(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    notes = yaml.safe_load((data / "notes.yaml").read_text(encoding="utf-8"))
    notes["notes"].reverse()
    (data / "notes.yaml").write_text(yaml.safe_dump(notes, allow_unicode=True, sort_keys=False), encoding="utf-8")
    reversed_notes = load_dataset(data)
    shipped = load_dataset(default_data_dir())
    for section_id, paragraph in _paragraphs_with_notes(shipped):
        assert reversed_notes.notes_in(section_id, paragraph) == shipped.notes_in(section_id, paragraph)
