"""Waiting, in a headless App, until a change is drawn: shared by the benchmarks that time one.

Every message pump runs until none has a message queued, then what waits to be drawn is drawn (as
the screen's update timer would), until nothing is left. Nothing is posted to the widgets to find
that out: Pilot's `_wait_for_screen` sends a callback to every widget and waits for each, which cost
about 16 ms of CPU a round trip (Textual dispatching ~100 messages), a cost no reader meets. Textual's
private names are read here, in a benchmark, never in the reader's code.
"""

from __future__ import annotations

import asyncio


def queues_empty(app) -> bool:
    return all(node._message_queue.empty() for node in (app, *app.screen.walk_children(with_self=True)))


async def settled(app) -> None:
    while True:
        for _ in range(1000):
            await asyncio.sleep(0)
            if queues_empty(app):
                break
        screen = app.screen
        if (screen._layout_required or screen._scroll_required or screen._repaint_required
                or screen._dirty_widgets or screen._callbacks):
            screen._on_timer_update()
            continue
        await asyncio.sleep(0)
        if queues_empty(app):
            return
