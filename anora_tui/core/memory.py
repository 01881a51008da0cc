"""Giving memory the process no longer uses back to the system.

Decoding a large block of the load cache (the quote index at 100,000 quotes is 39 MB) leaves the
C allocator holding the freed bytes of the block and of what decoding made along the way: 38 MiB of
resident memory that nothing uses, until glibc is asked to return it (`malloc_trim`, a few
milliseconds). Elsewhere (another C library, no ctypes) this does nothing.
"""

from __future__ import annotations

import sys
from typing import Callable

_trim: Callable[[int], int] | None | bool = False  # False: not looked up yet; None: not available


def release_freed_memory() -> None:
    """Return the allocator's free memory to the system, where the C library can (glibc)."""
    global _trim
    if _trim is False:
        _trim = _find_trim()
    if _trim is not None:
        _trim(0)


def _find_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6").malloc_trim
    except (ImportError, OSError, AttributeError):  # musl has no malloc_trim
        return None
