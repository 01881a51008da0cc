"""The reader's modal screens close once.

A screen can be asked to close twice in one burst of keys: `Enter` on a bookmark posts the choice as a
message, `'` closes the list at once, and the choice, handled after, closed it again, popping a screen
that was no longer there (the reader crashed: "Can't pop screen"). Only the screen in front closes;
a request that comes once it has gone is dropped, with its result.

A mixin, not a `Screen`: Textual takes a screen's CSS and component classes from its first base that
is a DOM node, which must stay the screen's own (`ModalScreen`, `CommandPalette`).
"""

from __future__ import annotations

from textual.await_complete import AwaitComplete


class ClosesOnce:
    def dismiss(self, result=None) -> AwaitComplete | None:  # type: ignore[override]
        if self.app.screen is not self:  # type: ignore[attr-defined]
            return None  # closed already (or another screen is in front): nothing of this one to pop
        return super().dismiss(result)  # type: ignore[misc]
