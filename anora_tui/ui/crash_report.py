"""The crash report: the full traceback of an unexpected error, in a file only its user can read.

It goes in the state directory, or, if that cannot be written, a private directory made for it under
the temp directory. Either way the file is created new (`O_CREAT|O_EXCL`, mode 0600, a name no one
can guess: `tempfile.mkstemp`), never opened through a name another user could have planted as a
symbolic link to a file of ours.
"""

from __future__ import annotations

import os
import tempfile
import time
import traceback
from pathlib import Path

from .. import __version__
from ..paths import state_dir


def write_crash_report(error: BaseException, data_dir: Path | None) -> Path | None:
    """The report's path, or None if no report could be written anywhere."""
    text = (
        f"anora-tui {__version__} crashed reading the dataset {data_dir or '(built in code)'}\n\n"
        + "".join(traceback.format_exception(error))
    )
    data = text.encode("utf-8", errors="backslashreplace")
    prefix = f"crash-{time.strftime('%Y%m%d-%H%M%S')}-"
    for directory in (state_dir, _private_temp_dir):
        try:
            folder = directory()
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            descriptor, name = tempfile.mkstemp(prefix=prefix, suffix=".txt", dir=folder)
        except OSError:
            continue
        try:
            with os.fdopen(descriptor, "wb") as report:
                report.write(data)
            return Path(name)
        except OSError:
            try:
                os.unlink(name)
            except OSError:
                pass
    return None


def _private_temp_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="anora-tui-crash-"))
