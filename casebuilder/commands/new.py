"""casebuilder new PATH: scaffold a small, complete case that passes `check`."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from .. import isocodes
from ..api import frameworks as load_frameworks
from ..errors import UsageError
from .schema import case_schema

CASE_FRAMEWORKS = ["rome-statute/article-7"]  # the frameworks the example case lists

HELP = "scaffold a small but complete example case (one of each collection) that passes check"

SCHEMA_LINE = "# yaml-language-server: $schema=./case.schema.json\n"

FILES: dict[str, str] = {
    "case.yaml": """\
# The case: what it is about, which law it is analysed under, and the defaults.
case:
  id: {id}
  title: Example case
  date: "2026-01-31"            # the date the analysis speaks as of (briefs never use the clock)
  situation:
    state: {state}                   # territorial state, ISO 3166-1 alpha-2
    territory: {territory}
    period: {{start: "2026-01-01", end: "2026-01-31"}}
    armed_conflict: none        # none | non-international | international
    armed_conflict_basis: No organised armed group is reported to take part in hostilities.
  frameworks: [rome-statute/article-7]
  standard: reasonable-basis    # reasonable-basis | reasonable-grounds | substantial-grounds | beyond-reasonable-doubt
  confidentiality: public       # default level of persons, evidence and incidents
  audience: public              # default audience of outputs
  languages: [en]
  prepared_by: Example NGO
""",
    "actors-and-sources.yaml": """\
sources:
  - id: src-ngo
    name: Example Human Rights NGO
    kind: ngo
    reliability: B              # Admiralty scale A-F
    reliability_reason: Documents incidents with named victims and publishes its method.
actors:
  - id: act-police
    name: Example police force
    kind: institution
  - id: act-unit
    name: Example riot-police unit
    kind: unit
    part_of: act-police
""",
    "persons.yaml": """\
persons:
  - id: p-victim
    role: victim
    name: Example Victim
    protection: none
  - id: p-witness
    role: witness
    name: Fictional Witness Name       # the real name: shown only at or above `clearance`
    pseudonym: Witness A
    protection: pseudonym
    clearance: confidential
""",
    "incidents.yaml": """\
incidents:
  - id: inc-shooting
    title: Alleged shooting at a demonstration
    date: "2026-01-03"
    location: {{place: Example Square, country: {state}}}
    description: |
      According to [[p-witness]], security forces allegedly opened fire on demonstrators,
      killing [[p-victim]].
    categories: [violence-with-weapons]
    victims: {{killed: 1}}
    actors: [act-unit]
    persons: [p-victim, p-witness]
    evidence: [ev-testimony]
""",
    "evidence.yaml": """\
evidence:
  - id: ev-testimony
    kind: testimony
    title: Statement of Witness A
    source: src-ngo
    derived_from: [p-witness]   # what this item relays: the hearsay chain
    date: "2026-01-05"
    language: en
    summary: "[[p-witness]] describes the shooting."
    credibility: 2              # 1 confirmed by other sources ... 6 cannot be judged; ungraded items never count
    confidentiality: confidential
  - id: ev-report
    kind: report
    title: NGO report on the protests
    source: src-ngo
    date: "2026-01-20"
    summary: Reports repeated shootings of demonstrators across the territory.
    credibility: 3
    first_hand: "no"   # states a claim without naming who saw it (docs/gaps.md: first-hand)
figures:
  - id: fig-deaths
    what: deaths
    value: 12
    as_of: "2026-01-20"
    scope: nationwide
    source: src-ngo
    evidence: [ev-report]
""",
    "allegations.yaml": """\
allegations:
  - id: al-context
    framework: rome-statute/article-7
    context: true
    links:
      - {{element: rs.7.ctx.attack, evidence: [ev-report], stance: supports}}
  - id: al-murder
    framework: rome-statute/article-7
    provision: rs.7.1.a
    incidents: [inc-shooting]
    actors: [act-unit]
    victims: [p-victim]
    links:
      - element: rs.7.1.a.1
        evidence: [ev-testimony]
        stance: supports
        note: The witness saw the victim fall.
""",
}


def configure(p) -> None:
    p.add_argument("path", metavar="PATH", help="folder to create (must not exist or be empty)")
    p.add_argument("--state", metavar="CODE", default=None,
                   help="the territorial state, ISO 3166-1 alpha-2 (e.g. IR, SD); default: the placeholder XX")


def scaffold(path: Path, state: str | None = None, frameworks_dir: Path | str | None = None) -> list[Path]:
    """Write the example case into the empty folder ``path``; ``state``: the situation's ISO code."""
    fs, _ = load_frameworks(frameworks_dir)
    code, territory = "XX", "Example territory"
    if state is not None:
        code = state.strip().upper()
        if not isocodes.valid(code):
            raise UsageError(f"--state {state!r} is not an ISO 3166-1 alpha-2 code (e.g. IR for Iran, SD for Sudan)")
        entry = fs.states.get(code) if fs.states else None
        territory = getattr(entry, "name", None) or code
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise UsageError(f"{path}: already exists and is not an empty folder")
    path.mkdir(parents=True, exist_ok=True)
    case_id = "".join(c if c.isalnum() or c in "-_" else "-" for c in path.resolve().name).strip("-") or "new-case"
    written = []
    schema = case_schema(fs, CASE_FRAMEWORKS)
    (path / "case.schema.json").write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for name, body in FILES.items():
        f = path / name
        f.write_text(SCHEMA_LINE + body.format(id=case_id, state=code, territory=territory), encoding="utf-8")
        written.append(f)
    return written


def run(args) -> int:
    files = scaffold(Path(args.path), args.state, args.frameworks_dir)
    print(f"created {args.path} with {len(files)} case files; next: casebuilder check {args.path}")
    if args.state:
        fs, _ = load_frameworks(args.frameworks_dir)
        code = args.state.strip().upper()
        if fs.states and code not in fs.states and not isocodes.user_assigned(code):
            print(f"note: {code} has no entry in the treaty-participation data (frameworks/states/); "
                  "treaty-based rules will be undetermined", file=sys.stderr)
    return 0
