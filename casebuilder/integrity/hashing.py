"""Streaming SHA-256 of exhibit files, several files at a time.

Exhibits can be far larger than memory (one vault held 11 GB of scans), so a file is read in
fixed 1 MiB chunks into one reused buffer and never held whole.  ``hashlib``'s SHA-256 (OpenSSL,
with the CPU's SHA extensions where present) releases the GIL while it digests a chunk, so a
small thread pool hashes several files truly in parallel; largest files are started first so that
one big scan does not end up running alone at the end.  ``bench/verify_bench.py`` measures the
result against ``sha256sum`` on the same files.
"""
from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .progress import ProgressBar

CHUNK = 1 << 20  # 1 MiB: large enough for hashlib to drop the GIL and for readahead to stream

Progress = Callable[[int], None]  # called with the number of bytes just hashed


@dataclass(frozen=True, slots=True)
class Digest:
    sha256: str
    size: int


def default_jobs() -> int:
    """Threads to hash with: one per core, at most 8 (beyond that the disk, not the CPU, is the limit)."""
    return max(1, min(8, os.cpu_count() or 1))


def sha256_file(path: Path | str, progress: Progress | None = None) -> Digest:
    """SHA-256 and size of one file, read as a stream. Raises OSError if it cannot be read."""
    h = hashlib.sha256()
    buf = bytearray(CHUNK)
    view = memoryview(buf)
    size = 0
    with open(path, "rb", buffering=0) as fh:
        if hasattr(os, "posix_fadvise"):
            os.posix_fadvise(fh.fileno(), 0, 0, os.POSIX_FADV_SEQUENTIAL)
        while n := fh.readinto(buf):
            h.update(view[:n])
            size += n
            if progress is not None:
                progress(n)
    return Digest(h.hexdigest(), size)


def _size_of(p: Path) -> int:
    try:
        return p.stat().st_size
    except OSError:
        return 0


def total_size(paths: Iterable[Path]) -> int:
    """Bytes to hash (each path once; unreadable ones count 0), for the progress bar."""
    return sum(_size_of(p) for p in dict.fromkeys(paths))


def hash_files(paths: Iterable[Path], jobs: int | None = None,
               progress: Progress | None = None) -> dict[Path, Digest | OSError]:
    """Hash every path (each once); a file that cannot be read maps to its OSError instead of a Digest."""
    unique = sorted(dict.fromkeys(paths), key=_size_of, reverse=True)

    def one(p: Path) -> Digest | OSError:
        try:
            return sha256_file(p, progress)
        except OSError as e:
            return e

    jobs = max(1, jobs or default_jobs())
    if jobs == 1 or len(unique) <= 1:
        return {p: one(p) for p in unique}
    with ThreadPoolExecutor(max_workers=min(jobs, len(unique)), thread_name_prefix="sha256") as pool:
        return dict(zip(unique, pool.map(one, unique)))


def hash_with_progress(paths: list[Path], jobs: int | None, progress_stream) -> dict[Path, Digest | OSError]:
    """:func:`hash_files` with a progress bar on ``progress_stream`` (drawn only if it is a terminal)."""
    if progress_stream is None:
        return hash_files(paths, jobs)
    bar = ProgressBar(total_size(paths), progress_stream)
    try:
        return hash_files(paths, jobs, bar)
    finally:
        bar.close()
