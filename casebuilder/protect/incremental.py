"""The leak matcher kept up to date across edits of one case: :func:`.strings.protected_matcher`,
recomputing only what an edit changed.

The workspace (``casebuilder serve``) builds the matcher again after every edit of a text, and on a
large case a fresh :func:`protected_matcher` costs about a second: every person's strings, every
withheld item's fragments, the automaton, and a search of all the text the audience may read for
copies of withheld fragments.  :class:`IncrementalMatcher` keeps, from one call to the next:

* **per object** (a person, an evidence item, an incident; memoised by the object itself, held
  beside its results so that its ``id()`` is not reused): whether the audience may see it, its texts
  (:func:`.strings._texts`), a person's protected strings, a withheld object's fragments.  The
  workspace's re-check keeps the models of unchanged files, so only the edited file's objects are
  new.  Models are not changed after loading (the re-check relies on that too).  What these
  depend on beyond the object — the audience, the case's default level and its state (which reads
  phone numbers) — is compared on every call; any change starts afresh.  An object whose text
  refers to a person (``[[person-id]]``) is read again when that person's entry or generated label
  (:meth:`Protector.label_source`) is not what it was: the label it reads as may have changed;
* **per visible text** (as a string): the withheld fragments found in it.  Only texts not seen
  before are searched (with the matcher's own automaton); when new fragments are sought, the texts
  seen before are searched for those alone (a small automaton of them);
* **the needles and the automata**: each object's needles (its strings against the keys' indexes)
  are kept with it.  Forms not sought before (a person added, a name changed, a withheld text
  reworded) are appended to the keys and sought by a small automaton beside the large one (built
  for every form added since the large one: milliseconds), so no index and no needle changes.
  Forms no longer sought stay among the keys: no needle points at them, so they report nothing.
  The large automaton is built afresh, for exactly the forms a fresh matcher holds, when more than
  ``STALE_SHARE`` of its forms are no longer sought or more than ``DELTA_MAX`` were added.  When
  the new matcher holds the same needles as the last one (the same items, or equal ones, in the
  same forms), the last :class:`Matcher` object itself is returned, so whatever remembers it (the
  workspace's page audit) keeps what it found.
* **objects read again**: an object that is not the one of the last call but equal to it in value
  (the workspace re-reads a whole file after an edit of one entry) keeps what was found for it,
  its places now owned by the new object (a copy is reported at the object the case holds).

The result equals a fresh :func:`protected_matcher` on the same case: the same protected strings in
the same order, the same needles (item and form) in the same order, the same copies reported, so the
same hits in any text (tests/protect/test_incremental.py checks that after a sequence of edits).
The shared steps are the same functions (:mod:`.strings`); what differs is only what is kept.
When in doubt — an exception half-way, another audience or default level, an object not seen
before — it is computed again.
"""
from __future__ import annotations

from operator import itemgetter
from typing import Iterable

from ..resolve import PERSON_REF
from ..suspects import suspect_strings
from . import levels
from .match import Matcher, _Needle, automaton, forms, readings
from .protector import Protector
from .strings import (Copy, Protected, _candidates, _copies_found, _info_places, _other_places, _person_strings, _read,
                      _texts, levelled)

def _is(a, b) -> bool:
    return a is b


STALE_SHARE = 0.2   # automata built afresh when more than this share of their forms is no longer sought
DELTA_MAX = 5_000   # ... or when more forms than this were added since (in the small automaton)


class _Entry:
    """What the matcher needs of one levelled object (a person, an evidence item, an incident), for
    one setting (audience, default level, state)."""

    __slots__ = ("obj", "kind", "key", "visible", "texts", "refs", "deps", "strings", "_cands", "_places",
                 "gen", "s_needles", "c_needles", "hot_gen", "hot")

    def __init__(self, obj, kind: str, prot: Protector):
        self.obj, self.kind, self.key = obj, kind, (kind, obj.id)
        self.visible = prot.can_see(obj)
        self.texts = _texts(obj)
        self.refs = tuple(dict.fromkeys(pid for _, v, _ in self.texts if v and "[[" in v for pid in PERSON_REF.findall(v)))
        self.deps = None
        self.strings = _person_strings(prot, obj) if kind == "person" else []
        self._cands = self._places = None
        self.gen = self.hot_gen = -1  # the automaton / the text search the needles / hot places were made for
        self.s_needles = self.c_needles = None
        self.hot: list = []

    def rebound(self, obj) -> "_Entry":
        """This entry for ``obj``, an object equal in value to this one's (the same entry read again
        from a re-read file): what was found is the same, only the owner of its places is ``obj``."""
        e = object.__new__(_Entry)
        for name in _Entry.__slots__:
            setattr(e, name, getattr(self, name))
        e.obj = obj
        if self._places is not None:
            e._places = [(obj, f, t) for _, f, t in self._places]
        return e

    def refresh(self, prot: Protector) -> None:
        """Forget what a person reference in the object's texts may read otherwise now."""
        if self.refs:
            deps = tuple(prot.label_source(pid) for pid in self.refs)
            if deps != self.deps:
                self._cands, self._places, self.gen, self.hot_gen = None, None, -1, -1
            self.deps = deps  # equal in value, and now the very persons: compared by identity next time

    def candidates(self, prot: Protector) -> list[Protected]:
        """The withheld object's fragments (:func:`.strings._candidates`)."""
        if self._cands is None:
            self._cands = _candidates(prot, self.obj, self.kind, self.texts)
        return self._cands

    def places(self, prot: Protector) -> list[tuple[object, str, str]]:
        """The visible object's texts as :func:`.strings._visible_places` lists them."""
        if self._places is None:
            self._places = _read(prot, ((self.obj, f, v) for f, v, _ in self.texts))
        return self._places


class IncrementalMatcher:
    """:func:`protected_matcher` for successive versions of one case (see the module docstring)."""

    def __init__(self):
        self.reset()

    def reset(self) -> None:
        """Forget everything: the next :meth:`update` computes everything."""
        self._setting = None
        self._objects: dict[int, _Entry] = {}
        self._by_id: dict[tuple[str, str], _Entry] = {}
        self._forms: dict[str, tuple[str, ...]] = {}    # a protected value → its forms (match.forms)
        self._keys: list[str] = []
        self._index: dict[str, int] = {}
        self._automata = None                          # (automaton of _keys[:_base], [automaton of _keys[_base:]])
        self._suffixes: set[int] = set()               # keys in Arabic script (match.automaton)
        self._base, self._base_suffixes = 0, set()
        self._gen = 0                                  # of the keys' indexes (the needles made against them)
        self._suspects: list[Protected] = []
        self._suspect_needles: tuple | None = None  # (automaton generation, needles)
        self._hits: dict[str, set[str]] = {}           # a visible text → the sought forms found in it
        self._readings: dict[str, list[str]] = {}      # ... and its loose readings
        self._sought: set[str] = set()                 # the forms _hits is complete for
        self._hot_gen = 0                              # of _hits: bumped when forms are added to _sought
        self._matcher: Matcher | None = None
        self._sources: dict[str, tuple] = {}          # person id → Protector.label_source of the last update
        self._filtered: dict[str, tuple] = {}
        self._groups: dict[str, tuple] = {}
        self.last: dict = {}                           # what the last update did (for tests and benchmarks)

    def update(self, case, audience: str, visible_texts: Iterable[str] = (), protector: Protector | None = None,
               copies: list[Copy] | None = None) -> tuple[list[Protected], Matcher]:
        """What ``protected_matcher(case, audience, visible_texts, protector, copies)`` returns."""
        try:
            return self._update(case, audience, list(visible_texts), protector, copies)
        except BaseException:
            self.reset()
            raise

    def _update(self, case, audience, law, protector, copies):
        if protector is not None and (protector.case is not case or protector.audience != audience):
            raise ValueError("the protector is for another case or audience")
        prot = protector or Protector(case, audience)
        info = case.info
        setting = (audience, levels.case_default(case), info.situation.state if info is not None else None)
        if setting != self._setting:
            self._objects, self._by_id, self._setting = {}, {}, setting
        old, objects, entries, made, equal = self._objects, {}, [], 0, 0
        by_id = self._by_id  # (kind, id) → entry, of the last update: an object read again, equal in value
        # the persons whose label may read otherwise than at the last update: an entry's person
        # references are read again (refresh) only when it names one of them (its deps are the last
        # update's sources of the persons it names, equal in value)
        changed = self._changed_persons(prot)
        for kind, objs in levelled(case):
            for obj in objs:
                i = id(obj)
                e = old.get(i)
                if e is None or e.obj is not obj or e.kind != kind:
                    e = objects.get(i)
                    if e is None or e.obj is not obj or e.kind != kind:
                        e = by_id.get((kind, obj.id))
                        if e is not None and type(e.obj) is type(obj) and e.obj == obj:
                            e = e.rebound(obj)
                            equal += 1
                        else:
                            e = _Entry(obj, kind, prot)
                            made += 1
                if e.refs and (e.deps is None or (changed and not changed.isdisjoint(e.refs))):
                    e.refresh(prot)
                objects[i] = e
                entries.append(e)
        self._objects = objects
        self._by_id = {e.key: e for e in entries}
        persons = entries[:len(case.persons)]
        withheld = [e for e in entries if not e.visible]
        suspects = suspect_strings(case, audience)
        if suspects != self._suspects:  # equal: the same objects as before (the matcher then stays the same)
            self._suspects, self._suspect_needles = suspects, None
        out: list[Protected] = []
        for e in persons:
            out += e.strings
        out += self._suspects
        candidates: list[Protected] = []
        for e in withheld:
            candidates += e.candidates(prot)

        # the needles, against the automata kept (a small one added for new forms) unless too many
        # of their forms are no longer sought
        rebuilt, added = False, len(self._keys)
        made_needles = self._needles(entries, persons, withheld, prot)
        if made_needles is not None:
            used = len(set(map(itemgetter(1), made_needles[0])) | set(map(itemgetter(1), made_needles[1])))
            if len(self._keys) - used > STALE_SHARE * len(self._keys):
                made_needles = None
        if made_needles is None:  # built afresh, for exactly the forms a fresh matcher holds
            rebuilt = True
            wanted = dict.fromkeys(f for it in (*out, *candidates) for f in self._forms_of(it.value))
            if len(self._forms) > 2 * len(wanted) + 1000:  # values no longer protected
                self._forms = {}
            self._keys = list(wanted)
            self._index = {f: k for k, f in enumerate(self._keys)}
            auto, self._suffixes = automaton(self._keys)
            self._automata, self._base, self._base_suffixes = (auto,), len(self._keys), self._suffixes
            self._gen += 1
            made_needles = self._needles(entries, persons, withheld, prot)
        head, tail = made_needles
        keys = self._keys
        self.last = {"objects made": made, "objects equal to one before": equal, "automaton rebuilt": rebuilt,
                     "forms added": 0 if rebuilt else len(keys) - added, "texts searched": 0, "forms sought anew": 0}

        needles = head + tail
        if candidates:
            seen, labels = self._copy_search(case, prot, law, keys, entries, tail, copies, rebuilt)
            gone = seen | labels
            out += candidates
            out = self._without(out, gone, "out")
            needles = self._without(needles, gone, "needles")
        prev = self._matcher
        if prev is not None and prev._automata is self._automata and prev.needles == needles:
            matcher = prev  # the same items (or equal ones) sought in the same forms
        else:
            matcher = self._matcher = Matcher.assemble(needles, keys, self._automata, self._suffixes)
        self.last["same matcher"] = matcher is prev
        return out, matcher

    def _changed_persons(self, prot: Protector) -> set[str]:
        """Ids of the persons whose :meth:`Protector.label_source` is not the last update's (another
        object, another generated label, added or removed); the sources kept for the next update."""
        old, new = self._sources, {}
        changed = set()
        for pid, p in prot.persons.items():
            src = new[pid] = prot.label_source(pid)
            was = old.get(pid)
            if was is None or was[0] is not p or was[1] != src[1]:
                changed.add(pid)
        changed.update(pid for pid in old if pid not in new)
        self._sources = new
        return changed

    def _without(self, items: list, gone: set[int], what: str) -> list:
        """``items`` (protected strings or needles) without those of ``gone`` (ids of strings); the
        last answer again when asked the same (lists of the same objects compare fast)."""
        last = self._filtered.get(what)
        if last is not None and last[1] == gone and last[0] == items:
            return last[2]
        if what == "needles":
            kept = [n for n in items if id(n.item) not in gone] if gone else items
        else:
            kept = [p for p in items if id(p) not in gone] if gone else items
        self._filtered[what] = (items, gone, kept)
        return kept

    def _forms_of(self, value: str) -> tuple[str, ...]:
        fs = self._forms.get(value)
        if fs is None:
            fs = self._forms[value] = forms(value)
        return fs

    def _make(self, items) -> list:
        """The needles of ``items`` against the keys (which hold every form of them)."""
        index, out = self._index, []
        for it in items:
            for f in self._forms_of(it.value):
                out.append(_Needle(it, index[f]))
        return out

    def _needles(self, entries: list[_Entry], persons: list[_Entry], withheld: list[_Entry],
                 prot: Protector) -> tuple[list, list] | None:
        """(needles of the persons' and suspects' strings, needles of the withheld fragments), in
        protected_matcher's order; None when the automata must be built afresh (none yet, or too
        many forms added since)."""
        gen = self._gen
        if self._automata is None:
            return None
        todo = [e for e in entries if e.gen != gen]
        stale_suspects = self._suspect_needles is None or self._suspect_needles[0] != gen
        index = self._index
        missing = dict.fromkeys(f for e in todo for it in (*e.strings, *(() if e.visible else e.candidates(prot)))
                                for f in self._forms_of(it.value) if f not in index)
        if stale_suspects:
            missing.update(dict.fromkeys(f for it in self._suspects for f in self._forms_of(it.value) if f not in index))
        if missing:
            if len(self._keys) - self._base + len(missing) > DELTA_MAX:
                return None
            self._add_forms(list(missing))
        for e in todo:
            e.s_needles = self._make(e.strings)
            e.c_needles = [] if e.visible else self._make(e.candidates(prot))
            e.gen = gen
        if stale_suspects:
            self._suspect_needles = (gen, self._make(self._suspects))
        head: list = []
        for e in persons:
            head += e.s_needles
        head += self._suspect_needles[1]
        tail: list = []
        for e in withheld:
            tail += e.c_needles
        return head, tail

    def _copy_search(self, case, prot: Protector, law: list[str], keys: list[str], entries: list[_Entry],
                     cand_needles: list, copies: list[Copy] | None, rebuilt: bool) -> tuple[set[int], set[int]]:
        """The withheld fragments found in the law's words (``seen``: no secret) and those found in
        the case's own visible text (``labels``: no secret either; the rest reported as ``copies``),
        each a set of item ids — as protected_matcher finds them."""
        hits, read = self._hits, self._readings
        sought = {keys[n.key] for n in cand_needles}
        # the forms the hits are complete for: any of the automata's keys (a fragment sought again
        # after an edit is not searched for again), those still in them after they were built afresh
        prior = self._sought & set(keys) if rebuilt else self._sought
        new_forms = sought - prior
        if new_forms and hits:  # the texts searched before: for the new forms alone
            small = sorted(new_forms)
            auto, suffixes = automaton(small)
            if self._search(list(hits), small, ((auto,), suffixes), new_forms):
                self._hot_gen += 1  # a text holds a fragment now: the places holding one are listed again
            self.last["forms sought anew"] = len(new_forms)
        self._sought = prior | sought
        hot_gen = self._hot_gen

        visible = [e for e in entries if e.visible]
        head = self._group("info", [case.info], lambda: _read(prot, _info_places(case)))
        tail = self._group("other", [*case.sources, *case.actors, *case.allegations, *case.figures],
                           lambda: _read(prot, _other_places(case)))
        fresh = dict.fromkeys(t for t in law if t and t not in hits)
        fresh.update(dict.fromkeys(t for _, _, t in head if t not in hits))
        for e in visible:
            if e.hot_gen != hot_gen:
                fresh.update(dict.fromkeys(t for _, _, t in e.places(prot) if t not in hits))
        fresh.update(dict.fromkeys(t for _, _, t in tail if t not in hits))
        if fresh:  # texts not seen before: for every form sought (the automaton holds them all)
            for t in fresh:
                read[t], hits[t] = readings(t), set()
            self._search(list(fresh), keys, (self._automata, self._suffixes), self._sought)
        self.last["texts searched"] = len(fresh)

        seen_forms = set().union(*(hits[t] for t in law if t)) if law else set()
        seen = {id(n.item) for n in cand_needles if keys[n.key] in seen_forms} if seen_forms else set()
        where: dict[str, list[int]] = {}
        places = []

        def add(hot, base):
            for i, fs in hot:
                for f in fs:
                    where.setdefault(f, []).append(base + i)

        add(self._hot("info", head, hits, hot_gen), 0)
        places += head
        for e in visible:
            ps = e.places(prot)
            if e.hot_gen != hot_gen:
                e.hot, e.hot_gen = [(i, hits[t]) for i, (_, _, t) in enumerate(ps) if hits[t]], hot_gen
            if e.hot:
                add(e.hot, len(places))
            places += ps
        add(self._hot("other", tail, hits, hot_gen), len(places))
        places += tail
        if len(hits) > 2 * (len(places) + len(law)) + 1000:  # texts no longer in the case
            current = {t for _, _, t in places} | set(law)
            self._hits = {t: h for t, h in hits.items() if t in current}
            self._readings = {t: r for t, r in read.items() if t in current}

        found, pairs = [], set()
        if where:
            index = self._index
            at = {index[f]: ns for f, ns in where.items() if f in index}
            for nd in cand_needles:
                ns = at.get(nd.key)
                if ns is None or id(nd.item) in seen:
                    continue
                for n in ns:
                    if (id(nd.item), n) not in pairs:
                        pairs.add((id(nd.item), n))
                        found.append((nd.item, n))
        return seen, _copies_found(found, places, copies)

    def _group(self, name: str, owners: list, make) -> list:
        """The places of objects without a level (``make()``), the last list again when ``owners``
        are the same objects as last time and none of their texts refers to a person."""
        last = self._groups.get(name)
        if last is not None and len(last[0]) == len(owners) and all(map(_is, owners, last[0])):
            return last[1]
        places = make()
        refers = any("[[" in t for _, _, t in places)
        if refers:
            self._groups.pop(name, None)
        else:
            self._groups[name] = (owners, places)
        return places

    def _hot(self, name: str, places: list, hits: dict, hot_gen: int) -> list:
        """(index, forms found) of the places of a group whose text holds a sought form."""
        last = self._groups.get(f"{name} hot")
        if last is not None and last[0] is places and last[1] == hot_gen:
            return last[2]
        hot = [(i, hits[t]) for i, (_, _, t) in enumerate(places) if hits[t]]
        self._groups[f"{name} hot"] = (places, hot_gen, hot)
        return hot

    def _add_forms(self, new: list[str]) -> None:
        """New forms appended to the keys (the indexes of the others, so every needle made, stay),
        sought by a small automaton beside the large one: built for all the forms added since the
        large one, in a fraction of the large one's time."""
        keys = self._keys + new  # a new list: the matchers made before keep theirs
        for k, f in enumerate(new, len(self._keys)):
            self._index[f] = k
        small, suffixes = automaton(keys, self._base)
        self._keys, self._automata, self._suffixes = keys, (self._automata[0], small), self._base_suffixes | suffixes

    def _search(self, texts: list[str], keys: list[str], prepared: tuple, keep: set[str]) -> bool:
        """Add to the hits of each of ``texts`` the forms of ``keep`` that ``prepared`` (automata and
        suffixes for ``keys``) finds in it (in any of its readings); whether any was found."""
        if not keys:
            return False
        hits, read = self._hits, self._readings
        segs, owner = [], []
        for t in texts:
            for r in read[t]:
                segs.append(r)
                owner.append(t)
        if not segs:
            return False
        added = False
        for key, k in Matcher.assemble([], keys, *prepared)._found(segs):
            f = keys[key]
            if f in keep:
                hits[owner[k]].add(f)
                added = True
        return added
