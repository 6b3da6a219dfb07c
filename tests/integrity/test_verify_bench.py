"""The benchmark keeps working: a tiny vault, every tool timed, a JSON result written."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bench import verify_bench


@pytest.mark.skipif(shutil.which("sha256sum") is None, reason="sha256sum is not installed")
def test_bench_runs_on_a_tiny_vault(tmp_path: Path, capsys) -> None:
    assert verify_bench.main(["--size-gb", "0.003", "--repeat", "1", "--dir", str(tmp_path),
                              "--out", str(tmp_path / "out")]) == 0
    result = json.loads(next((tmp_path / "out").glob("verify_bench-*.json")).read_text())
    assert set(result["seconds"]) >= {"cat", "sha256sum", "sha256sum (parallel)", "casebuilder verify --jobs 1",
                                      "casebuilder verify"}
    assert result["bytes"] == 3_000_000 and result["files"] > 4
    assert "verify/this" in capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # the generated vault is removed


def test_generated_files_match_their_recorded_hashes(tmp_path: Path) -> None:
    import hashlib
    files = verify_bench.generate(tmp_path, 200_000)
    assert sum(n for _, _, n in files) == 200_000
    for rel, digest, n in files:
        data = (tmp_path / rel).read_bytes()
        assert (hashlib.sha256(data).hexdigest(), len(data)) == (digest, n)
    assert len({d for _, d, _ in files}) == len(files)
