"""Make text from a dataset safe to show in a terminal. Pure Python (no Textual, no Rich).

The loader passes every string it reads through `clean_text`, so nothing later can print a control
sequence hidden in the data:

- C0 and C1 control characters other than newline and tab (NUL, ESC, CR, DEL, U+0080–U+009F including
  the one-character CSI U+009B) become U+FFFD REPLACEMENT CHARACTER, so their presence stays visible.
  The escape sequences they start (`ESC [ 31 m`, OSC 52 `ESC ] 52 ; …`) are left as plain text after
  the replacement character: harmless once the ESC is gone.
- Bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) are removed: they can
  make text display in a different order from the one it is stored in.
- Lone surrogates (U+D800–U+DFFF, which no terminal can encode) become U+FFFD.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_SURROGATES = "\ud800-\udfff"
_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"

_UNSAFE = re.compile(f"[{_CONTROLS}{_SURROGATES}{_BIDI_CONTROLS}]")
_REPLACED = re.compile(f"[{_CONTROLS}{_SURROGATES}]")
_DROPPED = re.compile(f"[{_BIDI_CONTROLS}]")


def clean_text(text: str) -> str:
    """The text with control characters replaced by U+FFFD and bidirectional controls removed."""
    # The usual case, fast: isprintable() is False for every character handled here (and for more).
    if text.isprintable() or _UNSAFE.search(text) is None:
        return text
    return _DROPPED.sub("", _REPLACED.sub(REPLACEMENT, text))
