"""Files the authoring commands read and write: only regular files are read (a FIFO would hang, /dev/zero never
ends), a file the user keeps editing is replaced whole, and a failure to write is the machine's fault."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from ..errors import CatalogError, ExitCode, Problem


class ScaffoldError(CatalogError):
    kind = "scaffold"


class UnwritableError(ScaffoldError):
    """The machine's fault, not the input's (a full disk, a read-only folder): status 1, as for build."""

    exit_code = ExitCode.INTERNAL


def unwritable(path: Path, exc: OSError) -> ScaffoldError:
    return UnwritableError(Problem(f"cannot write the file: {exc.strerror or exc}", path,
                                   hint="check that the folder can be written to and the disk is not full"))


def replace_text(path: Path, text: str) -> None:
    """Rewrite a file the user keeps editing through a temporary file, so a failed write never truncates it."""
    temporary = path.with_name(f".{path.name}.catalog-tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def file_exists(path: Path) -> bool:
    """Path.is_file that says no, rather than raising, where the file system cannot even look (a name too long,
    a folder without permission)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


class NotRegularFile(OSError):
    """A folder, FIFO, device or socket where a file's contents are wanted."""


def open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading if it is a regular file or a link to one, else NotRegularFile. Checked before
    opening, so a FIFO (which waits for a writer) or a device (/dev/zero never ends) is never opened, and again
    on the open file, so what was checked is what is read; O_NONBLOCK keeps a FIFO put there in between from
    hanging the open (it changes nothing for a regular file). Other OSErrors (missing, no permission) pass."""
    _refuse_special(os.stat(path).st_mode)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    try:
        _refuse_special(os.fstat(descriptor).st_mode)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _refuse_special(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    kind = ("a folder" if stat.S_ISDIR(mode) else "a named pipe (FIFO)" if stat.S_ISFIFO(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a special file")
    raise NotRegularFile(errno.EINVAL, f"it is {kind}, not a file")
