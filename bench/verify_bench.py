"""How fast is `casebuilder verify` next to `sha256sum` on the same files?

    python -m bench.verify_bench [--size-gb 2] [--repeat 3] [--jobs N] [--dir TMP] [--keep]

Generates a vault of random data in a temporary folder (a few large files, the scans, and many
small ones, the documents and photos), a case whose evidence items record each file's hash, and
then times, with the page cache warm and in the same run (best of ``--repeat``):

* ``cat``                    — reading the bytes, the floor any hasher stands on;
* ``sha256sum``              — GNU coreutils, one process over all files;
* ``sha256sum (parallel)``   — the same through ``xargs -P JOBS``;
* ``openssl dgst -sha256``   — OpenSSL's SHA-256 (what hashlib uses), one process, if installed;
* ``casebuilder verify``     — the whole command, interpreter start and case loading included,
  with one hashing thread (like ``sha256sum``) and with ``--jobs JOBS``;
* ``verify_case()``          — the same work through the API, in this process (no start-up cost).

Prints the ratios (verify time / other time: below 1 means verify is faster) and writes the numbers
as JSON to ``bench/out/verify_bench-<time>.json`` (the folder is git-ignored).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from casebuilder.commands.new import scaffold
from casebuilder.integrity import verify_case

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
BLOCK = 16 << 20


def generate(root: Path, size: int, seed: int = 7) -> list[tuple[str, str, int]]:
    """Write about ``size`` bytes of files under ``root``; return (relative path, sha256, size) per file."""
    rng = random.Random(seed)
    block = rng.randbytes(BLOCK)
    big = [int(size * 0.8 / 4)] * 4  # 80 % in four large scans
    small_budget = size - sum(big)
    small = []
    while small_budget > 0:  # the rest in files of 4 KB .. 4 MB
        n = min(small_budget, int(4096 * 1000 ** rng.random()))
        small.append(n)
        small_budget -= n
    files = []
    for i, n in enumerate(big + small):
        rel = f"scans/scan-{i:03d}.bin" if i < len(big) else f"docs/{i // 100:02d}/doc-{i:05d}.bin"
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        h = hashlib.sha256()
        with open(path, "wb") as fh:
            head = i.to_bytes(8, "little") + rng.randbytes(56)  # every file differs
            left, offset = n, rng.randrange(BLOCK)
            body = block[offset:offset + min(n, BLOCK)]
            chunk = (head + body + block[:max(0, min(n, BLOCK) - len(body))])[:n]
            while left > 0:
                part = memoryview(chunk)[: min(left, len(chunk))]
                fh.write(part)
                h.update(part)
                left -= len(part)
        files.append((rel, h.hexdigest(), n))
    return files


def write_case(folder: Path, files: list[tuple[str, str, int]]) -> None:
    scaffold(folder)
    lines = ["evidence:"]
    for i, (rel, digest, n) in enumerate(files):
        lines += [f"  - id: ev-bench-{i:05d}", "    kind: document", "    source: src-ngo",
                  f"    exhibit: {{path: {rel}, sha256: {digest}, size: {n}}}"]
    (folder / "bench-exhibits.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def best_of(repeat: int, argv: list[str], cwd: Path, env=None) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        done = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - t
        if done.returncode != 0:
            raise SystemExit(f"{argv[0]} failed ({done.returncode}): {done.stderr.decode(errors='replace')[:500]}")
        best = min(best, elapsed)
    return best


def best_in_process(repeat: int, case: Path, vault: Path, jobs: int) -> float:
    """The API call alone: what verify costs once the interpreter and casebuilder are loaded."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        report = verify_case(case, vault, jobs=jobs, require_exhibits=True)
        best = min(best, time.perf_counter() - t)
        if not report.ok():
            raise SystemExit("verify_case found problems in the generated vault")
    return best


def tools(case: Path, vault: Path, list_file: Path, n_files: int, jobs: int) -> dict[str, list[str]]:
    """The command lines timed, by name; all read the same files (listed NUL-separated in ``list_file``)."""
    verify = [sys.executable, "-m", "casebuilder", "verify", str(case), "--exhibits", str(vault), "--format", "json"]
    xargs = ["xargs", "-0", "-a", str(list_file)]
    runs = {
        "cat": [*xargs, "cat"],
        "sha256sum": [*xargs, "sha256sum"],
        "sha256sum (parallel)": [*xargs, "-P", str(jobs), "-n", str(max(1, n_files // (4 * jobs))), "sha256sum"],
        "openssl dgst -sha256": [*xargs, "openssl", "dgst", "-sha256"],
        "casebuilder verify --jobs 1": [*verify, "--jobs", "1"],
        "casebuilder verify": [*verify, "--jobs", str(jobs)],
    }
    if shutil.which("openssl") is None:  # the same SHA-256 code as Python's hashlib, where installed
        del runs["openssl dgst -sha256"]
    return runs


def summarise(times: dict[str, float], total: int, n_files: int, args) -> dict:
    verify_s = times["casebuilder verify"]
    return {
        "bytes": total, "files": n_files, "repeat": args.repeat, "jobs": args.jobs, "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "sha256sum": subprocess.run(["sha256sum", "--version"], capture_output=True, text=True).stdout.splitlines()[0],
        "seconds": {k: round(v, 4) for k, v in times.items()},
        "gb_per_second": {k: round(total / v / 1e9, 3) for k, v in times.items()},
        "ratio_verify_over": {k: round(verify_s / v, 3) for k, v in times.items() if "verify" not in k},
        "ratio_verify_jobs1_over_sha256sum": round(times["casebuilder verify --jobs 1"] / times["sha256sum"], 3),
        "ratio_in_process_over_sha256sum": round(times["verify_case() in process"] / times["sha256sum"], 3),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.verify_bench", description=__doc__.splitlines()[0])
    ap.add_argument("--size-gb", type=float, default=2.0, help="total size of the generated vault (default 2)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each tool; the best is kept (default 3)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallelism for verify and xargs -P")
    ap.add_argument("--dir", default=None, help="where to create the temporary vault (default: the system temp)")
    ap.add_argument("--keep", action="store_true", help="keep the generated files")
    ap.add_argument("--out", default=str(OUT), help="folder for the JSON result (default: bench/out)")
    args = ap.parse_args(argv)
    if shutil.which("sha256sum") is None:
        raise SystemExit("sha256sum is not installed; nothing to compare with")
    tmp = Path(tempfile.mkdtemp(prefix="verify-bench-", dir=args.dir))
    try:
        vault, case, list_file = tmp / "vault", tmp / "case", tmp / "files.txt"
        files = generate(vault, int(args.size_gb * 1e9))
        write_case(case, files)
        list_file.write_bytes(b"\0".join(r.encode() for r, _, _ in files))
        env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        runs = tools(case, vault, list_file, len(files), args.jobs)
        best_of(1, runs["cat"], vault)  # warm the page cache
        times = {name: best_of(args.repeat, cmd, vault, env) for name, cmd in runs.items()}
        times["verify_case() in process"] = best_in_process(args.repeat, case, vault, args.jobs)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    total = sum(n for _, _, n in files)
    result = summarise(times, total, len(files), args)
    print(f"{len(files)} files, {total / 1e9:.2f} GB, warm cache, best of {args.repeat}, jobs {args.jobs}")
    for name, secs in times.items():
        ratio = "" if "verify" in name else f"   verify/this = {times['casebuilder verify'] / secs:.2f}"
        print(f"  {name:<28} {secs:7.2f} s  {total / secs / 1e9:6.2f} GB/s{ratio}")
    out = Path(args.out) / f"verify_bench-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
