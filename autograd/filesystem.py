"""Reading and writing the files users name: only regular files, whole or not at all.

Every file this project writes (a model, a diagram, a picture, a step or
replay page, frames) and every model file it reads goes through here, so the
same mistakes get the same one-line ValueError naming the file:

- writing: the path is a str or path object (else a TypeError), the folder
  must exist (nothing is created, so a typo in a path makes no folders) and
  the target must be absent or a regular file (never replaced: a symlink, a
  FIFO, a device such as /dev/full, a folder). The bytes
  go to a file without a name (Linux O_TMPFILE) that gets its name only when
  complete, so a save killed at any moment, even by SIGKILL, leaves either the
  old file or the new one and no temporary file; where O_TMPFILE is missing, a
  hidden temporary file is removed on any exception or Ctrl-C. One window is
  left: a kill between naming the finished file and moving it over an
  existing target leaves that finished file as `.NAME.XXXXXXXX.tmp`.
- reading: the file is opened without blocking (a FIFO cannot hang the call),
  its type is checked on the open file (fstat), and at most MAX_READ_BYTES
  are read (so /dev/zero or a huge file cannot exhaust memory).
Writers whose format comes from the name (a .png or .svg picture, a .html page)
check its suffix with checked_suffix, before the work of making the content.
The checks before writing and the write itself are two steps: a file put at
the target in between (by another program) is replaced. That race is
inherent in path-based APIs and is not defended against.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path
from typing import Sequence

from .checks import instance

MAX_READ_BYTES = 64 * 1024 * 1024  # 64 MiB: a model file of millions of parameters
PathLike = str | os.PathLike


def checked_target(path: PathLike, where: str) -> Path:
    """`path` as a Path, after checking that a file may be written there.

    Raises ValueError (one line, naming `where` and the path) when the folder
    does not exist or the path exists and is not a regular file; TypeError
    when `path` is not a str or path object.
    """
    target = _path(path, where)
    folder = target.parent
    if not folder.is_dir():
        raise ValueError(f"{where}: cannot write {_shown(target)}: the folder {_shown(folder)} "
                         f"does not exist; create it first (no folders are made for you)")
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return target
    except OSError as error:
        raise ValueError(f"{where}: cannot write {_shown(target)}: {error.strerror}") from None
    if not stat.S_ISREG(mode):
        raise ValueError(f"{where}: cannot write {_shown(target)}: it is {file_kind(mode)}, "
                         f"not a regular file; give the path of a new or regular file")
    return target


def checked_folder(path: PathLike, where: str) -> Path:
    """`path` as a Path, after checking that it is a folder or can be made in one.

    Raises ValueError (one line) when its parent folder does not exist or
    `path` exists and is not a folder (a symlink to a folder counts as one; a
    dangling symlink or a loop does not).
    """
    folder = _path(path, where)
    if os.path.lexists(folder) and not folder.is_dir():
        raise ValueError(f"{where}: {_shown(folder)} exists and is not a folder; "
                         f"name a new or existing folder")
    if not folder.parent.is_dir():
        raise ValueError(f"{where}: {_shown(folder)}: the folder {_shown(folder.parent)} does "
                         f"not exist; create it first (no folders are made for you)")
    return folder


def checked_suffix(path: PathLike, where: str, formats: Sequence[str]) -> str:
    """The format that `path`'s suffix names: one of `formats` ("png", ...), in lower case.

    Raises ValueError (one line, naming `where`, the path and the suffixes that
    would work) for a name without one of them (any case: .PNG is png).
    """
    target = _path(path, where)
    suffix = target.suffix.lower().lstrip(".")
    if suffix not in formats:
        names = [f".{name}" for name in formats]
        listed = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
        raise ValueError(f"{where}: cannot write {_shown(target)}: the name must end in "
                         f"{listed}")
    return suffix


def write_bytes(path: PathLike, content: bytes, where: str) -> Path:
    """Write `content` to `path` whole or not at all; return the Path.

    Raises ValueError as checked_target does, or when the system refuses the
    write (permissions, a full disk), naming the file.
    """
    target = checked_target(path, where)
    try:
        _write_unnamed(target, content)
    except _NoUnnamedFiles:
        _write_named(target, content, where)
    except OSError as error:
        raise ValueError(f"{where}: cannot write {_shown(target)}: {error.strerror}; "
                         f"check that the folder is writable") from None
    return target


def read_bytes(path: PathLike, where: str, limit: int = MAX_READ_BYTES) -> bytes:
    """The content of the regular file at `path` (symlinks followed), at most `limit` bytes.

    Raises ValueError (one line, naming `where` and the file) when it is
    missing, not a regular file (a folder, FIFO, device, socket), a symlink
    loop, unreadable, or larger than `limit` bytes.
    """
    shown = _shown(Path(os.fspath(path)))
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        reason = {errno.ENOENT: "no such file (or a dangling symlink)",
                  errno.ELOOP: "a symlink loop"}.get(error.errno, error.strerror)
        raise ValueError(f"{where}: cannot read {shown}: {reason}") from None
    try:
        info = os.fstat(descriptor)  # the type of what was opened, not of what the name was
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(f"{where}: cannot read {shown}: it is {file_kind(info.st_mode)}, "
                             f"not a regular file")
        if info.st_size > limit:
            raise ValueError(f"{where}: cannot read {shown}: {info.st_size} bytes is more than "
                             f"the {limit} bytes such a file can have")
        with open(os.dup(descriptor), "rb") as file:
            content = file.read(limit + 1)
    except OSError as error:
        raise ValueError(f"{where}: cannot read {shown}: {error.strerror}") from None
    finally:
        os.close(descriptor)
    if len(content) > limit:
        raise ValueError(f"{where}: cannot read {shown}: it grew past {limit} bytes while read")
    return content


def file_kind(mode: int) -> str:
    """'a folder', 'a FIFO', 'a symlink', ... for an st_mode."""
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISLNK, "a symlink"),
                       (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISREG, "a regular file")):
        if test(mode):
            return name
    return "a special file"


class _NoUnnamedFiles(Exception):
    """This system or file system cannot make a file without a name."""


def _write_unnamed(target: Path, content: bytes) -> None:
    """Write into an O_TMPFILE file, then give it the target's name."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not os.path.isdir("/proc/self/fd"):
        raise _NoUnnamedFiles
    try:
        descriptor = os.open(target.parent, flag | os.O_WRONLY, 0o666)
    except OSError as error:
        if error.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
            raise _NoUnnamedFiles from None
        raise
    with open(descriptor, "wb", closefd=True) as file:
        file.write(content)
        file.flush()
        source = f"/proc/self/fd/{descriptor}"
        if _link(source, target):  # the name was free: atomic, no temporary name
            return
        temporary = _temporary_name(target)
        try:
            _link(source, temporary)
            os.replace(temporary, target)
        except BaseException:
            _remove_if_present(temporary)
            raise


def _link(source: str, name: Path) -> bool:
    """Give the unnamed file `name`; False if the name is taken."""
    try:
        os.link(source, name, follow_symlinks=True)
        return True
    except FileExistsError:
        return False
    except OSError as error:  # /proc links refused (some sandboxes): use a named file
        if error.errno in (errno.EXDEV, errno.EPERM, errno.ENOENT, errno.EACCES):
            raise _NoUnnamedFiles from None
        raise


def _write_named(target: Path, content: bytes, where: str) -> None:
    temporary = _temporary_name(target)
    try:  # from the creation of the temporary file to its rename, one try
        with open(temporary, "xb") as file:
            file.write(content)
        os.replace(temporary, target)
    except BaseException as error:  # Ctrl-C included
        _remove_if_present(temporary)
        if isinstance(error, OSError):
            raise ValueError(f"{where}: cannot write {_shown(target)}: {error.strerror}; "
                             f"check that the folder is writable") from None
        raise


def _temporary_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")


def _remove_if_present(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _path(path: PathLike, where: str) -> Path:
    instance(where, "path", path, (str, os.PathLike), "a file name (a str or pathlib.Path)")
    return Path(os.fspath(path))


def _shown(path: Path, limit: int = 80) -> str:
    """The path quoted, its middle cut out when long: the file's own name stays in view."""
    text = repr(str(path))
    if len(text) <= limit:
        return text
    tail = limit // 2 + 10
    return f"{text[:limit - tail - 3]}...{text[-tail:]}"
