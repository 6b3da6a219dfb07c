"""casebuilder frameworks states [XX]: the treaty-participation data, with verified/unverified counts."""
from __future__ import annotations

import json

from ..analyse.treaties import participation, routes_for
from ..errors import UsageError
from ..isocodes import valid


def _counts(state, treaties) -> dict:
    facts = [state.status(t) for t in treaties]
    rec = [p for p in facts if p is not None]
    return {"recorded": len(rec), "verified": sum(1 for p in rec if not p.unverified),
            "unverified": sum(1 for p in rec if p.unverified), "not_recorded": len(facts) - len(rec)}


def _place(fs, key) -> str | None:
    place = fs.state_places.get(key)
    return str(place) if place is not None else None


def listing(fs) -> dict:
    treaties = list(fs.treaties)
    rows = [{"code": s.code, "name": s.name, "un": s.un, **_counts(s, treaties)}
            for s in sorted(fs.states.values(), key=lambda s: s.code)]
    per_treaty = {}
    for t in treaties:
        facts = [s.status(t) for s in fs.states.values()]
        per_treaty[t] = {"recorded": sum(1 for p in facts if p), "unverified": sum(1 for p in facts if p and p.unverified),
                         "not_recorded": sum(1 for p in facts if p is None)}
    total = {k: sum(r[k] for r in rows) for k in ("recorded", "verified", "unverified", "not_recorded")}
    return {"treaties": [{"id": t.id, "title": t.title, **per_treaty[t.id]} for t in fs.treaties.values()],
            "states": rows, "totals": total, "declarations_12_3": len(fs.declarations_12_3)}


def one(fs, code: str) -> dict:
    st = fs.states[code]
    out = []
    for tid, t in fs.treaties.items():
        p = st.status(tid)
        if p is None:
            out.append({"treaty": tid, "title": t.title, "status": "not recorded",
                        "note": "applicability of rules under this treaty is undetermined"})
            continue
        d = p.model_dump(mode="json", exclude_none=True, exclude={"treaty"})
        if not d.get("statements"):
            d.pop("statements", None)
        s = participation(code, tid, None, fs)
        if s.bound_from is not None and "in_force" not in d:
            d["bound_from"] = s.bound_from.text
        out.append({"treaty": tid, "title": t.title, **d, "place": _place(fs, (code, tid))})
    decl = [{**d.model_dump(mode="json", exclude_none=True), "place": _place(fs, (code, f"12(3) {d.lodged}"))}
            for d in fs.declarations_12_3 if d.state == code]
    rt = routes_for(code, None, fs)
    return {"code": st.code, "name": st.name, "un": st.un, **_counts(st, list(fs.treaties)),
            "participation": out, "declarations_12_3": decl,
            "icc_routes": [r.words for r in rt.routes if r.covers != "none"]}


def run_states(fs, code: str | None, fmt: str) -> int:
    if code is None:
        data = listing(fs)
        if fmt == "json":
            print(json.dumps(data, indent=2, ensure_ascii=False))
            return 0
        t = data["totals"]
        print(f"Treaty participation: {len(data['states'])} states x {len(data['treaties'])} treaties; "
              f"{t['recorded']} facts recorded ({t['verified']} verified against a copy of the depositary record, "
              f"{t['unverified']} unverified), {t['not_recorded']} not recorded; "
              f"{data['declarations_12_3']} art. 12(3) declarations")
        print()
        for tr in data["treaties"]:
            print(f"  {tr['id']:<14} {tr['recorded']:>3} recorded, {tr['unverified']:>3} unverified, "
                  f"{tr['not_recorded']:>3} not recorded  {tr['title']}")
        print()
        print(f"  {'code':<5}{'state':<46}{'verified':>9}{'unverified':>11}{'not recorded':>13}")
        for r in data["states"]:
            name = r["name"] + (" (UN observer)" if r["un"] == "observer" else "")
            print(f"  {r['code']:<5}{name[:45]:<46}{r['verified']:>9}{r['unverified']:>11}{r['not_recorded']:>13}")
        return 0
    code = code.upper()
    if code not in fs.states:
        if not valid(code):
            raise UsageError(f"{code!r} is not an ISO 3166-1 alpha-2 code")
        raise UsageError(f"{code} has no entry in the treaty-participation data (frameworks/states/): "
                         "treaty-based rules are undetermined for it")
    data = one(fs, code)
    if fmt == "json":
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    print(f"{data['code']} {data['name']}" + (" (UN observer State)" if data["un"] == "observer" else ""))
    print(f"{data['recorded']} facts recorded: {data['verified']} verified, {data['unverified']} unverified; "
          f"{data['not_recorded']} not recorded")
    for p in data["participation"]:
        print()
        print(f"  {p['title']} ({p['treaty']}): {p['status']}")
        for k in ("signed", "ratified", "how", "in_force", "bound_from", "withdrawal_notified", "withdrawal_effective"):
            if k in p:
                print(f"    {k.replace('_', ' ')}: {p[k]}")
        for st in p.get("statements", []):
            print(f"    {st['kind']}{' (arts. ' + st['articles'] + ')' if st.get('articles') else ''}: {st['text']}")
        if "source" in p:
            print(f"    source: {p['source']}")
        if p.get("note"):
            print(f"    note: {p['note']}")
        if p.get("unverified"):
            print(f"    UNVERIFIED: {p['unverified']}")
        if p.get("place"):
            print(f"    data: {p['place']}")
    if data["declarations_12_3"]:
        print()
        print("  Declarations under Rome Statute art. 12(3):")
        for d in data["declarations_12_3"]:
            span = f"{d['covers_from']} to {d['covers_to']}" if d.get("covers_to") else f"{d['covers_from']}, open-ended"
            print(f"    lodged {d['lodged']}, covering from {span}{'' if d.get('accepted', True) else ' (not acted on)'}")
            if d.get("note"):
                print(f"      {d['note']}")
            if d.get("unverified"):
                print(f"      UNVERIFIED: {d['unverified']}")
    print()
    print("  ICC routes (any period; a case's period narrows them):")
    for w in data["icc_routes"]:
        print(f"    - {w}")
    return 0
