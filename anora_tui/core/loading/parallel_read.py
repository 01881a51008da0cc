"""Reading a big dataset's files in worker processes, one file per task, on every core the process may use,
while the calling process reads the biggest itself.

Pure Python: this module must never import Textual or Rich. It knows nothing of the format: the loader
hands it a function that reads one file into plain, picklable data (no YAML nodes, no model objects:
both are slow to pickle), and gets each file's result back with the file's index as soon as it is
done, whichever worker read it, so that it can merge them in file order exactly as it merges files
it read itself.

The caller may also hand work of its own to do `meanwhile` (the reader imports its user interface):
then every file goes to the workers, the caller does that work while they read, and takes their
results as they come. Only while cores are free, though: the biggest file's results must then be
sent over (about a twentieth of the time it took to read it), which a machine whose cores are all
busy with other programs pays for without anything to gain; then the biggest file is read here as
usual, and the caller does its work after.

A small dataset (the shipped one is about 100 KB) is read in the calling process: starting workers
would cost more than they save (and `meanwhile` is not called). So is every file not yet done if the workers cannot be started or
fail (a worker killed, for one): the caller gets the same results either way.
"""

from __future__ import annotations

import gc
import os
import threading
from pathlib import Path
from typing import Callable, Iterator, Sequence, TypeVar

Result = TypeVar("Result")
# read(path, size limit, keep): keep is None, or a list to append the file's YAML nodes to (see _read).
Read = Callable[[Path, int, "list | None"], Result]

# From this many bytes in all (files over the size limit are not counted: they are never parsed), the
# files are read in worker processes. Tests lower it to read a small dataset in workers too.
PARALLEL_MIN_BYTES = 4 * 1024 * 1024
# A worker keeps the YAML nodes of the files it reads, up to this many bytes of YAML, instead of freeing
# them (about 15 bytes of memory per byte of YAML): it exits when the dataset is read, and a forked
# process that exits frees its memory at once, while freeing millions of nodes one by one takes a
# fifth of the time it took to make them.
KEEP_NODES_BYTES = 64 * 1024 * 1024


def read_files(
    read: Read, paths: Sequence[Path], limit: int, meanwhile: Callable[[], object] | None = None
) -> Iterator[tuple[int, Result]]:
    """`(index, read(path, limit, None))` for each path, each exactly once: in order when read in
    this process, as they are done when read in worker processes (for big files). `meanwhile`: work
    of the caller's to do while workers read, instead of reading the biggest file here; done at most
    once, before the first result, and what it raises is ignored (it must be work the caller can do
    again later)."""
    sizes = [_size(path, limit) for path in paths]
    workers = min(_usable_cpus(), sum(1 for size in sizes if size))
    if workers < 2 or sum(sizes) < PARALLEL_MIN_BYTES:
        for index, path in enumerate(paths):
            yield index, read(path, limit, None)
        return
    if meanwhile is not None and not _cores_free():
        meanwhile = None
    yield from _read_in_workers(read, paths, sizes, limit, workers, meanwhile)


def _read_in_workers(
    read: Read,
    paths: Sequence[Path],
    sizes: list[int],
    limit: int,
    workers: int,
    meanwhile: Callable[[], object] | None,
) -> Iterator[tuple[int, Result]]:
    from concurrent.futures import (  # not for small datasets
        FIRST_COMPLETED,
        ProcessPoolExecutor,
        wait,
    )

    left = set(range(len(paths)))  # the files whose results have not been given
    try:
        context = _context()
        pool = ProcessPoolExecutor(workers, mp_context=context)
        # A spawned worker is a new interpreter, which frees every object when it exits: no use keeping any.
        keep_bytes = 0 if context.get_start_method() == "spawn" else KEEP_NODES_BYTES
    except (OSError, ValueError):  # no processes, or no working start method
        pool = None
    if pool is not None:
        try:
            # Biggest first: each worker takes the next file when it is done with one, so they finish together.
            order = sorted(left, key=sizes.__getitem__, reverse=True)
            # Without work of the caller's, the biggest is read here meanwhile, instead of waiting:
            # its result need not be sent over.
            own = order.pop(0) if meanwhile is None else None
            running = {
                pool.submit(_read, read, paths[index], limit, sizes[index], keep_bytes): index for index in order
            }
            if meanwhile is not None:
                _do(meanwhile)
            else:
                result = read(paths[own], limit, None)
                left.discard(own)
                yield own, result
            while running:
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    result = future.result()
                    index = running.pop(future)
                    left.discard(index)
                    yield index, result
        except Exception:
            # A worker died (BrokenProcessPool), could not be started (OSError), or raised: reading
            # in this process gives the same results, or raises the same error where it can be seen.
            pass
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    for index in sorted(left):
        yield index, read(paths[index], limit, None)


def _do(work: Callable[[], object]) -> None:
    try:
        work()
    except Exception:  # the caller meets the same failure where it does the work again
        pass


def _context():
    """The fastest safe way to start workers: forking copies this process, loaded modules and all,
    but a fork made while other threads run may copy a lock one of them holds, and hang."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


_kept: list = []  # in a worker: the YAML nodes it keeps (see KEEP_NODES_BYTES)
_kept_bytes = 0


def _read(read: Read, path: Path, limit: int, size: int, keep_bytes: int) -> Result:
    """Read one file in a worker process, keeping its YAML nodes if the worker's have been under
    `keep_bytes` bytes of YAML so far."""
    global _kept_bytes
    # A worker's objects all live until it exits: collecting would only scan them. (A forked worker
    # has the collector paused already, like the loader that started it.)
    gc.disable()
    keep = None
    if _kept_bytes + size <= keep_bytes:
        _kept_bytes += size
        keep = _kept
    return read(path, limit, keep)


def _size(path: Path, limit: int) -> int:
    """The file's size if it will be parsed: 0 for what cannot be read, or is over the size limit."""
    try:
        size = path.stat().st_size
    except OSError:
        return 0
    return size if size <= limit else 0


def _cores_free() -> bool:
    """Whether fewer programs are running at this moment than this process may use cores (this one
    aside): the kernel's count of runnable tasks, where there is one (Linux); else assumed so."""
    try:
        with open("/proc/loadavg", "rb") as loadavg:
            running = int(loadavg.read().split()[3].split(b"/")[0])
    except (OSError, ValueError, IndexError):
        return True
    return running - 1 < _usable_cpus()


def _usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1
