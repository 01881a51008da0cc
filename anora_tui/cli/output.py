"""Everything the command line prints goes through here: cleaned like the data, and never a traceback.

- Every line is passed through `core.text` (control characters and bidirectional controls replaced
  or removed, line breaks written as `\\n`): a directory name or query holding an escape sequence
  cannot reach the terminal, and a "one line" stays one line.
- A closed pipe (`anora-tui check | head -0`) ends the output quietly: the rest is dropped and the
  command keeps its own exit status. Any other output error (standard output closed, a full disk,
  an I/O error) is one line on standard error and exit status 2 (`OutputFailed`).
- A stream (standard output or error) whose encoding cannot hold a character gets a look-alike (typographic quotes as `'` and
  `"`, dashes as `-` and `--`, accented letters without their accents), else `?`, instead of an
  error; JSON is written with `\\uXXXX` escapes instead, so it stays exact.
- Standard input, output or error closed when the program starts are reopened on /dev/null, so no
  file the program opens later takes their place and receives its output.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import sys
import unicodedata
from typing import Any, Callable

from ..core.text import clean_text, one_line

PROGRAM = "anora-tui"
EXIT_OUTPUT_FAILED = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a command stopped by Ctrl+C
_UNICODE_ENCODINGS = {"utf-8", "utf-16", "utf-32", "utf-8-sig", "gb18030"}


LOOK_ALIKES = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"',
    "«": "<<", "»": ">>", "‹": "<", "›": ">", "–": "-", "—": "--", "―": "--", "‐": "-", "‑": "-",
    "−": "-", "·": "-", "•": "*", "…": "...", "≈": "~", "→": "->", "←": "<-", "×": "x",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "§": "sec. ", "¶": "para. ",
})
LOOK_ALIKE_ERRORS = "anora-tui-look-alike"  # the error handler of standard output's encoding


def _look_alike(error: UnicodeError) -> tuple[str, int]:
    """An encoding error handler: what the stream cannot hold as an ASCII look-alike, else `?`."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    decomposed = unicodedata.normalize("NFKD", text.translate(LOOK_ALIKES))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return "".join(char if char.isascii() else "?" for char in plain), error.end


codecs.register_error(LOOK_ALIKE_ERRORS, _look_alike)


class OutputFailed(Exception):
    """Standard output cannot be written; the message says why, in one line."""


class _Streams:
    stdout_closed = False  # closed when the program started (`>&-`)
    pipe_closed = False  # the reader of a pipe went away: drop the rest
    program = PROGRAM  # what every line on standard error starts with (see `speak_as`)
    done = ""  # what the command did before its output, said if that output fails (`done_already`)


_state = _Streams()


def prepare_streams() -> None:
    """Call first: reopen closed standard streams on /dev/null and make encoding errors replace."""
    _state.pipe_closed = False
    _state.done = ""
    _state.stdout_closed = sys.stdout is None or not _open(1)
    for descriptor in (0, 1, 2):
        if not _open(descriptor):
            _reopen_on_devnull(descriptor, os.O_RDONLY if descriptor == 0 else os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):  # standard error too: `…` as `...`, not `\u2026`
        if isinstance(stream, io.TextIOWrapper):
            try:
                stream.reconfigure(errors=LOOK_ALIKE_ERRORS)
            except (ValueError, OSError):  # a stream already written to in an odd state: leave it
                pass


def speak_as(command: str | None) -> None:
    """Lines on standard error start with the command as typed from now on (`anora-tui quotes: …`,
    as git's do), whatever went wrong: the command's own refusal or its output failing."""
    _state.program = f"{PROGRAM} {command}" if command else PROGRAM


def done_already(what: str) -> None:
    """What the command has done (files written): said with an output error, which would else read
    as if nothing had been done."""
    _state.done = what


def speaker() -> str:
    """The command as typed (`anora-tui`, `anora-tui quotes`): what lines on standard error start with."""
    return _state.program


def write_line(text: str) -> None:
    """One line of output, cleaned and kept on one line."""
    _write(one_line(text) + "\n")


def write_text(text: str) -> None:
    """Text of one or more lines (a Markdown block), cleaned, its line breaks kept; a newline added."""
    _write(clean_text(text) + "\n")


def write_json(document: Any) -> None:
    """One JSON document, indented (see `write_json_text`)."""
    write_json_text(json.dumps(document, ensure_ascii=False, indent=2))


def write_json_text(text: str) -> None:
    """JSON text (a document, or one record of JSON Lines), exact whatever the stream's encoding:
    characters the stream cannot hold, control and bidirectional characters are written as `\\uXXXX`
    escapes (valid JSON, the same value), so a terminal shows them as text."""
    _write(_escape_for_json(text, ascii_only=not _holds_unicode(sys.stdout)) + "\n")


def write_bytes(data: bytes) -> None:
    """Bytes as they are (JSON that must stay UTF-8 whatever the terminal's encoding)."""
    _send(lambda: sys.stdout.flush(), lambda: sys.stdout.buffer.write(data))  # the text written before first


def warn(message: str) -> None:
    """One line on standard error, the command first (`anora-tui: `, `anora-tui quotes: `). Never
    raises: with standard error gone (a closed terminal, a full disk) there is nobody left to tell."""
    try:
        stream = sys.stderr
        if stream is not None:
            stream.write(one_line(f"{_state.program}: {message}") + "\n")
            stream.flush()
    except (OSError, ValueError):
        pass


def write_block(text: str, to_stderr: bool = False) -> None:
    """Text of several lines (help, usage), cleaned, kept as it is laid out."""
    if to_stderr:
        try:
            if sys.stderr is not None:
                sys.stderr.write(clean_text(text))
        except (OSError, ValueError):
            pass
    else:
        _write(clean_text(text))


def finish() -> None:
    """Flush standard output (raises OutputFailed, or drops it quietly for a closed pipe)."""
    if _state.stdout_closed or _state.pipe_closed or sys.stdout is None:
        return
    _to_stdout(sys.stdout.flush)


def run_guarded(command: Callable[[], int]) -> int:
    """Run a command that prints; return its exit status, or 2 after one line if output failed."""
    prepare_streams()
    try:
        try:
            status = command()
        except SystemExit as leaving:  # argparse's --help, --version and usage errors
            status = leaving.code if isinstance(leaving.code, int) else (0 if leaving.code is None else 2)
        finish()
    except OutputFailed as failure:
        warn(f"cannot write the output: {failure}" + (f" ({_state.done})" if _state.done else ""))
        return EXIT_OUTPUT_FAILED
    except KeyboardInterrupt:  # Ctrl+C while a big dataset loads: no traceback either
        return EXIT_INTERRUPTED
    return status


# --- internals ---------------------------------------------------------------------------------


def _write(text: str) -> None:
    _send(lambda: sys.stdout.write(text))


def _send(*calls: Callable[[], object]) -> None:
    """Make these writes (or flushes) to standard output in turn; a closed pipe drops the rest."""
    for call in calls:
        if _state.pipe_closed:
            return
        if _state.stdout_closed or sys.stdout is None:
            raise OutputFailed("standard output is closed")
        _to_stdout(call)


def _to_stdout(call: Callable[[], object]) -> None:
    """Write or flush: a closed pipe drops the rest quietly; any other failure raises OutputFailed."""
    try:
        call()
    except BrokenPipeError:
        _drop_the_rest()
    except OSError as error:
        _drop_the_rest()
        raise OutputFailed(_reason(error)) from None


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def _drop_the_rest() -> None:
    """Standard output cannot take more: point it at /dev/null, so that neither a later write nor
    the interpreter's own flush at exit fails again."""
    _state.pipe_closed = True
    _reopen_on_devnull(1, os.O_WRONLY)  # what is still buffered goes there too


def _open(descriptor: int) -> bool:
    try:
        os.fstat(descriptor)
    except OSError:
        return False
    return True


def _reopen_on_devnull(descriptor: int, flags: int) -> None:
    try:
        null = os.open(os.devnull, flags)
    except OSError:
        return
    if null != descriptor:
        os.dup2(null, descriptor)
        os.close(null)


def _holds_unicode(stream: object) -> bool:
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        return codecs.lookup(encoding).name in _UNICODE_ENCODINGS
    except LookupError:
        return False


def _escape_for_json(text: str, ascii_only: bool) -> str:
    """JSON text with every character `clean_text` would change (and, `ascii_only`, every non-ASCII
    one) written as a `\\uXXXX` escape. Outside strings JSON text is ASCII, so only strings change."""
    if (text.isascii() or not ascii_only) and clean_text(text) == text:
        return text
    return "".join(_json_escape(char) if _needs_escape(char, ascii_only) else char for char in text)


def _needs_escape(char: str, ascii_only: bool) -> bool:
    return (ascii_only and not char.isascii()) or (char not in "\n\t" and clean_text(char) != char)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # outside the Basic Multilingual Plane: a surrogate pair, as JSON writes it
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
