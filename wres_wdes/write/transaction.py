"""A run's outputs as a transaction: the whole set, or the previous set left whole.

Staff records are special-category personal data, and a half-written output
folder (some files new, some old, some temporary) is how figures get published
that should not be. So every run writes like this (``docs/outputs.md``, "What a
failed run leaves"):

1. **Lock.** A lock file beside the output folder (``.<name>.lock``) is taken for
   the whole run; a second run into the same folder stops at once with exit
   status 2, saying which run (process, host, start time) holds it.
2. **Recover.** What a killed run left (a staging folder, or a previous set moved
   aside) is put right first: a complete new set is moved into place, else the
   previous set is restored; the rest is removed.
3. **Check.** Files in the folder that wres_wdes did not write (none of its
   manifest, or changed since) are never overwritten unless ``force``; they are
   kept, moved across with the new set.
4. **Stage.** Every file is written into a fresh staging folder beside the output
   folder (``.<name>.staging-<pid>``), in parallel where that pays; workbooks are
   written in memory, never in a shared temporary folder; no link is followed.
5. **Swap.** Only when every file, the manifest and a completion mark are
   written, the output folder is moved aside and the staging folder renamed into
   its place (two renames in one file system), then the old set is deleted. Any
   failure before that removes the staging folder and leaves the previous set as
   it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import shutil
import socket
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import TextIO

from ..problems import WresWdesError
from .plan import Output
from .safe import MANIFEST_NAME, Manifest, OverwriteRefused

COMPLETE = ".wres-wdes-complete"
"""The mark a staging folder gets once every file in it is written."""

PARALLEL_MIN = 8
"""Fewer outputs than this are written in the main process: a process pool costs more
than it saves."""


class OutputFolderError(WresWdesError):
    """The output folder cannot be written: the message says why and what to do."""


class OutputLocked(OutputFolderError):
    """Another run is writing into the same output folder."""


def _siblings(out: Path, kind: str) -> list[Path]:
    prefix = f".{out.name}.{kind}-"
    if not out.parent.is_dir():
        return []
    return sorted(p for p in out.parent.iterdir() if p.name.startswith(prefix))


class Lock:
    """An exclusive lock on one output folder, held for a run (``fcntl`` where there is
    one, else an exclusively created file)."""

    def __init__(self, out: Path) -> None:
        self.path = out.parent / f".{out.name}.lock"
        self.handle: TextIO | None = None

    def __enter__(self) -> Lock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        facts = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started": dt.datetime.now().isoformat(timespec="seconds"),
        }
        fcntl: ModuleType | None
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            fcntl = None
        if fcntl is not None:
            self.handle = open(self.path, "a+", encoding="utf-8")
            try:
                fcntl.flock(self.handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                holder = self._holder()
                self.handle.close()
                self.handle = None
                raise OutputLocked(self._message(holder)) from exc
            self.handle.seek(0)
            self.handle.truncate()
            self.handle.write(json.dumps(facts))
            self.handle.flush()
            return self
        try:  # pragma: no cover - Windows
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError as exc:  # pragma: no cover
            raise OutputLocked(self._message(self._holder())) from exc
        with os.fdopen(fd, "w", encoding="utf-8") as handle:  # pragma: no cover
            handle.write(json.dumps(facts))
        return self  # pragma: no cover

    def _holder(self) -> dict:
        try:
            return json.loads(self.path.read_text(encoding="utf-8") or "{}")
        except (OSError, ValueError):
            return {}

    def _message(self, holder: dict) -> str:
        who = (
            f"process {holder.get('pid')} on {holder.get('host')}, started {holder.get('started')}"
            if holder
            else "another run"
        )
        return (
            f"another run is writing into {self.path.parent / self.path.name[1:-5]} "
            f"({who}); wait for it to finish, or choose another --out folder"
        )

    def __exit__(self, *exc) -> None:
        if self.handle is not None:
            with contextlib.suppress(OSError):
                self.path.unlink()
            self.handle.close()
        else:  # pragma: no cover - Windows
            with contextlib.suppress(OSError):
                self.path.unlink()


def recover(out: Path) -> None:
    """Put right what a killed run left beside ``out`` (the lock is held).

    A complete staging folder with no output folder finishes its swap; a previous
    set moved aside with no output folder is restored; everything else a dead run
    left is removed.
    """
    staged = [p for p in _siblings(out, "staging") if (p / COMPLETE).is_file()]
    old = _siblings(out, "old")
    if not out.exists():
        if staged:
            os.rename(staged[-1], out)
            (out / COMPLETE).unlink(missing_ok=True)
        elif old:
            os.rename(old[-1], out)
    for leftover in [*_siblings(out, "staging"), *_siblings(out, "old")]:
        shutil.rmtree(leftover, ignore_errors=True)


def check_out(out: str | os.PathLike[str]) -> None:
    """Check, before any computing, that ``out`` can hold a run's outputs.

    Raises
    ------
    OutputFolderError
        ``out`` is a file or a link, or the nearest folder that exists (where the
        staging folder and the lock go) cannot be written.
    """
    out = Path(out)
    if out.is_symlink():
        raise OutputFolderError(
            f"--out {out} is a link: give the folder itself (links are never followed)"
        )
    if out.exists() and not out.is_dir():
        raise OutputFolderError(f"--out {out} is a file, not a folder: choose a folder")
    parent = out.absolute().parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
        raise OutputFolderError(
            f"the outputs cannot be written to {out}: {parent} is not a folder this user "
            "can write to (the outputs are written beside it first, then moved into "
            "place). Choose another --out folder"
        )


def _foreign(out: Path, planned: set[str], force: bool) -> list[Path]:
    """Files in ``out`` that wres_wdes did not write, to carry over to the new set.

    A planned file that is foreign (or changed since it was written), or a file or
    link where a planned folder goes (``charts`` linked elsewhere), is refused unless
    ``force`` (then replaced); a foreign file elsewhere is kept. Links are kept as
    links and never followed.
    """
    if not out.is_dir():
        return []
    manifest = Manifest.load(out)
    folders = {p.rsplit("/", i)[0] for p in planned for i in range(1, p.count("/") + 1)}
    refused, keep = [], []
    for root, dirs, files in os.walk(out, followlinks=False):
        base = Path(root)
        for name in [*files, *(d for d in dirs if (base / d).is_symlink())]:
            path = base / name
            relative = path.relative_to(out).as_posix()
            if relative in (MANIFEST_NAME, COMPLETE):
                continue
            ours = relative in manifest.data["files"] and not path.is_symlink()
            if ours and not manifest.refused([path]):
                continue  # ours and unchanged: the new set replaces it
            if relative in planned or relative in folders:
                refused.append(path)  # in the way of a planned file (or its folder)
            else:
                keep.append(path)
        dirs[:] = [d for d in dirs if not (base / d).is_symlink()]
    if refused and not force:
        raise OverwriteRefused(refused)
    return keep


def _copy_as_is(source: Path, target: Path) -> None:
    """Copy a file the user keeps in the output folder into the new set: a link as
    the link itself (never what it points to), a file with its times. Copied, not
    moved, so a run that fails before the swap leaves it where it was."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_symlink():
        os.symlink(os.readlink(source), target)
    else:
        shutil.copy2(source, target, follow_symlinks=False)


_TASKS: Sequence[Output] = ()
_ROOT: Path | None = None


def _write_one(index: int) -> str:
    output = _TASKS[index]
    assert _ROOT is not None, "set before the tasks run"
    target = _ROOT / output.path
    target.parent.mkdir(parents=True, exist_ok=True)
    output.write(target)
    return output.path.as_posix()


def _parallel(count: int, workers: int) -> bool:
    if workers <= 1 or count < PARALLEL_MIN:
        return False
    try:
        import multiprocessing

        return "fork" in multiprocessing.get_all_start_methods()
    except (ImportError, ValueError):  # pragma: no cover
        return False


def write_staged(
    root: Path,
    outputs: Sequence[Output],
    workers: int,
    progress: Callable[[str], None] | None = None,
) -> None:
    """Write every output under ``root``: in a pool of forked processes when there are
    many (each inherits the plan; nothing is pickled but an index), else here."""
    global _TASKS, _ROOT
    _TASKS, _ROOT = outputs, root
    try:
        if _parallel(len(outputs), workers):
            import multiprocessing

            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                for done in pool.map(_write_one, range(len(outputs)), chunksize=1):
                    if progress:
                        progress(done)
        else:
            for i in range(len(outputs)):
                done = _write_one(i)
                if progress:
                    progress(done)
    finally:
        _TASKS, _ROOT = (), None


def workers_default() -> int:
    """Processes for writing: every core this process may use, at most 4."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


def write_transaction(
    out: str | os.PathLike[str],
    outputs: Sequence[Output],
    *,
    force: bool = False,
    workers: int | None = None,
    facts: dict | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Write ``outputs`` into ``out`` as one transaction (see the module docstring).

    Returns the paths written (the manifest last).

    Raises
    ------
    OutputLocked
        Another run holds the folder.
    OverwriteRefused
        A planned file exists that wres_wdes did not write; nothing is written.
    OutputFolderError
        The folder cannot be written (a file, a link, read-only, the disk full);
        the previous set is left as it was.
    """
    out = Path(out)
    check_out(out)
    workers = workers_default() if workers is None else workers
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with Lock(out):
            recover(out)
            planned = {o.path.as_posix() for o in outputs}
            keep = _foreign(out, planned, force)
            staging = out.parent / f".{out.name}.staging-{os.getpid()}"
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir()
            try:
                write_staged(staging, outputs, workers, progress)
                manifest = Manifest(staging)
                manifest.describe(**(facts or {}))
                for output in outputs:
                    manifest.record(staging / output.path, output.for_publication)
                manifest.save()
                for path in keep:  # the user's own files stay with the folder
                    _copy_as_is(path, staging / path.relative_to(out))
                (staging / COMPLETE).write_text("", encoding="utf-8")
                if out.exists():
                    old = out.parent / f".{out.name}.old-{os.getpid()}"
                    os.rename(out, old)
                    os.rename(staging, out)
                    shutil.rmtree(old, ignore_errors=True)
                else:
                    os.rename(staging, out)
                (out / COMPLETE).unlink(missing_ok=True)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
    except OSError as exc:
        raise OutputFolderError(_os_message(out, exc)) from exc
    return [out / o.path for o in outputs] + [out / MANIFEST_NAME]


def _os_message(out: Path, exc: OSError) -> str:
    reason = {
        errno.ENOSPC: "the disk is full",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
        errno.EDQUOT: "the disk quota is used up",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    return (
        f"the outputs could not be written to {out}: {reason} "
        f"({exc.filename or out}). Nothing was changed: the previous outputs, if any, are "
        "as they were. Free space, fix the permissions or choose another --out folder"
    )


__all__ = [
    "Lock",
    "OutputFolderError",
    "OutputLocked",
    "check_out",
    "recover",
    "workers_default",
    "write_staged",
    "write_transaction",
]
