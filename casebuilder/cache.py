"""cache: a checked case kept between runs, keyed by the content of everything that shaped it.

Checking a 20,000-incident case reads 90 MB of YAML; re-running ``gaps`` or ``build`` after editing
a template should not pay for that again.  The checked :class:`~casebuilder.load.Case` and its
diagnostics are pickled under a cache folder *outside* the case and the repository, and reused
only when every input is byte-for-byte the same.  The key covers:

* the tool: its version, a fingerprint of its own source files (size and mtime of every module,
  so a developer's edit invalidates too), the Python and pydantic versions and this format;
* the case: the folder as given, the working directory (diagnostics print paths relative to it),
  and the path and SHA-256 of every case file that ``load`` reads;
* the frameworks: the folder and the SHA-256 of every framework file;
* the exhibits folder, whose symlinks ``resolve`` checks: its real path and every sub-folder's
  modification time (creating, removing or retargeting an entry changes its folder's mtime).

Where: ``$CASEBUILDER_CACHE_DIR``, else ``$XDG_CACHE_HOME/casebuilder``, else
``~/.cache/casebuilder``; ``CASEBUILDER_NO_CACHE=1`` turns caching off.  A pickle runs code when
loaded, so an entry is used only from a folder and file owned by the current user and writable by
no one else; a damaged or unreadable entry is a miss, never an error.
"""
from __future__ import annotations

import copy
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from pathlib import Path

from . import gcpause
from .diagnostics import Diagnostic, Diagnostics

FORMAT = 1
KEEP = 8  # entries kept; the oldest are removed when a new one is stored
_PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is turned off."""
    if os.environ.get("CASEBUILDER_NO_CACHE", "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get("CASEBUILDER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "casebuilder"


def _tool_fingerprint() -> bytes:
    import pydantic

    from . import __version__

    h = hashlib.sha256(f"{FORMAT}|{__version__}|{sys.version}|{pydantic.VERSION}".encode())
    stack = [str(_PACKAGE)]
    while stack:  # os.scandir: a warm check of a small case is a few tens of milliseconds in all
        with os.scandir(stack.pop()) as entries:
            for e in sorted(entries, key=lambda e: e.name):
                if e.is_dir(follow_symlinks=False) and e.name != "__pycache__":
                    stack.append(e.path)
                elif e.name.endswith(".py"):
                    st = e.stat()
                    h.update(f"{e.path}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return h.digest()


def _hash_files(h, root: Path, paths: list[Path]) -> None:
    for p in paths:
        h.update(str(p.relative_to(root)).encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())


def exhibits_state(vault: Path) -> tuple:
    """What of the exhibits folder a check depends on (``resolve`` checks its symlinks): the folder
    as given, its real path and every sub-folder's modification time (creating, removing or
    retargeting an entry changes its folder's); ("…", None) when it is no folder.  Raises OSError
    when it cannot be read.  Keys the check cache, and the workspace's incremental resolve."""
    if not vault.is_dir():
        return (str(vault), None)
    return (str(vault), str(vault.resolve()),
            tuple((os.path.relpath(d, vault), os.stat(d).st_mtime_ns) for d, _dirs, _files in os.walk(vault, followlinks=False)))


def _vault_state(h, vault: Path) -> None:
    h.update(repr(exhibits_state(vault)).encode())


def key(case_dir: Path | str, frameworks_dir: Path | str | None, exhibits: Path | str | None) -> str | None:
    """The cache key of checking this case with these options, or None if it cannot be computed."""
    from .load import DEFAULT_FRAMEWORKS, case_files

    folder = Path(case_dir)
    if not folder.is_dir():
        return None
    try:
        h = hashlib.sha256(_tool_fingerprint())
        h.update(f"{os.getcwd()}\0{case_dir}\0".encode())
        _hash_files(h, folder, case_files(folder, Diagnostics()))
        fw_root = Path(frameworks_dir) if frameworks_dir else DEFAULT_FRAMEWORKS
        h.update(f"\0frameworks\0{fw_root.resolve()}\0".encode())
        if fw_root.is_dir():
            _hash_files(h, fw_root, sorted(fw_root.rglob("*.yaml")))
        _vault_state(h, Path(exhibits) if exhibits else folder / "exhibits")
    except OSError:
        return None
    return h.hexdigest()


def _trusted(path: Path) -> bool:
    """Owned by us and writable by no one else (a pickle from elsewhere could run code)."""
    try:
        st = path.stat()
    except OSError:
        return False
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return False
    return not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


# An entry is a stream of pickles: a header, the case without its collections, then each
# collection in chunks, each a pickle of its own.  One pickle of the whole case
# would keep a memo entry for each of its millions of objects, doubling the peak memory of a
# large check; objects are never shared across chunks (origins travel as file indexes).
CHUNK = 5_000


def _skeleton(case):
    """A shallow copy of ``case`` without collections and origins, and its origins by position."""
    from .models import COLLECTIONS

    index = {id(sf): i for i, sf in enumerate(case.files)}

    def where(obj):
        o = case.origin.get(id(obj))
        return None if o is None else (index[id(o[0])], o[1])

    origins = {name: [where(o) for o in getattr(case, name)] for name in COLLECTIONS}
    origins["info"] = where(case.info) if case.info is not None else None
    if sum(x is not None for xs in origins.values() if isinstance(xs, list) for x in xs) \
            + (origins["info"] is not None) != len(case.origin):
        raise pickle.PicklingError("Case.origin names objects outside the case's collections")
    skeleton = copy.copy(case)
    skeleton.__dict__.update({name: [] for name in COLLECTIONS}, origin={})
    return skeleton, origins


def _write(fh, case, items: list[Diagnostic]) -> None:
    from .models import COLLECTIONS

    def dump(obj) -> None:  # one pickle, with its own memo
        pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)

    skeleton, origins = _skeleton(case)
    dump((FORMAT, list(COLLECTIONS)))
    dump((skeleton, origins, list(items)))
    for name in COLLECTIONS:
        objs = getattr(case, name)
        for i in range(0, len(objs), CHUNK):
            dump(objs[i:i + CHUNK])
        dump(None)  # end of this collection


def _read(fh):
    fmt, names = pickle.load(fh)
    if fmt != FORMAT:
        return None
    case, origins, items = pickle.load(fh)
    for name in names:
        target = getattr(case, name)
        while (chunk := pickle.load(fh)) is not None:
            target.extend(chunk)
        for obj, o in zip(target, origins[name]):
            if o is not None:
                case.origin[id(obj)] = (case.files[o[0]], o[1])
    if origins["info"] is not None and case.info is not None:
        case.origin[id(case.info)] = (case.files[origins["info"][0]], origins["info"][1])
    return case, items


def load(key_: str | None):
    """``(case, diagnostics)`` stored under ``key_``, or None (off, miss, untrusted or damaged)."""
    path = _entry(key_, "checked")
    if path is None:
        return None
    try:
        with open(path, "rb") as fh, gcpause.paused():
            got = _read(fh)
            gcpause.settle()
    except Exception:  # a damaged entry is a miss; remove it so that it is rebuilt
        path.unlink(missing_ok=True)
        return None
    if got is not None:
        os.utime(path)  # recently used entries are the ones kept
    return got


def store(key_: str | None, case, items: list[Diagnostic]) -> None:
    """Keep ``case`` and its diagnostics under ``key_`` (atomically); never fails the caller."""
    def write(fh) -> None:
        with gcpause.paused():
            _write(fh, case, items)

    _put(key_, "checked", write)


def _entry(key_: str | None, name: str) -> Path | None:
    """The trusted file of entry ``name`` under ``key_``, or None (off, missing or untrusted)."""
    root = cache_dir()
    if key_ is None or root is None:
        return None
    path = root / f"{name}-{key_}.pickle"
    return path if _trusted(root) and _trusted(path) else None


def _put(key_: str | None, name: str, write) -> None:
    """Write entry ``name`` under ``key_`` atomically with ``write(fh)``, keep the newest KEEP of
    its name; never fails the caller."""
    root = cache_dir()
    if key_ is None or root is None:
        return
    try:
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _trusted(root):
            return
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", dir=root)
        try:
            with os.fdopen(fd, "wb") as fh:
                write(fh)
            os.replace(tmp, root / f"{name}-{key_}.pickle")
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        _prune(root, name)
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return


def _prune(root: Path, name: str = "checked") -> None:
    entries = sorted(root.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)


# ------------------------------------------------------------------ a pass's findings, beside the entry
def load_findings(key_: str | None, name: str) -> list[Diagnostic] | None:
    """Diagnostics a later pass stored with :func:`store_findings` under the same key (``check``'s
    typed-name pass, #26: it runs after the cached check, and a warm check must stay warm)."""
    path = _entry(key_, name)
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            fmt, items = pickle.load(fh)
    except Exception:
        path.unlink(missing_ok=True)
        return None
    if fmt != FORMAT or not isinstance(items, list) or not all(isinstance(d, Diagnostic) for d in items):
        return None
    os.utime(path)
    return items


def store_findings(key_: str | None, name: str, items: list[Diagnostic]) -> None:
    """Keep a pass's diagnostics under ``key_`` (atomically); never fails the caller."""
    _put(key_, name, lambda fh: pickle.dump((FORMAT, list(items)), fh, protocol=pickle.HIGHEST_PROTOCOL))
