"""write: replace a file atomically — readers see the old file or the new one, never half of one.

The new bytes go to a temporary file in the same folder (so the final rename stays on one file
system), are flushed to disk, take the old file's permission bits, and are renamed over it.  If
``expect`` is given the file must still hold exactly those bytes just before the rename: an editor
that saved the file while we were hashing for minutes must not have its work overwritten.

The temporary file is made without a name where the system allows it (Linux ``O_TMPFILE``) and
given one only for the instant before the rename, so that a ``kill -9`` at any moment leaves no
temporary file behind; a named one left by a killed run of an older system is removed by the next
write to the same target (its name carries the dead process's id).

:func:`write_output` adds the rules for what a command *produces* (see docs/protection.md, "Where
outputs may go"): a character device or a FIFO is written in place, never renamed over; a folder,
a path inside the case folder, and a symlink leading out of the output's folder are refused.
Every failure of the file system (permission, read-only, full disk, symlink loop) is a
:class:`~casebuilder.errors.UserError` naming the path, never a traceback.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import UserError

_TMP_SUFFIX = ".tmp"


class WriteError(UserError, OSError):
    """A file could not be written (permission, read-only, full disk, symlink loop...): the user's
    situation (exit 1, one line naming the path and the reason), and still an ``OSError`` for
    callers that handle those."""

    def __init__(self, message: str, errno_: int | None = None):
        super().__init__(message)
        self.errno = errno_


def _failed(path, e: OSError) -> WriteError:
    return WriteError(_os_message(path, e), e.errno)


def write_atomic(path: Path | str, data: bytes, expect: bytes | None = None) -> None:
    """Replace ``path`` (through a symlink: the link stays a link) with ``data``, atomically."""
    try:
        target = Path(os.path.realpath(path, strict=False))  # write through a symlink, never replace the link itself
    except OSError as e:
        raise _failed(path, e) from None
    try:
        _replace(target, data, expect, str(path))
    except OSError as e:
        raise _failed(path, e) from None


def _replace(target: Path, data: bytes, expect: bytes | None, shown: str) -> None:
    try:
        st = target.stat()
        mode = stat.S_IMODE(st.st_mode)
    except FileNotFoundError:
        st, mode = None, 0o666 & ~_umask()
    _remove_stale(target)
    fd, tmp = _temporary(target.parent, target.name, mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            os.fchmod(fh.fileno(), mode)
            if st is not None and hasattr(os, "fchown"):
                try:
                    os.fchown(fh.fileno(), st.st_uid, st.st_gid)
                except PermissionError:
                    pass  # not ours to give away; the content and mode are what matter
            if expect is not None and target.read_bytes() != expect:
                raise UserError(f"{shown}: the file changed while casebuilder was working on it; nothing was written, "
                                "run the command again")
            if tmp is None:  # unnamed until now: named for the instant before the rename
                tmp = str(target.parent / f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}{_TMP_SUFFIX}")
                _link_unnamed(fh.fileno(), tmp)
        os.replace(tmp, target)
    except BaseException:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
        raise


def _link_unnamed(fd: int, name: str) -> None:
    """Give the unnamed file ``fd`` the name ``name`` (linkat through /proc, following the link:
    ``os.link`` calls plain link(2), which does not follow, unless a directory fd is given)."""
    dirfd = os.open("/", os.O_RDONLY)
    try:
        os.link(f"/proc/self/fd/{fd}", name, src_dir_fd=dirfd, follow_symlinks=True)
    finally:
        os.close(dirfd)


def _temporary(folder: Path, name: str, mode: int) -> tuple[int, str | None]:
    """An open file in ``folder`` for the new bytes: unnamed (``O_TMPFILE``) where the system and
    the file system allow it, else a named one carrying our process id."""
    flag = getattr(os, "O_TMPFILE", 0)
    if flag and os.path.isdir("/proc/self/fd"):
        try:
            return os.open(folder, flag | os.O_WRONLY, mode), None
        except OSError as e:
            if e.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
                raise
    tmp = str(folder / f".{name}.{os.getpid()}.{os.urandom(4).hex()}{_TMP_SUFFIX}")
    return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), tmp


def _remove_stale(target: Path) -> None:
    """Remove temporary files of ``target`` left by a process that no longer runs (killed mid-write)."""
    prefix = f".{target.name}."
    try:
        names = [n for n in os.listdir(target.parent) if n.startswith(prefix) and n.endswith(_TMP_SUFFIX)]
    except OSError:
        return
    for n in names:
        pid = n[len(prefix):-len(_TMP_SUFFIX)].split(".")[0]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        try:
            os.unlink(target.parent / n)
        except OSError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --------------------------------------------------------------------------- outputs
def output_problem(path: Path | str, case_dir: Path | str | None = None,
                   exhibits: Path | str | None = None) -> str | None:
    """Why ``path`` must not receive an output, or None.  Never writes anything.

    Refused: an existing folder; a path inside the case folder (except its ``build/`` folder, which
    the loader never reads) or inside the exhibits folder; a symlink whose target lies outside the
    output's own folder."""
    p = Path(path)
    try:
        if p.is_dir():
            return "is a folder; give a file name"
        parent = Path(os.path.realpath(p.parent))
        try:
            real = Path(os.path.realpath(p, strict=True))
        except FileNotFoundError:  # a new file, or a link to one
            real = Path(os.path.realpath(p))
    except OSError as e:  # a symlink loop among them (ELOOP)
        return _reason(e)
    if p.is_symlink() and not _is_special(real) and not real.is_relative_to(parent):
        return f"is a symlink leading outside its folder (to {real}); remove the link or write elsewhere"
    if case_dir is not None:
        case_real = Path(os.path.realpath(case_dir))
        if (real.is_relative_to(case_real) or parent.is_relative_to(case_real)) \
                and not real.is_relative_to(case_real / "build"):
            return (f"is inside the case folder {case_dir}; outputs never go among the case's own files "
                    "(write them elsewhere, or into the case's build/ folder)")
    if exhibits is not None:
        vault = Path(os.path.realpath(exhibits))
        if real.is_relative_to(vault) or parent.is_relative_to(vault):
            return f"is inside the exhibits folder {exhibits}; outputs never go among the exhibits"
    return None


def _is_special(real: Path) -> bool:
    """A character device or a FIFO: written in place, never replaced."""
    try:
        m = real.stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(m) or stat.S_ISFIFO(m)


def write_output(path: Path | str, data: bytes, case_dir: Path | str | None = None,
                 exhibits: Path | str | None = None) -> None:
    """Write a produced file: atomically to a regular file (a new one, or over an old one); in place
    to a character device or FIFO (``-o /dev/stdout``, a pipe), never renaming anything over them.
    Refused with a :class:`UserError` (exit 1): see :func:`output_problem`."""
    problem = output_problem(path, case_dir, exhibits)
    if problem:
        raise UserError(f"{path}: {problem}; nothing was written")
    real = Path(os.path.realpath(path))
    try:
        if _is_special(real):
            fd = os.open(real, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))  # no O_CREAT, no O_TRUNC: a device stays a device
            try:
                view = memoryview(data)
                while view:
                    n = os.write(fd, view)
                    view = view[n:]
            finally:
                os.close(fd)
            return
        if real.exists() and not stat.S_ISREG(real.stat().st_mode):
            raise UserError(f"{path}: is neither a regular file nor a device or pipe; nothing was written")
        real.parent.mkdir(parents=True, exist_ok=True)
        _replace(real, data, None, str(path))
    except OSError as e:
        raise _failed(path, e) from None


def _reason(e: OSError) -> str:
    return {
        errno.ENOSPC: "no space left on the device",
        errno.EDQUOT: "disk quota exceeded",
        errno.EACCES: "permission denied",
        errno.EPERM: "operation not permitted",
        errno.EROFS: "the file system is read-only",
        errno.ELOOP: "is a symlink loop",
        errno.EISDIR: "is a folder; give a file name",
        errno.ENOTDIR: "a part of the path is not a folder",
        errno.ENAMETOOLONG: "the name is too long",
        errno.EPIPE: "the reader closed the pipe",
    }.get(e.errno, e.strerror or str(e))


def _os_message(path, e: OSError) -> str:
    return f"{path}: cannot write: {_reason(e)}; nothing was written"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
