"""write: replace a file atomically — readers see the old file or the new one, never half of one.

The new bytes go to a temporary file in the same folder (so the final rename stays on one file
system), are flushed to disk, take the old file's permission bits, and are renamed over it.  If
``expect`` is given the file must still hold exactly those bytes just before the rename: an editor
that saved the file while we were hashing for minutes must not have its work overwritten.
"""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import UserError


def write_atomic(path: Path | str, data: bytes, expect: bytes | None = None) -> None:
    target = Path(os.path.realpath(path))  # write through a symlink, never replace the link itself
    try:
        st = target.stat()
        mode = stat.S_IMODE(st.st_mode)
    except FileNotFoundError:
        st, mode = None, 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        if st is not None and hasattr(os, "chown"):
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except PermissionError:
                pass  # not ours to give away; the content and mode are what matter
        if expect is not None and target.read_bytes() != expect:
            raise UserError(f"{path}: the file changed while casebuilder was working on it; nothing was written, "
                            "run the command again")
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
