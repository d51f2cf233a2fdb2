"""Writing results to stdout or to a file, without ever leaving a partial file.

``-o FILE`` writes into an unnamed temporary file in FILE's folder (Linux
``O_TMPFILE``; elsewhere a hidden ``.FILE.*.part`` file), flushes it to disk,
and only then gives it FILE's name. An existing FILE is kept unless ``force``
is given. If anything fails on the way (Ctrl-C, a full disk, an exception),
the temporary file is removed and FILE is untouched; if the process is killed
outright, an unnamed temporary file simply disappears with it. The error then
propagates, so the exit code is non-zero whenever the output is incomplete.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable

from .errors import OutputError
from .render import emit


def _unnamed(folder: str) -> int | None:
    """An unnamed file in folder that can later be linked in, or None if the system can't."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        fd = os.open(folder, flag | os.O_WRONLY, 0o666)
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
        return os.open(folder, flag | os.O_WRONLY, 0o666)
    except OSError:
        return None


def _open_temp(folder: str, name: str) -> tuple[int, str | None]:
    """An open temporary file in folder: (fd, None) if unnamed, else (fd, its path)."""
    fd = _unnamed(folder)
    if fd is not None:
        return fd, None
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=folder)
    return fd, tmp


def _publish(fd: int, tmp: str | None, path: str, force: bool) -> None:
    """Give the finished temporary file its final name."""
    if tmp is not None:
        if not force and os.path.lexists(path):
            raise OutputError(f"{path} exists; use --force to overwrite it")
        os.replace(tmp, path)
        return
    proc = f"/proc/self/fd/{fd}"
    if not force:
        try:
            os.link(proc, path, follow_symlinks=True)
        except FileExistsError as e:
            raise OutputError(f"{path} exists; use --force to overwrite it") from e
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


def write_output(objs: Iterable[dict], path: str, fmt: str, *, force: bool = False, raw: bool = False,
                 csv_fields: list[str] | None = None) -> int:
    """Write records to path ("-" for stdout); returns how many were written."""
    if path == "-":
        n = emit(objs, fmt, out=sys.stdout, csv_fields=csv_fields, raw=raw)
        sys.stdout.flush()
        return n
    if os.path.isdir(path):
        raise OutputError(f"{path} is a folder")
    if os.path.lexists(path) and not force:
        raise OutputError(f"{path} exists; use --force to overwrite it")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise OutputError(f"folder {folder} does not exist")
    try:
        fd, tmp = _open_temp(folder, os.path.basename(path))
    except OSError as e:
        raise OutputError(f"cannot write in {folder}: {e.strerror}") from e
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="", closefd=False) as fh:
            n = emit(objs, fmt, out=fh, csv_fields=csv_fields, raw=raw)
            fh.flush()
            os.fsync(fd)
        _publish(fd, tmp, path, force)
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
