"""Property: whatever is done to an exhibit — a flipped bit, a cut, an extra byte, a swap, a rename,
a deletion — verify (with --require-exhibits) fails and names the item."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebuilder.integrity import verify_case

from .conftest import make_vaulted

MUTATIONS = ["flip", "truncate", "append", "swap", "rename", "delete"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blobs=st.lists(st.binary(min_size=0, max_size=4000), min_size=2, max_size=5),
       target=st.integers(0, 4), mutation=st.sampled_from(MUTATIONS), where=st.floats(0, 1, exclude_max=True))
def test_any_change_to_an_exhibit_is_caught(blobs: list[bytes], target: int, mutation: str, where: float) -> None:
    blobs = [i.to_bytes(2, "big") + b for i, b in enumerate(blobs)]  # distinct, never empty
    target %= len(blobs)
    with tempfile.TemporaryDirectory() as tmp:
        v = make_vaulted(Path(tmp), {f"f{i}.bin": b for i, b in enumerate(blobs)})
        assert verify_case(v.case, v.vault, require_exhibits=True).ok()
        p = v.vault / f"f{target}.bin"
        data = bytearray(p.read_bytes())
        at = int(where * len(data))
        affected = {f"ev-x{target}"}
        if mutation == "flip":
            data[at] ^= 1 << (at % 8)
            p.write_bytes(bytes(data))
        elif mutation == "truncate":
            p.write_bytes(bytes(data[:at]))
        elif mutation == "append":
            p.write_bytes(bytes(data) + b"\0")
        elif mutation == "swap":
            other = (target + 1) % len(blobs)
            q = v.vault / f"f{other}.bin"
            p.write_bytes(q.read_bytes())
            q.write_bytes(bytes(data))
            affected.add(f"ev-x{other}")
        elif mutation == "rename":
            p.rename(v.vault / "renamed.bin")
        else:
            p.unlink()
        report = verify_case(v.case, v.vault, jobs=2, require_exhibits=True)
        assert not report.ok()
        status = {it.evidence: it.status for it in report.items}
        assert {e for e, s in status.items() if s != "ok"} == affected
        assert all(d.severity == "error" for d in report.diagnostics)
