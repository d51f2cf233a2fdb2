"""Writing results to stdout or to a file, without ever leaving a partial file.

Every file the tool writes (``export -o``, ``report -o``) goes through
``write_atomic``: the content is written into an unnamed temporary file in the
destination's folder (Linux ``O_TMPFILE``; elsewhere a hidden ``.FILE.*.part``
file), flushed to disk, and only then given its name. An existing file is kept
unless ``force`` is given. If anything fails on the way (Ctrl-C, a full disk, an
exception), the temporary file is removed and the destination is untouched; if
the process is killed outright, an unnamed temporary file simply disappears with
it. The error then propagates, so the exit code is non-zero whenever the output
is incomplete.

**Permissions.** A new file gets the mode a shell redirect would give it: it is
created with 0666 and the process umask (and any default ACL of the folder)
applies, so with umask 022 it is 0644. A file replaced with ``force`` keeps its
permission bits, and its group where the user may set it; it becomes the
user's file, as any file written anew does.

**Symbolic links.** With ``force``, a destination that is a symbolic link is
followed: the file it points to is replaced (atomically, in that file's folder)
and the link stays, as a shell redirect would write through it. A link to a
file that does not exist yet creates that file. Two cases are refused: a link
that cannot be resolved (a loop), and a link in a shared sticky folder such as
``/tmp`` that belongs to another user (the rule of the kernel's
``protected_symlinks``, since a planted link could point at any of the user's
files). Something other than a regular file (a device, a pipe) is never replaced.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
import sys
from collections.abc import Callable, Iterable
from typing import IO

from .errors import OutputError
from .render import emit

_NEW_MODE = 0o666  # before the umask, as a shell redirect creates files


def _unnamed(folder: str) -> int | None:
    """An unnamed file in folder that can later be linked in, or None if the system can't."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        fd = os.open(folder, flag | os.O_WRONLY, _NEW_MODE)
    except OSError:
        return None
    probe = os.path.join(folder, f".iranfocus-probe.{os.getpid()}")
    try:
        os.link(f"/proc/self/fd/{fd}", probe, follow_symlinks=True)
        os.unlink(probe)
    except OSError:
        os.close(fd)
        return None
    # The probe gave the file a name for a moment; start again from a fresh unnamed one.
    os.close(fd)
    try:
        return os.open(folder, flag | os.O_WRONLY, _NEW_MODE)
    except OSError:
        return None


def _named(folder: str, name: str) -> tuple[int, str]:
    """A new hidden file in folder, created with the umask applied (``mkstemp`` would give 0600)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        tmp = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.part")
        try:
            return os.open(tmp, flags, _NEW_MODE), tmp
        except FileExistsError:
            continue
    raise OutputError(f"cannot write in {folder}: no free temporary name")


def _open_temp(folder: str, name: str) -> tuple[int, str | None]:
    """An open temporary file in folder: (fd, None) if unnamed, else (fd, its path)."""
    fd = _unnamed(folder)
    if fd is not None:
        return fd, None
    return _named(folder, name)


def _exists(path: str) -> OutputError:
    return OutputError(f"{path} exists; use --force to overwrite it")


def _follow_link(path: str) -> str:
    """The file a symbolic link points to, when it is safe to replace it through the link."""
    link = os.lstat(path)
    folder = os.stat(os.path.dirname(os.path.abspath(path)))
    shared = folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH
    if shared and link.st_uid not in (os.geteuid(), folder.st_uid):
        raise OutputError(f"{path} is a link owned by another user in a shared folder; not following it")
    try:
        return os.path.realpath(path, strict=True)
    except FileNotFoundError:
        return os.path.realpath(path)  # a link to a file not written yet
    except OSError as e:
        raise OutputError(f"{path} is a link that cannot be followed ({e.strerror or e})") from e


def _destination(path: str, force: bool) -> tuple[str, os.stat_result | None]:
    """The file to write (``path``, or with ``force`` the file a link points to) and the
    status of the file it replaces, if any; raises when it must not be written."""
    if os.path.isdir(path):
        raise OutputError(f"{path} is a folder")
    if os.path.lexists(path) and not force:
        raise _exists(path)
    target = _follow_link(path) if os.path.islink(path) else os.path.abspath(path)
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        raise OutputError(f"folder {folder} does not exist")
    try:
        old = os.stat(target)
    except FileNotFoundError:
        return target, None
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e.strerror or e}") from e
    if not stat.S_ISREG(old.st_mode):
        raise OutputError(f"{path} is not a regular file; not replacing it")
    return target, old


def _keep_mode(fd: int, old: os.stat_result) -> None:
    """Give the new file the permission bits (and, where allowed, the group) of the one it replaces."""
    if old.st_gid != os.fstat(fd).st_gid:
        try:
            os.fchown(fd, -1, old.st_gid)
        except OSError:
            pass  # not a group of this user: the file keeps the user's group
    os.fchmod(fd, stat.S_IMODE(old.st_mode) & 0o777)


def _publish(fd: int, tmp: str | None, path: str, force: bool) -> None:
    """Give the finished temporary file its final name."""
    if tmp is not None:
        if not force:
            try:
                os.link(tmp, path)  # fails if path appeared meanwhile, where a rename would not
            except FileExistsError as e:
                raise _exists(path) from e
            except OSError as e:
                if e.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK):
                    raise
                if os.path.lexists(path):  # no hard links here: check, then rename
                    raise _exists(path) from e
                os.replace(tmp, path)
                return
            os.unlink(tmp)
            return
        os.replace(tmp, path)
        return
    proc = f"/proc/self/fd/{fd}"
    if not force:
        try:
            os.link(proc, path, follow_symlinks=True)
        except FileExistsError as e:
            raise _exists(path) from e
        return
    folder = os.path.dirname(os.path.abspath(path))
    for k in range(100):
        side = os.path.join(folder, f".{os.path.basename(path)}.{os.getpid()}.{k}.part")
        try:
            os.link(proc, side, follow_symlinks=True)
            break
        except FileExistsError:
            continue
    else:
        raise OutputError(f"cannot write {path}: no free temporary name")
    try:
        os.replace(side, path)
    except BaseException:
        os.unlink(side)
        raise


def write_atomic(path: str, write: Callable[[IO[str]], int], *, force: bool = False) -> int:
    """Call ``write`` on a UTF-8 text stream that becomes ``path`` only once complete ("-" for
    stdout), and return what it returns; see the module docstring."""
    if path == "-":
        n = write(sys.stdout)
        sys.stdout.flush()
        return n
    target, old = _destination(path, force)
    folder = os.path.dirname(target)
    try:
        fd, tmp = _open_temp(folder, os.path.basename(target))
    except OSError as e:
        raise OutputError(f"cannot write in {folder}: {e.strerror}") from e
    try:
        if old is not None:
            _keep_mode(fd, old)
        with os.fdopen(fd, "w", encoding="utf-8", newline="", closefd=False) as fh:
            n = write(fh)
            fh.flush()
            os.fsync(fd)
        _publish(fd, tmp, target, force)
    except BaseException as e:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        if isinstance(e, OSError) and not isinstance(e, OutputError):
            raise OutputError(f"cannot write {path}: {e.strerror or e}; nothing was written") from e
        raise
    finally:
        os.close(fd)
    return n


def write_output(objs: Iterable[dict], path: str, fmt: str, *, force: bool = False, raw: bool = False,
                 csv_fields: list[str] | None = None) -> int:
    """Write records to path ("-" for stdout) as ``render.emit`` writes ``fmt``; returns how many were written."""
    return write_atomic(path, lambda out: emit(objs, fmt, out=out, csv_fields=csv_fields, raw=raw), force=force)
