"""The bulk of a synthetic case: incidents with their persons, evidence and allegations.

:class:`Plan` draws, once and in order, what happens where and when; :class:`BatchWriter` turns
one province-month batch of the plan into one YAML file, the way a documentation team splits its
work.  Everything comes from one seeded ``random.Random``: same seed, same bytes.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections import defaultdict
from pathlib import Path

from casebuilder.models.dates import sh_month_length, sh_to_gregorian

from . import yamlout
from .names import MEDIA, PLACES, PROVINCES, person_name

# What each kind of incident is alleged as: words looked for in the real provisions' titles.
KINDS = {
    "killing": ("murder", "right to life", "firearms"),
    "arrest": ("imprisonment", "liberty"),
    "torture": ("torture",),
    "disappearance": ("disappearance",),
    "obstruction": ("health", "medical aid", "custody"),
}
_KIND_WEIGHTS = (30, 35, 15, 8, 12)
_PROV_WEIGHTS = [8 if i in (0, 6, 8, 10, 11) else 3 if i < 12 else 1 for i in range(len(PROVINCES))]


def _sh_table(start: dt.date, end: dt.date) -> dict[dt.date, str]:
    """Gregorian date → '1404-10-14 SH' for the case period (as Iranian sources write dates)."""
    out = {}
    for jy in range(start.year - 622, end.year - 620):
        for jm in range(1, 13):
            for jd in range(1, sh_month_length(jy, jm) + 1):
                g = sh_to_gregorian(jy, jm, jd)
                if start <= g <= end + dt.timedelta(days=2):
                    out[g] = f"{jy}-{jm:02d}-{jd:02d} SH"
    return out


class Plan:
    """Who, where, when and what for every incident, drawn before any file is written."""

    def __init__(self, n: int, rng: random.Random, period: tuple[dt.date, dt.date]):
        self.period = period
        days = (period[1] - period[0]).days
        kinds = list(KINDS)
        self.rows = []
        for i in range(n):
            prov = rng.choices(range(len(PROVINCES)), _PROV_WEIGHTS)[0]
            day = min(days, int(rng.triangular(0, days, days * 0.2)))
            kind = rng.choices(kinds, _KIND_WEIGHTS)[0]
            victims = {"killing": rng.randint(1, 3), "arrest": rng.randint(1, 4)}.get(kind, rng.randint(1, 2))
            self.rows.append((i, prov, period[0] + dt.timedelta(days=day), kind, victims))

    def totals(self) -> dict[str, int]:
        t = {"deaths": 0, "arrests": 0, "injured": 0}
        for _, _, _, kind, v in self.rows:
            t["deaths" if kind == "killing" else "arrests" if kind in ("arrest", "disappearance") else "injured"] += v
        return t

    def batches(self, size: int):
        groups: dict[tuple[int, str], list] = defaultdict(list)
        for row in self.rows:
            groups[(row[1], row[2].strftime("%Y-%m"))].append(row)
        for key in sorted(groups):
            rows = groups[key]
            for k in range(0, len(rows), size):
                yield key, rows[k:k + size]


class BatchWriter:
    """Writes province-month batches; keeps running counts for the report."""

    def __init__(self, out: Path, rng: random.Random, frameworks: list, seed: int, exhibits: bool):
        self.out, self.rng, self.seed, self.exhibits = out, rng, seed, exhibits
        self.pools = self._pools(frameworks)
        self.sh = None
        self.person_no = 0
        self.file_no = 0
        self.claims: dict[tuple[int, str], dict] = {}  # (province, provision) -> allegation being built
        self.stats = {"files": 0, "incidents": 0, "persons": 0, "protected_persons": 0, "evidence": 0,
                      "allegations": 0, "links": 0, "link_evidence": 0, "exhibits": 0}

    @staticmethod
    def _pools(frameworks: list) -> dict[str, list]:
        every = [(fw, p) for fw in frameworks for p in fw.provisions]
        pools = {}
        for kind, words in KINDS.items():
            hits = [(fw, p) for fw, p in every if any(w in p.title.lower() for w in words)]
            pools[kind] = hits or every
        return pools

    # ----------------------------------------------------------------- pieces
    def _date_text(self, d: dt.date) -> object:
        r = self.rng.random()
        if r < 0.7:
            return d.isoformat()
        if r < 0.8:
            return "~" + d.isoformat()
        if r < 0.95:
            if self.sh is None:
                self.sh = _sh_table(d - dt.timedelta(days=400), d + dt.timedelta(days=400))
            return self.sh[d]  # the table spans the whole case period
        return {"start": d.isoformat(), "end": (d + dt.timedelta(days=1)).isoformat()}

    def _person(self, pid: str, role: str, protected_share: float) -> dict:
        rng = self.rng
        latin, persian = person_name(self.person_no)
        self.person_no += 1
        p = {"id": pid, "role": role, "name": latin}
        if rng.random() < 0.4:
            p["name_original"] = persian
        r = rng.random()
        if r < protected_share:
            withheld = r < protected_share * 0.3
            p["protection"] = "withheld" if withheld else "pseudonym"
            p["clearance"] = "strictly-confidential" if withheld else "confidential"
            if rng.random() < 0.5:
                p["pseudonym"] = f"{role.capitalize()} {pid[2:].upper()}"
            if role == "witness":
                p["sensitive"] = {"phone": f"+98 9{self.person_no % 100:02d} {self.person_no:07d}"}
            self.stats["protected_persons"] += 1
        if role == "victim" or role == "detainee":
            p["age"] = rng.randint(14, 62)
            p["gender"] = rng.choice(["female", "male"])
        self.stats["persons"] += 1
        return p

    def _exhibit(self, ev: dict, month: str, ext: str, media: str, when: dt.date) -> None:
        body = f"Synthetic exhibit {ev['id']} (seed {self.seed}): {ev.get('title', '')}\n".encode() * 8
        digest = hashlib.sha256(body).hexdigest()
        path = f"{month}/{ev['id']}.{ext}"
        ev["exhibit"] = {"path": path, "sha256": digest, "size": len(body), "media_type": media}
        got = when + dt.timedelta(days=self.rng.randint(1, 5))
        ev["custody"] = [{"date": got.isoformat(), "by": "Case team", "action": "collected", "sha256": digest},
                         {"date": (got + dt.timedelta(days=self.rng.randint(1, 30))).isoformat(),
                          "by": "Case team verification desk", "action": "verified", "sha256": digest}]
        if self.exhibits:
            f = self.out / "exhibits" / path
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_bytes(body)
        self.stats["exhibits"] += 1

    # --------------------------------------------------------------- incident
    def _incident(self, row, month: str, persons: list, evidence: list) -> dict:
        rng = self.rng
        no, prov_i, day, kind, n_victims = row
        prov, cities = PROVINCES[prov_i]
        city = rng.choice(cities)
        place = rng.choice(PLACES)
        key = f"{no:06d}"
        role = "detainee" if kind in ("arrest", "disappearance") else "victim"
        victims = [self._person(f"p-{key}-{k}", role, 0.35) for k in range(n_victims)]
        witness = self._person(f"p-{key}-w", "witness", 0.9)
        people = victims + [witness]
        if kind == "obstruction":
            people.append(self._person(f"p-{key}-m", "medical-worker", 0.6))
        persons.extend(people)
        vref = " and ".join(f"[[{v['id']}]]" for v in victims)
        wref = f"[[{witness['id']}]]"
        act = {"killing": f"opened fire on protesters, fatally wounding {vref}",
               "arrest": f"arrested {vref} during a protest and took them to an unknown facility",
               "torture": f"beat {vref} in custody to extract a confession",
               "disappearance": f"detained {vref}; the authorities have since denied holding them",
               "obstruction": f"entered the hospital, removed {vref} from the emergency ward and blocked treatment"}[kind]
        ev_date = day + dt.timedelta(days=rng.randint(0, 6))
        ev = []
        t = {"id": f"ev-{key}-t", "kind": "testimony", "title": f"Interview with a witness, {city}",
             "source": "src-field-team", "derived_from": [witness["id"]], "date": ev_date.isoformat(),
             # not a restatement of the (often public) incident: a withheld statement's text copied
             # into visible text stops the build (withheld-copied, docs/protection.md)
             "language": "fa", "summary": f"{wref} gives a first-hand account of the events at {place} in {city}.",
             "credibility": 2,
             "persons": [p["id"] for p in people]}
        if witness.get("protection", "none") != "none":
            t["confidentiality"] = "confidential"
        self._exhibit(t, month, "txt", "text/plain", ev_date)
        ev.append(t)
        chain = t["id"] if witness.get("protection", "none") == "none" else witness["id"]
        if rng.random() < 0.9:
            v = {"id": f"ev-{key}-v", "kind": "social-media", "title": f"Video filmed in {city}", "source": "src-social",
                 "date": day.isoformat(), "summary": f"Footage of the events at {place} in {city}.", "credibility": 3,
                 "first_hand": "recording"}
            self._exhibit(v, month, "mp4", "video/mp4", day)
            ev.append(v)
            chain = v["id"]
        if rng.random() < 0.8:
            m = {"id": f"ev-{key}-m", "kind": "media-report", "title": f"Report on {city} events",
                 "source": rng.choice(MEDIA)[0], "derived_from": [chain], "date": (ev_date + dt.timedelta(days=1)).isoformat(),
                 "language": "fa", "summary": f"Reports that security forces {act.split(',')[0].split(' ', 1)[0]} people in {city}.",
                 "credibility": 3}
            ev.append(m)
            chain = m["id"]
        ev.append({"id": f"ev-{key}-r", "kind": "report", "title": f"Incident record, {city}, {month}",
                   "source": rng.choice(["src-rights-monitor", "src-doc-centre", "src-health-watch"]),
                   "derived_from": [chain], "date": (ev_date + dt.timedelta(days=3)).isoformat(), "language": "en",
                   "summary": f"Records the incident in {city} ({prov}) with victim details.", "credibility": 2})
        if kind in ("killing", "torture", "obstruction") or rng.random() < 0.2:
            d = {"id": f"ev-{key}-d", "kind": "medical", "title": "Medical record", "source": f"src-hospital-{prov_i:02d}",
                 "date": ev_date.isoformat(), "summary": f"Medical record concerning [[{victims[0]['id']}]].",
                 "reliability": "B", "reliability_reason": "A signed clinical record, whatever the hospital's general grade.",
                 "credibility": 2, "persons": [victims[0]["id"]]}
            if victims[0].get("protection", "none") != "none":
                d["confidentiality"] = "confidential"
            self._exhibit(d, month, "pdf", "application/pdf", ev_date)
            ev.append(d)
        if kind == "arrest" and rng.random() < 0.6:
            w = {"id": f"ev-{key}-w", "kind": "document", "title": "Court summons", "source": "src-doc-centre",
                 "date": ev_date.isoformat(), "summary": "Summons naming the detainees, charged with 'corruption on earth'.",
                 "credibility": 2}
            self._exhibit(w, month, "jpg", "image/jpeg", ev_date)
            ev.append(w)
        official = None
        if rng.random() < 0.25:
            official = {"id": f"ev-{key}-o", "kind": "official-statement", "title": "Statement of the provincial governor",
                        "source": "src-state-media", "date": (ev_date + dt.timedelta(days=1)).isoformat(),
                        "summary": f"Denies any use of force in {city} and blames 'rioters'.", "credibility": 4,
                        "first_hand": "no"}
            ev.append(official)
        evidence.extend(ev)
        self._claim(kind, key, [e["id"] for e in ev if e is not official], official, victims, prov_i)
        inc_date = self._date_text(day)
        inc = {"id": f"inc-{key}", "title": f"{kind.capitalize()} at {place}, {city}", "date": inc_date,
               "location": {"place": f"{place}, {city}", "province": prov, "country": "IR"},
               "description": f"According to {wref}, on {day.isoformat()} security forces allegedly {act}.\n"
                              f"The events took place at {place} in {city}, {prov} province.\n",
               "categories": {"killing": ["violence-with-weapons"], "arrest": ["arrest-of-patients"] if rng.random() < .2
                              else ["arbitrary-detention"], "torture": ["torture"], "disappearance": ["enforced-disappearance"],
                              "obstruction": ["obstruction-to-care", "removal-of-patients-or-bodies"]}[kind],
               "victims": {{"killing": "killed", "torture": "tortured", "disappearance": "disappeared",
                            "obstruction": "injured"}.get(kind, "arrested"): n_victims},
               "actors": [f"a-riot-{prov_i:02d}"] + ([f"a-militia-{prov_i:02d}"] if rng.random() < 0.4 else []),
               "persons": [p["id"] for p in people], "evidence": [e["id"] for e in ev]}
        if rng.random() < 0.05:
            inc["confidentiality"] = "restricted"
            inc["description"] = (f"According to {wref}, security forces allegedly took part in the events of "
                                  f"{day.isoformat()} at {place}. Details are held in confidence.\n")
        self.stats["incidents"] += 1
        self.stats["evidence"] += len(ev)
        return inc

    def _claim(self, kind: str, key: str, support: list[str], official, victims, prov_i: int) -> None:
        """Add the incident to the allegation of its province under one provision its kind falls under."""
        fw, prov = self.rng.choice(self.pools[kind])
        al = self.claims.setdefault((prov_i, prov.id), {"fw": fw, "prov": prov, "incidents": [], "victims": [],
                                                        "actors": set(), "links": []})
        al["incidents"].append(f"inc-{key}")
        al["victims"].extend(v["id"] for v in victims)
        al["actors"].add(f"a-riot-{prov_i:02d}")
        first = None
        for el in prov.leaves():
            cited = self.rng.sample(support, min(len(support), self.rng.randint(1, 3)))
            first = first or sorted(cited)
            al["links"].append({"element": el.id, "evidence": sorted(cited), "note": f"inc-{key}"})
        for el in fw.contextual_leaves():  # nexus and knowledge are shown for each act (no extra draws)
            if el.scope == "act" and first:
                al["links"].append({"element": el.id, "evidence": first, "note": f"inc-{key}"})
        if official is not None:
            al["links"].append({"element": prov.leaves()[0].id, "evidence": [official["id"]], "stance": "contradicts",
                                "note": f"inc-{key}: official denial"})

    def write_batch(self, prov_i: int, month: str, rows: list) -> None:
        """One file of a province's month: its persons, incidents and evidence."""
        persons, evidence, incidents = [], [], []
        for row in rows:
            incidents.append(self._incident(row, month, persons, evidence))
        self.file_no += 1
        path = self.out / "provinces" / _slug(prov_i) / f"{month}-{self.file_no:04d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        header = f"{PROVINCES[prov_i][0]} province, {month}: {len(incidents)} incidents"
        path.write_text(yamlout.dump({"persons": persons, "incidents": incidents, "evidence": evidence}, header),
                        encoding="utf-8")
        self.stats["files"] += 1

    def write_allegations(self) -> None:
        """One allegations file per province: each provision alleged there, with a link per incident."""
        by_province: dict[int, list] = defaultdict(list)
        for (prov_i, pid), c in sorted(self.claims.items()):
            by_province[prov_i].append({
                "id": f"al-{_slug(prov_i)}-{pid}", "framework": c["fw"].id, "provision": pid,
                "title": f"{c['prov'].title}, {PROVINCES[prov_i][0]} province", "incidents": c["incidents"],
                "actors": sorted(c["actors"]), "victims": c["victims"], "links": c["links"]})
            self.stats["links"] += len(c["links"])
            self.stats["link_evidence"] += sum(len(lk["evidence"]) for lk in c["links"])
        for prov_i, allegations in by_province.items():
            path = self.out / "provinces" / _slug(prov_i) / "allegations.yaml"
            path.write_text(yamlout.dump({"allegations": allegations}, f"Allegations, {PROVINCES[prov_i][0]} province"),
                            encoding="utf-8")
            self.stats["allegations"] += len(allegations)
            self.stats["files"] += 1


def _slug(prov_i: int) -> str:
    return PROVINCES[prov_i][0].lower().replace(" ", "-")
