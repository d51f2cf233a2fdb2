"""Writing results to stdout or to a file, without ever leaving a partial file.

``-o FILE`` writes to a temporary file in the same folder, flushes it to disk,
and renames it into place only when everything was written. An existing FILE
is kept unless ``force`` is given. On any failure (Ctrl-C, a full disk, a crash)
the temporary file is removed, FILE is untouched, and the error propagates so
the exit code is non-zero.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable

from .errors import OutputError
from .render import write_records


def write_output(objs: Iterable[dict], path: str, fmt: str, *, force: bool = False, raw: bool = False,
                 csv_fields: list[str] | None = None) -> int:
    """Write records to path ("-" for stdout); returns how many were written."""
    if path == "-":
        n = write_records(objs, sys.stdout, fmt, csv_fields=csv_fields, raw=raw)
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
        fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".part", dir=folder)
    except OSError as e:
        raise OutputError(f"cannot write in {folder}: {e.strerror}") from e
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            n = write_records(objs, fh, fmt, csv_fields=csv_fields, raw=raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise OutputError(f"cannot write {path}: {e.strerror or e}; nothing was written") from e
        raise
    return n
