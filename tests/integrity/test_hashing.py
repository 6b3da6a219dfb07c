"""Streaming, parallel SHA-256: the same digests as hashlib over the whole bytes, whatever the chunking."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from casebuilder.integrity.hashing import CHUNK, Digest, hash_files, sha256_file, total_size


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5])
def test_sha256_file_streams_across_chunk_boundaries(tmp_path: Path, size: int) -> None:
    data = bytes((i * 7 + 3) % 251 for i in range(size))
    p = tmp_path / "f.bin"
    p.write_bytes(data)
    seen = []
    assert sha256_file(p, seen.append) == Digest(hashlib.sha256(data).hexdigest(), size)
    assert sum(seen) == size and all(n <= CHUNK for n in seen)


def _big(n: int) -> bytes:
    return (bytes(range(256)) * (n // 256 + 1))[n % 256: n % 256 + n]


# A blob of more than one chunk next to small ones: a thread must stream it chunk by chunk while the
# others finish, and the largest-first order must not mix up which digest belongs to which path.
_LARGE = st.sampled_from([CHUNK + 1, 2 * CHUNK + 17]).map(_big)


@settings(max_examples=20, deadline=None)
@example(blobs=[_big(CHUNK + 1), b"", b"x" * 3000], jobs=2)
@given(st.lists(st.binary(max_size=3000) | _LARGE, min_size=1, max_size=8), st.integers(1, 4))
def test_parallel_hashing_equals_serial(tmp_path_factory, blobs: list[bytes], jobs: int) -> None:
    root = tmp_path_factory.mktemp("blobs")
    paths = []
    for i, b in enumerate(blobs):
        (root / f"{i}.bin").write_bytes(b)
        paths.append(root / f"{i}.bin")
    got = hash_files(paths + paths[:1], jobs)  # a path given twice is hashed once
    assert got == {p: Digest(hashlib.sha256(b).hexdigest(), len(b)) for p, b in zip(paths, blobs)}
    assert total_size(paths + paths) == sum(map(len, blobs))


def test_unreadable_paths_map_to_their_error(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_bytes(b"ok")
    got = hash_files([tmp_path / "ok.txt", tmp_path / "gone.txt", tmp_path], jobs=2)
    assert isinstance(got[tmp_path / "ok.txt"], Digest)
    assert isinstance(got[tmp_path / "gone.txt"], FileNotFoundError)
    assert isinstance(got[tmp_path], IsADirectoryError)
