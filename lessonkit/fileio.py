"""Atomic writes: a reader never sees half a file, and an interrupted write
leaves the old file (or none), never a truncated one.

Every temporary is named ``.NAME.XXXXXXXX.tmp`` beside what it becomes and is
held under an exclusive ``flock`` while its writer lives, so a later build can
tell a temporary left by a killed writer (unlocked: removed by clean_stale)
from one another build is still writing (locked: left alone).  A folder of
documents (a lesson's kit) is written whole into a temporary folder and
swapped in with one atomic exchange (Linux ``renameat2``), so a reader sees
the old kit or the new one, never a mix.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock; every temporary found later is stale
    fcntl = None  # type: ignore[assignment]

# What tempfile makes from prefix '.NAME.' and suffix '.tmp' (8 random characters).
TEMPORARY = re.compile(r"\A\..+\.[A-Za-z0-9_]{8}\.tmp\Z")


def _lock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)


def _named(exc: OSError, target: Path) -> OSError:
    """The same error, naming the file the user asked for, not a temporary."""
    return type(exc)(exc.errno, exc.strerror, str(target)) if exc.errno else exc


def _temporary_file(target: Path) -> tuple[int, str]:
    """A locked temporary file beside ``target`` that is still there once locked."""
    while True:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        _lock(fd)
        # A cleaner may have taken it for stale between mkstemp and the lock.
        try:
            if os.stat(name).st_ino == os.fstat(fd).st_ino:
                return fd, name
        except FileNotFoundError:
            pass
        os.close(fd)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a temp file in the same folder, fsync, rename."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = _temporary_file(target)
    except OSError as exc:
        raise _named(exc, target) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
            os.chmod(tmp_name, 0o644)
            os.replace(tmp_name, target)  # still locked: a cleaner leaves it be
    except BaseException as exc:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise _named(exc, target) from None
        raise
    _fsync_dir(target.parent)


def _fsync_dir(folder: Path) -> None:
    # Make the rename itself durable; not every platform can open a folder.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


# -- a folder replaced whole ------------------------------------------------------------------


def replace_folder(folder: str | os.PathLike[str], files: dict[str, bytes], owned: str = ".pdf") -> None:
    """Make ``folder`` hold ``files`` (name -> bytes), replacing it whole.

    The files are written into a temporary folder beside it, which is then
    exchanged with the old folder in one step; a failure or a kill at any
    moment leaves the old folder as it was (and at most an unlocked
    temporary, which clean_stale removes).  Files in the old folder that do
    not end in ``owned`` (a teacher's notes) are carried over; documents of
    an earlier build that this one no longer writes are not.
    """
    target = Path(folder)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _temporary_folder(target)
    except OSError as exc:
        raise _named(exc, target) from None
    try:
        try:
            for name, data in files.items():
                write_bytes_atomic(Path(tmp) / name, data)
            _carry_over(target, Path(tmp), set(files), owned)
            _fsync_dir(Path(tmp))
            _swap(tmp, target)
        except BaseException as exc:  # a full disk, an interrupt: the old folder stays
            shutil.rmtree(tmp, ignore_errors=True)
            if isinstance(exc, OSError):
                raise _named(exc, target) from None
            raise
        # ``tmp`` now holds the old folder (or nothing): it is garbage.
        shutil.rmtree(tmp, ignore_errors=True)
        _fsync_dir(target.parent)
    finally:
        os.close(fd)


def _temporary_folder(target: Path) -> tuple[int, str]:
    while True:
        name = tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        fd = os.open(name, os.O_RDONLY)
        _lock(fd)
        try:
            if os.stat(name).st_ino == os.fstat(fd).st_ino:
                return fd, name
        except FileNotFoundError:
            pass
        os.close(fd)


def _carry_over(old: Path, new: Path, written: set[str], owned: str) -> None:
    try:
        entries = list(os.scandir(old))
    except FileNotFoundError:
        return
    except NotADirectoryError:
        raise OSError(20, "a file is in the way of the kit's folder", str(old)) from None
    for entry in entries:
        if entry.name in written or entry.name.endswith(owned) or TEMPORARY.match(entry.name):
            continue
        source, dest = Path(entry.path), new / entry.name
        if entry.is_dir(follow_symlinks=False):
            shutil.copytree(source, dest, symlinks=True)
        else:
            shutil.copy2(source, dest, follow_symlinks=False)


def _swap(tmp: str, target: Path) -> None:
    """Put folder ``tmp`` at ``target``; afterwards ``tmp`` holds the old one, if any."""
    for _ in range(10):
        if not os.path.lexists(target):
            try:
                os.rename(tmp, target)
                return
            except OSError as exc:  # another build put it there meanwhile: exchange instead
                if not os.path.lexists(target):
                    raise
        if os.path.isdir(target) and not os.path.islink(target):
            if _exchange(tmp, target):
                return
            # No atomic exchange here: move the old folder aside, then the new in.
            aside = tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            os.rmdir(aside)
            os.rename(target, aside)
            os.rename(tmp, target)
            os.rename(aside, tmp)  # rmtree'd by the caller
            return
        raise OSError(20, "a file is in the way of the kit's folder", str(target))
    raise OSError(16, "another build keeps replacing this folder", str(target))


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: str, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where that is not possible."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(str(b)), _RENAME_EXCHANGE) == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: this file system cannot
        return False
    raise OSError(errno, os.strerror(errno), str(b))


# -- leftovers of killed writers ----------------------------------------------------------------


def clean_stale(folder: str | os.PathLike[str], depth: int = 1) -> list[Path]:
    """Remove the temporaries (``.NAME.XXXXXXXX.tmp``) that killed writers left
    in ``folder`` and, down to ``depth`` levels, in its subfolders; a
    temporary another writer still holds is left alone.  Returns what was removed."""
    removed: list[Path] = []
    root = Path(folder)
    try:
        entries = list(os.scandir(root))
    except OSError:
        return removed
    for entry in entries:
        path = Path(entry.path)
        if TEMPORARY.match(entry.name):
            if _remove_if_unlocked(path, entry.is_dir(follow_symlinks=False)):
                removed.append(path)
        elif depth > 0 and entry.is_dir(follow_symlinks=False):
            removed.extend(clean_stale(path, depth - 1))
    return removed


def _remove_if_unlocked(path: Path, is_dir: bool) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False  # its writer is alive
        if is_dir:
            shutil.rmtree(path, ignore_errors=True)
        else:
            os.unlink(path)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)
