"""Mutation testing of the modules whose mistakes hurt users most; not part of CI (it takes long).

    pip install -e '.[test,mutation]'
    python -m bench.mutation                     # every group below
    python -m bench.mutation dates write         # some groups
    python -m bench.mutation --list              # the groups and what they mutate
    nice -n 15 python -m bench.mutation dates --max-children 1   # on a shared machine: one worker
    python -m bench.mutation protect --resume    # continue a run cut short, where it stopped
    python -m bench.mutation protect --rerun-survivors   # the survivors (and timeouts) again, against today's tests
    python -m bench.mutation protect --results   # read a run again: per group and per module
    python -m bench.mutation protect --sample 100   # 100 mutants drawn at random: an estimate, where all take hours
    python -m bench.mutation protect --verify tests/protect/test_new.py   # survivors against new tests only
    python -m bench.mutation protect-quick --verify tests/protect/test_attacks.py --verify-k attacks  # a -k selection

Each group is mutated by mutmut in a scratch copy of the repository (bench/out/mutation/<group>/),
never in the work tree, with the tests that exercise it.  mutmut 3 first runs those tests once and
records which test calls which mutated function; each mutant then runs only the tests that reach its
function (a mutant no selected test reaches is "no tests": not killed).  The kill rate is mutmut's
own score: (killed + timeout) / every mutant tried, except that a test run ended by a signal (mutmut's
"segfault" or "suspicious") counts as killed too; survived and no tests count as not killed; "not
checked" means the run was cut short and is reported apart, never counted.  The
report gives the surviving mutants by name and is written to bench/out/mutation.json.  To inspect a
survivor: `cd bench/out/mutation/<group> && mutmut show <name>`.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"

# group -> (paths mutmut mutates, the pytest selection that exercises them, target kill rate).  Listed smallest
# first.  The selection leaves out tests that spend their time elsewhere (whole PDF builds, subprocesses,
# benchmarks): each mutant runs every selected test that reaches its function, so one slow test there
# multiplies the run by the number of mutants.
BUILDS = "not kill_9 and not read_only and not many_small_items and not bench"
# The analyse group's tests (see "analyse" below), which grades-tree and analyse-output run too, and those of the
# forum and suspects files (jurisdiction-liability, jurisdiction).  The suspects' brief builds stay out of both.
ANALYSE_TESTS = ["tests/analyse", "tests/liability", "tests/jurisdiction", "tests/states",
                 "--ignore=tests/analyse/test_docs.py", "--ignore=tests/analyse/test_properties.py",
                 "-k", "not test_briefs_show_the_section_and_the_flag"]
JURISDICTION_TESTS = ["tests/jurisdiction", "tests/liability", "tests/states", "tests/analyse/test_gap_rules.py",
                      "-k", "not test_briefs_show_the_section_and_the_flag"]
GROUPS: dict[str, tuple[list[str], list[str], float]] = {
    "dates": (["casebuilder/models/dates.py"], ["tests/test_dates.py", "tests/test_dates_from_json.py",
                                               "tests/test_dates_rendering.py", "tests/test_dates_early_years.py"], 0.85),
    "write": (["casebuilder/write.py"], ["tests/integrity/test_atomic.py", "tests/protect/test_output_safety.py",
                                         "tests/protect/test_output_in_place.py", "-k", BUILDS], 0.85),
    "integrity": (["casebuilder/integrity"], ["tests/integrity", "-k", BUILDS], 0.85),
    # protect's and audit's selections include the fixed one-leak-per-format builds and the build-leak
    # properties: a mutant that lets a leaked name through a real build is seen only there; protect's also the
    # typed-names tests (`check` finding a protected name typed below its level: protect/typed.py) and the
    # incremental matcher's (protect/incremental.py: equal to a fresh matcher after every edit) and the workspace's
    # protector after an edit (Protector.with_case: the same answers as a fresh one; its only tests are there)
    "protect": (["casebuilder/protect"], [f"tests/protect/test_{t}.py" for t in (
        "match", "normalise", "protector", "strings", "properties", "diagnostics", "attacks",
        "one_leak_per_format", "build_leaks", "labels", "lookalikes", "typed_ids", "phone_forms", "person_record",
        "copy_diagnostics", "leak_messages", "text_levels", "incremental", "incremental_suspects", "rtl_visual_order", "markup_entities", "sparse_accents")] + [f"tests/authoring/test_typed_{t}.py" for t in (
        "names", "places")] + ["tests/serve/test_matcher_incremental.py", "tests/serve/test_protector_reuse.py"], 0.90),
    # protect's tests less the slowest: the attack builds (test_attacks, 260 s), the build-leak properties (140 s),
    # the workspace's matcher test (23 s) and the PDF, Word and ODF builds of the one-leak examples (45 s), about
    # 80 s left of 550 (plus the 9 s of the protector-reuse test, with_case's only one: without it every mutant of
    # with_case was "no tests").  A surviving mutant of normalise or match runs every test, so a sample of `protect` cannot
    # be run on a shared machine in a session; this one can.  Its tests are a subset of protect's: a kill here is
    # a kill there, and its rate is a lower bound of protect's (for the same mutants: the names are the same).
    "protect-quick": (["casebuilder/protect"], [f"tests/protect/test_{t}.py" for t in (
        "match", "normalise", "protector", "strings", "properties", "diagnostics", "one_leak_per_format", "labels",
        "lookalikes", "typed_ids", "phone_forms", "person_record", "copy_diagnostics", "leak_messages", "text_levels",
        "incremental", "incremental_suspects", "rtl_visual_order", "markup_entities", "sparse_accents")] + [f"tests/authoring/test_typed_{t}.py" for t in ("names", "places")]
        + ["tests/serve/test_protector_reuse.py", "-k", "not (pdf or docx or odt)"], 0.90),
    "audit": (["casebuilder/audit"], [f"tests/protect/test_{t}.py" for t in (
        "audit_formats", "audit_command", "pdftext", "properties", "diagnostics", "attacks", "one_leak_per_format",
        "build_leaks", "audit_kinds", "copy_diagnostics", "leak_messages", "audit_extract",
        "audit_office", "pdftext_streams", "pdf_fallback")], 0.85),
    # audit's tests less the attack builds and the build-leak properties (400 s of about 500): as protect-quick
    "audit-quick": (["casebuilder/audit"], [f"tests/protect/test_{t}.py" for t in (
        "audit_formats", "audit_command", "pdftext", "properties", "diagnostics", "one_leak_per_format",
        "audit_kinds", "copy_diagnostics", "leak_messages", "audit_extract", "audit_office", "pdftext_streams",
        "pdf_fallback")], 0.85),
    # analyse leaves out test_docs (docs/ is not in the scratch copy; the fixtures pin the reason codes), the
    # Hypothesis properties and the PDF builds (about 80 s a mutant; mutmut runs a mutant's tests in no set order).
    # tests/states is treaties.py's own (participation and routes_for, branch by branch; 83 tests, about 5 s)
    "analyse": (["casebuilder/analyse"], ANALYSE_TESTS, 0.90),
    # a first pass over analyse/ with the gap-rule fixtures, the gaps command and its output read back whole, the
    # origin graph's loops and unknown sources, and the units other analyses reuse (Engine, applicability, the
    # audience view, result values, figure grades): a few seconds a mutant; its survivors are then run by name in the analyse group, or
    # against the tests written for them (--verify).  A kill here is a kill there: the tests are a subset.
    "analyse-fixtures": (["casebuilder/analyse"], [f"tests/analyse/test_{t}.py" for t in (
        "gap_rules", "gaps_cli", "origin_graph", "engine", "applicability", "gaps_output", "view", "results",
        "figures")], 0.90),
    # i27j: the four analyse/ files behind the forum and suspects outputs, with the tests that read those outputs
    # (forums, suspects, immunities, the states data and its routes) and the gap-rule fixtures, whose treaty
    # fixtures reach treaties.py through applicability.  The brief builds stay out (as in "analyse").
    "jurisdiction-liability": ([f"casebuilder/analyse/{m}.py" for m in ("liability", "liability_export", "treaties",
                                                                         "jurisdiction")],
                               JURISDICTION_TESTS, 0.90),
    # grades.py and tree.py whole, with the analyse group's tests (their survivors were last called equivalent)
    "grades-tree": (["casebuilder/analyse/grades.py", "casebuilder/analyse/tree.py"], ANALYSE_TESTS, 0.90),
    # the audience view, the gap table, the exports and the quality figures: the files of analyse/ whose samples were
    # weakest in the first runs (40-72 %), sampled together (--sample), with the analyse group's tests
    "analyse-output": ([f"casebuilder/analyse/{m}.py" for m in ("view", "table", "export", "quality")], ANALYSE_TESTS,
                       0.90),
    # jurisdiction.py alone, with the same tests: a --sample draws over this file's mutants only (as the
    # integrator's seed-27 sample of 100 did), and --rerun-survivors reruns that sample's survivors
    "jurisdiction": (["casebuilder/analyse/jurisdiction.py"], JURISDICTION_TESTS, 0.90),
}
# Added to the scratch copy's tests/conftest.py.
# Hypothesis: every property test draws the same examples for every mutant (derandomize), and no example
# database carries a failure found under one mutant over to the next: a run is reproducible, and a mutant's
# verdict does not depend on the mutants run before it.
# Caches, in mutmut's "stats" pass only (the one that records which tests reach which function): a function
# below a cache (confusables._fold under skeleton_map, typed._patterned under _text_fields, the letter tables
# of normalise) runs only in the first test that fills the cache, so mutmut would credit only that test with
# reaching it, and run only that test against its mutants.  Emptied before every test of that pass, each test
# that needs the function reaches it.  (During the mutant runs each worker starts with empty caches anyway.)
CONFTEST_ADDITION = """

# ---- added by bench/mutation.py in its scratch copy ----
import os as _os
import sys as _sys

import pytest as _pytest
from hypothesis import Phase as _Phase, settings as _settings

# no shrinking: a property a mutant breaks fails at its first failing example (shrinking it took minutes, and
# ran into mutmut's time limit: a "timeout" where a failure had already been seen)
_settings.register_profile("mutation", derandomize=True, database=None,
                           phases=(_Phase.explicit, _Phase.reuse, _Phase.generate))
_settings.load_profile("mutation")


# mutmut credits a function to the tests in whose setup or call it ran during its "stats" pass, and then runs a
# mutant against those tests only.  A module-scoped fixture is set up once, in the first test that asks for it: the
# module's other tests were never credited, so never run against the mutants of what the fixture calls (the forum
# analysis of tests/jurisdiction's full case: five tests of six left out).  In that pass every test is run on its
# own (all fixtures torn down after it, as after the last test), and its setup time is counted in its duration
# (mutmut counts only the call: a mutant's time limit, three times that estimate, was then too short for tests
# whose work is in a fixture, and a survivor there showed as a "timeout", counted killed).
@_pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
    if _os.environ.get("MUTANT_UNDER_TEST") != "stats":
        return None
    from _pytest.runner import runtestprotocol
    item.ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
    runtestprotocol(item, nextitem=None, log=True)
    item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
    return True


def pytest_runtest_makereport(item, call):
    if call.when == "setup" and _os.environ.get("MUTANT_UNDER_TEST") == "stats":
        from mutmut.state import state
        durations = state().duration_by_test
        durations[item.nodeid] = durations.get(item.nodeid, 0) + call.duration


def _empty_casebuilder_caches():
    for name, module in list(_sys.modules.items()):
        if name == "casebuilder" or name.startswith("casebuilder."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
    norm = _sys.modules.get("casebuilder.protect.normalise")
    if norm is not None:
        norm._SKELETON.clear()
        norm._TABLE.clear()
        norm._TABLE.update(str.maketrans(norm._LETTERS))


@_pytest.fixture(autouse=True)
def _mutmut_stats_with_empty_caches():
    if _os.environ.get("MUTANT_UNDER_TEST") == "stats":
        _empty_casebuilder_caches()
    yield


def pytest_collection_modifyitems(config, items):
    # a mutant's tests, fastest first (by the durations of the stats pass): the run stops at the first failure,
    # so a mutant a quick test kills is not first run through a whole PDF build.  Order only: the same tests run.
    if _os.environ.get("MUTANT_UNDER_TEST", "") in ("", "stats", "fail", "mutant_generation", "list_all_tests"):
        return
    try:
        with open("mutmut-stats.json", encoding="utf-8") as fh:
            durations = __import__("json").load(fh)["duration_by_test"]
    except (OSError, ValueError, KeyError):
        return
    items.sort(key=lambda item: durations.get(item.nodeid, float("inf")))
"""
SKIP = {".git", ".venv", "build", "mutants", ".pytest_cache", ".hypothesis", ".casebuilder-cache", "out"}
RESULT = re.compile(r"^\s*(?P<name>[\w.]+__mutmut_\d+): (?P<status>.+?)\s*$")


# A mutant whose tests end by a signal or an exit code mutmut does not know ("segfault", "suspicious": say
# a mutant that signals its own process) made the test run fail: detected, like a timeout.
KILLED = ("killed", "timeout", "segfault", "suspicious")
NOT_KILLED = ("survived", "no tests")


def _scratch(group: str, paths: list[str], tests: list[str]) -> Path:
    dest = OUT / "mutation" / group
    shutil.rmtree(dest, ignore_errors=True)
    for earlier in (f"{group}-sample.txt", f"{group}-verified.json"):  # of the mutants this replaces (names recur)
        (OUT / "mutation" / earlier).unlink(missing_ok=True)
    shutil.copytree(REPO, dest, ignore=lambda d, names: [n for n in names if n in SKIP or n == "__pycache__"])
    config = ("\n[tool.mutmut]\n"
              f"source_paths = {json.dumps(paths)}\n"
              f"pytest_add_cli_args_test_selection = {json.dumps(tests)}\n"
              # mutmut copies only what it mutates; the rest of the package, the data and the tests come along
              'also_copy = ["casebuilder", "frameworks", "templates", "cases", "tests", "bench"]\n'
              # not "fork": a worker forked from the process that ran the clean tests inherits their warm
              # caches (parse_point, _display), and a mutant below a cache is never seen by any test
              'process_isolation = "forkserver"\nforkserver_warmup = "collect"\n'
              # a mutant that loops is stopped after (its tests' time + 1 s) x 2 x this, in CPU seconds (the
              # tests' time is the wall time of the stats pass, which empties the caches before every test: more
              # than the CPU time of a run): mutmut's default of 15 let one loop take eight CPU minutes
              "timeout_multiplier = 1.5\n")
    with open(dest / "pyproject.toml", "a", encoding="utf-8") as fh:
        fh.write(config)
    with open(dest / "tests" / "conftest.py", "a", encoding="utf-8") as fh:
        fh.write(CONFTEST_ADDITION)
    return dest


def run_group(group: str, max_children: int, resume: bool = False, rerun: bool = False,
              sample: int | None = None, seed: int = 27, prepare: bool = False) -> dict:
    """One mutmut run of ``group``.  ``resume``: continue a run cut short in its scratch copy (the
    mutants not checked yet; the tests and selection of that copy).  ``rerun``: run the survivors of
    the group's run again, by name, in a second scratch copy (``<group>-rerun``) made from today's
    tests; :func:`results` then reports each of them by its second verdict, every other mutant by its
    first.  ``sample``: run only that many of the group's mutants, drawn at random (``seed``) from all
    of them, and report the rate over those: an unbiased estimate where the whole group would take
    hours (mutmut on its own runs the cheapest mutants first, so a run cut short is not a sample)."""
    paths, tests, _ = GROUPS[group]
    names: list[str] = []
    scratch = group
    if rerun:  # the first run's survivors, and its timeouts (on a shared machine a timeout may be the load's)
        first = results(group, first_run=True)
        names = sorted(first["survivors"] + first["timeouts"])
        scratch = f"{group}-rerun"
    where = OUT / "mutation" / scratch
    if not ((resume or sample) and (where / "mutants").is_dir()):
        where = _scratch(scratch, paths, tests)
    log_path = OUT / "mutation" / f"{scratch}.log"
    started = time.monotonic()
    if sample is not None or prepare:
        if prepare or not _statuses(where):  # mutants not generated yet: generate them and record the tests, run none
            _mutmut(where, ["run", "--max-children", str(max_children), "no-such-mutant"], log_path, append=resume)
        if prepare:
            return results(group, round(time.monotonic() - started))
        everything = _statuses(where)
        drawn = sorted(random.Random(seed).sample(sorted(everything), min(sample, len(everything))))
        (OUT / "mutation" / f"{group}-sample.txt").write_text("\n".join(drawn) + "\n", encoding="utf-8")
        names = [n for n in drawn if everything[n] == "not checked"]
        if not names:
            return results(group, round(time.monotonic() - started))
    _mutmut(where, ["run", "--max-children", str(max_children), *names], log_path, append=resume or sample is not None)
    return results(group, round(time.monotonic() - started))


def _mutmut(where: Path, args: list[str], log_path: Path, append: bool) -> None:
    # Bytecode is written in the scratch copy even where the environment forbids it: otherwise every mutant's
    # test process compiles mutmut's copy of the source again (5.0 s of CPU a mutant for analyse/, 0.27 s with it).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with open(log_path, "a" if append else "w", encoding="utf-8") as log:  # mutmut's own account, if it fails
        subprocess.run([sys.executable, "-m", "mutmut", *args], cwd=where, check=False, stdout=log,
                       stderr=subprocess.STDOUT, env=env, preexec_fn=_default_signals)


def _default_signals() -> None:
    """A run started under ``nohup`` (or from a shell that ignores SIGHUP/SIGINT) passes the ignoring on to
    every test process: a mutant that signals its own process (``write._alive`` sending a hangup instead of
    asking with signal 0) then survives.  Each run's processes get the default handlers back."""
    import signal

    for sig in (signal.SIGHUP, signal.SIGINT):
        signal.signal(sig, signal.SIG_DFL)


def _failed(output: str) -> list[str]:
    """The node ids of pytest's "FAILED <node id> - <reason>" and "ERROR ..." lines (an id may hold spaces)."""
    return [line.split(" ", 1)[1].split(" - ")[0] for line in output.splitlines() if line.startswith(("FAILED ", "ERROR "))]


def verify(group: str, tests: list[str], only: str | None = None) -> dict[str, str]:
    """Run each surviving mutant of the group's run against ``tests`` (files written for the survivors),
    as mutmut would (the mutant active in a fresh pytest process), in the run's scratch copy with the
    work tree's tests copied in.  Cheap where a rerun by mutmut is not: only those files run.  A test that
    fails without any mutant (it needs a fix the scratch copy's source lacks) does not count: a mutant is
    killed when a test fails that passes without it, when pytest cannot run at all, or when the run takes
    ten times as long as without the mutant (two minutes at least: it loops).  ``only``: the survivors whose
    name this regular expression finds (the tests that can reach the others are elsewhere).
    Writes ``<group>-verified.json`` (mutant -> "killed" or "survived"), which :func:`results` reads."""
    where = OUT / "mutation" / group / "mutants"
    shutil.copytree(REPO / "tests", where / "tests", dirs_exist_ok=True,
                    ignore=lambda d, names: [n for n in names if n == "__pycache__" or n == "conftest.py"])

    stop: list[str] = []

    def pytest(mutant: str, timeout: float | None = None) -> tuple[int, set[str]]:
        env = {**os.environ, "MUTANT_UNDER_TEST": mutant, "PYTHONPATH": str(where)}
        try:
            r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rfE", "-p", "no:cacheprovider", "-p",
                                "no:randomly", *stop, *tests], cwd=where, env=env, capture_output=True, text=True,
                               timeout=timeout, preexec_fn=_default_signals)
        except subprocess.TimeoutExpired:  # the mutant loops: detected, as mutmut's timeout
            return -1, set()
        return r.returncode, set(_failed(r.stdout))

    started = time.monotonic()
    code, failing = pytest("")
    limit = max(120.0, 10 * (time.monotonic() - started))  # wall time: the machine may be shared
    if code not in (0, 1):
        raise SystemExit(f"the tests do not run in {where} (pytest exit {code})")
    if not failing:  # every test passes without a mutant: a mutant's run may stop at its first failure
        stop.append("-x")
    done = OUT / "mutation" / f"{group}-verified.json"
    earlier = json.loads(done.read_text(encoding="utf-8")) if done.is_file() else {}
    # a kill stands; a survivor of other tests is tried again with these
    verdicts = {n: v for n, v in earlier.get("verdicts", {}).items() if v == "killed" or earlier.get("tests") == tests}
    tests_so_far = list(dict.fromkeys([*earlier.get("tests", []), *tests]))
    for name in results(group)["survivors"]:
        if name not in verdicts and (only is None or re.search(only, name)):
            code, failed = pytest(name, limit)
            verdicts[name] = "killed" if code not in (0, 1) or failed - failing else "survived"
            done.write_text(json.dumps({"tests": tests_so_far, "failing_without_mutant": sorted(failing),
                                        "verdicts": verdicts}, indent=2) + "\n", encoding="utf-8")
    return verdicts


def _statuses(where: Path) -> dict[str, str]:
    listing = subprocess.run([sys.executable, "-m", "mutmut", "results", "--all", "true"], cwd=where,
                             capture_output=True, text=True).stdout
    return {m["name"]: m["status"] for line in listing.splitlines() if (m := RESULT.match(line))}


MODULE = re.compile(r"^(?P<module>.+?)\.x[_\u01c1]")  # casebuilder.protect.typed.x__walk__mutmut_3, ...xǁClassǁmethod


def _rate(statuses: dict[str, str]) -> dict:
    count = Counter(statuses.values())
    killed = sum(count[s] for s in KILLED)
    not_killed = sum(count[s] for s in NOT_KILLED)
    tried = killed + not_killed
    return {"mutants": len(statuses), "killed": killed, "not_killed": not_killed, "not_run": count["not checked"],
            "kill_rate": round(killed / tried, 3) if tried else None}


def results(group: str, seconds: int | None = None, first_run: bool = False) -> dict:
    """The group's results as its scratch copy holds them (after a run, or to read an earlier one again),
    with the verdicts of a rerun of its survivors (``<group>-rerun``) in place of the first ones (not with
    ``first_run``: the first run's alone)."""
    paths, tests, target = GROUPS[group]
    statuses = _statuses(OUT / "mutation" / group)
    population = len(statuses)
    drawn = OUT / "mutation" / f"{group}-sample.txt"
    if drawn.is_file():  # a sampled run: the rate is over the sample
        statuses = {n: statuses[n] for n in drawn.read_text(encoding="utf-8").split() if n in statuses}
    rerun = OUT / "mutation" / f"{group}-rerun"
    rerun_names: list[str] = []
    if (rerun / "mutants").is_dir() and not first_run:
        again = {n: s for n, s in _statuses(rerun).items() if s != "not checked" and n in statuses}
        rerun_names = sorted(again)
        statuses.update(again)
    verified = OUT / "mutation" / f"{group}-verified.json"
    killed_by_new: list[str] = []
    if verified.is_file() and not first_run:  # survivors run again against the tests written for them (see verify)
        killed_by_new = sorted(n for n, v in json.loads(verified.read_text(encoding="utf-8"))["verdicts"].items()
                               if v == "killed" and statuses.get(n) in NOT_KILLED)
        statuses.update({n: "killed" for n in killed_by_new})
    by_module: dict[str, dict[str, str]] = {}
    for name, status in statuses.items():
        m = MODULE.match(name)
        by_module.setdefault(m["module"] if m else "?", {})[name] = status
    whole = _rate(statuses)
    return {"group": group, "mutated": paths, "tests": tests, "target": target, "kill_rate": whole["kill_rate"] or 0.0,
            "counts": dict(Counter(statuses.values())), "seconds": seconds, "population": population,
            "sample": len(statuses) if drawn.is_file() else None,
            "modules": {mod: _rate(st) for mod, st in sorted(by_module.items())},
            "rerun": rerun_names, "killed_by_new_tests": killed_by_new,
            "survivors": sorted(n for n, s in statuses.items() if s in NOT_KILLED),
            "timeouts": sorted(n for n, s in statuses.items() if s == "timeout"),
            "not_checked": sorted(n for n, s in statuses.items() if s == "not checked")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("groups", nargs="*", metavar="GROUP", help="groups to run (default: all of " + ", ".join(GROUPS) + ")")
    ap.add_argument("--list", action="store_true", help="list the groups and exit")
    ap.add_argument("--results", action="store_true",
                    help="do not run: report the results an earlier run left in bench/out/mutation/<group>")
    ap.add_argument("--resume", action="store_true",
                    help="continue a run cut short: the mutants its scratch copy has not checked yet")
    ap.add_argument("--rerun-survivors", action="store_true",
                    help="run the survivors and timeouts of the first run again, with today's tests (in bench/out/mutation/<group>-rerun)")
    ap.add_argument("--sample", type=int, metavar="N",
                    help="run N mutants drawn at random from the group (an estimate of its rate, where all would take hours)")
    ap.add_argument("--seed", type=int, default=27, help="the draw's seed (default 27)")
    ap.add_argument("--verify", nargs="+", metavar="TEST",
                    help="run the survivors of the group's run against these test files only (see verify())")
    ap.add_argument("--verify-k", metavar="EXPR",
                    help="with --verify: only the tests pytest's -k EXPR selects (the full group's tests less the quick one's)")
    ap.add_argument("--verify-only", metavar="REGEX",
                    help="with --verify: only the survivors whose name REGEX finds (say, 'incremental')")
    ap.add_argument("--prepare", action="store_true",
                    help="only make the scratch copy, generate the mutants and record which tests reach them")
    ap.add_argument("--max-children", type=int, default=1, metavar="N",
                    help="mutants run at once (default 1: the machine is usually shared)")
    args = ap.parse_args(argv)
    if args.list:
        for g, (paths, tests, target) in GROUPS.items():
            print(f"{g:10} {', '.join(paths)}  <- {', '.join(tests)}  (target {target:.0%})")
        return 0
    unknown = [g for g in args.groups if g not in GROUPS]
    if unknown:
        ap.error(f"unknown group {', '.join(unknown)}; the groups are {', '.join(GROUPS)}")
    OUT.mkdir(parents=True, exist_ok=True)
    report = []
    for g in args.groups or list(GROUPS):
        if args.results and not (OUT / "mutation" / g / "mutants").is_dir():
            print(f"{g}: not run yet", file=sys.stderr)
            continue
        if args.verify:
            verify(g, args.verify + (["-k", args.verify_k] if args.verify_k else []), args.verify_only)
        report.append(results(g) if args.results or args.verify else
                      run_group(g, args.max_children, resume=args.resume, rerun=args.rerun_survivors,
                                sample=args.sample, seed=args.seed, prepare=args.prepare))
        # written after every group, so that a long run cut short keeps what it measured
        if not args.results:
            (OUT / "mutation.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"{'group':10} {'killed':>7} {'not killed':>11} {'unrun':>6} {'kill rate':>10} {'target':>7}")
    for r in report:
        c = r["counts"]
        killed = sum(c.get(s, 0) for s in KILLED)
        flag = "" if r["kill_rate"] >= r["target"] else "  below target"
        print(f"{r['group']:10} {killed:7} {len(r['survivors']):11} {len(r['not_checked']):6} "
              f"{r['kill_rate']:10.1%} {r['target']:7.0%}{flag}")
        for mod, m in r["modules"].items():
            rate = "-" if m["kill_rate"] is None else f"{m['kill_rate']:.1%}"
            print(f"  {mod:40} {m['killed']:5} {m['not_killed']:5} {m['not_run']:5} {rate:>7}")
        if r["sample"]:
            print(f"  (a random sample of {r['sample']} of the group's {r['population']} mutants)")
        if r["killed_by_new_tests"]:
            print(f"  ({len(r['killed_by_new_tests'])} survivors of the run killed since by the tests written for them)")
        if r["rerun"]:
            print(f"  ({len(r['rerun'])} survivors of the first run reported by their rerun with today's tests)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
