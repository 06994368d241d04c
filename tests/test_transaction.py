"""A run's outputs are a transaction: the whole new set, or the previous set left whole.

Each test makes a previous set, then breaks the next run in one way (a kill at a
point during writing, a full disk, a read-only folder, a second run, a link where
a folder goes) and checks that the folder holds exactly one whole set afterwards,
with nothing left beside it once the next run has recovered.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path, PurePosixPath

import pytest
from running import run_in_process

from wres_wdes.cli import main
from wres_wdes.write.plan import Output, folder_names
from wres_wdes.write.safe import MANIFEST_NAME, OverwriteRefused
from wres_wdes.write.transaction import (
    Lock,
    OutputFolderError,
    OutputLocked,
    recover,
    write_transaction,
)

NAMES = [f"file-{i}.txt" for i in range(6)] + ["charts/a.png", "charts/b.png"]


def _outputs(tag: str, fail_at: int | None = None, error: OSError | None = None) -> list[Output]:
    def writer(name: str, i: int):
        def write(path: Path) -> None:
            if i == fail_at:
                raise error
            path.write_text(f"{tag} {name}", encoding="utf-8")

        return write

    return [Output(PurePosixPath(n), writer(n, i), False, n) for i, n in enumerate(NAMES)]


def _contents(out: Path) -> dict[str, str]:
    return {
        p.relative_to(out).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != MANIFEST_NAME
    }


def _whole(out: Path, tag: str) -> bool:
    """``out`` holds exactly the set ``tag`` and a manifest that vouches for it."""
    expected = {n: f"{tag} {n}" for n in NAMES}
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    return _contents(out) == expected and set(manifest["files"]) == set(NAMES)


def _beside(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def test_a_run_replaces_the_whole_set_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_transaction(out, _outputs("old"))
    assert _whole(out, "old")
    write_transaction(out, _outputs("new"))
    assert _whole(out, "new")
    assert _beside(out) == []


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.ENOSPC, "the disk is full"), (errno.EROFS, "read-only"), (errno.EACCES, "permission")],
)
def test_a_full_disk_or_read_only_folder_leaves_the_previous_set_whole(
    tmp_path: Path, code: int, words: str
) -> None:
    out = tmp_path / "out"
    write_transaction(out, _outputs("old"))
    failure = OSError(code, os.strerror(code), str(out / "file-3.txt"))
    with pytest.raises(OutputFolderError, match=words) as caught:
        write_transaction(out, _outputs("new", fail_at=3, error=failure))
    assert "previous outputs" in str(caught.value)
    assert _whole(out, "old")
    assert _beside(out) == []  # the staging folder is gone


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path, PurePosixPath
    import wres_wdes.write.transaction as transaction
    from wres_wdes.write.plan import Output

    out, point = Path(sys.argv[1]), sys.argv[2]
    names = {names!r}

    def kill():
        os.kill(os.getpid(), signal.SIGKILL)

    def writer(name, i):
        def write(path):
            if point == f"write-{{i}}":
                kill()
            path.write_text(f"new {{name}}", encoding="utf-8")
        return write

    if point == "after-manifest":
        save = transaction.Manifest.save
        def saved(self):
            path = save(self)
            kill()
        transaction.Manifest.save = saved
    if point.startswith("rename-"):
        calls, rename = [0], os.rename
        def renamed(a, b):
            calls[0] += 1
            if calls[0] == int(point.split("-")[1]):
                kill()
            rename(a, b)
        transaction.os.rename = renamed
    outputs = [Output(PurePosixPath(n), writer(n, i), False, n) for i, n in enumerate(names)]
    transaction.write_transaction(out, outputs, workers=1)
    """
)

POINTS = ["write-0", "write-4", "write-7", "after-manifest", "rename-1", "rename-2"]


@pytest.mark.parametrize("point", POINTS)
def test_a_run_killed_at_any_point_never_leaves_a_mixed_folder(tmp_path: Path, point: str) -> None:
    out = tmp_path / "out"
    write_transaction(out, _outputs("old"))
    script = tmp_path / "killer.py"
    script.write_text(KILLER.format(names=NAMES), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), str(out), point], check=False)
    assert done.returncode == -signal.SIGKILL
    # killed: the folder is one whole set, old or (killed mid-swap) new, never a mix
    if out.exists():
        assert _whole(out, "old") or _whole(out, "new")
    # the next run puts right what the killed one left, by itself, and writes its set
    write_transaction(out, _outputs("next"))
    assert _whole(out, "next")
    assert _beside(out) == []


def test_recovery_finishes_a_swap_that_was_killed_between_its_two_renames(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_transaction(out, _outputs("new"))
    # the state after the first rename of a swap: the old set aside, the new one staged
    staged = tmp_path / ".out.staging-999"
    os.rename(out, staged)
    (staged / ".wres-wdes-complete").write_text("", encoding="utf-8")
    (tmp_path / ".out.old-999").mkdir()
    recover(out)
    assert _whole(out, "new")
    assert _beside(out) == []


def test_a_second_run_into_the_same_folder_is_refused_and_names_the_first(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with Lock(out), pytest.raises(OutputLocked, match=f"process {os.getpid()}"):
        write_transaction(out, _outputs("second"))
    write_transaction(out, _outputs("after"))  # the lock is released with the first run
    assert _whole(out, "after")


def test_the_cli_says_which_run_holds_the_folder(tiny_trust: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    with Lock(out):
        assert main(["run", str(tiny_trust), "--out", str(out)]) == 2
    printed = capsys.readouterr().out
    assert "another run is writing into" in printed and str(os.getpid()) in printed
    assert not out.exists()


def test_a_link_where_a_folder_goes_is_never_followed(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    write_transaction(out, _outputs("old"))
    elsewhere.mkdir()
    (elsewhere / "precious.txt").write_text("mine", encoding="utf-8")
    for path in (out / "charts").iterdir():
        path.unlink()
    (out / "charts").rmdir()
    (out / "charts").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(OverwriteRefused) as refused:
        write_transaction(out, _outputs("new"))
    assert [p.name for p in refused.value.paths] == ["charts"]
    write_transaction(out, _outputs("new"), force=True)
    assert not (out / "charts").is_symlink() and _whole(out, "new")
    assert sorted(p.name for p in elsewhere.iterdir()) == ["precious.txt"]


def test_the_users_own_files_are_kept_with_the_new_set(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_transaction(out, _outputs("old"))
    (out / "notes.txt").write_text("my notes", encoding="utf-8")
    (out / "link").symlink_to(tmp_path)
    write_transaction(out, _outputs("new"))
    assert (out / "notes.txt").read_text(encoding="utf-8") == "my notes"
    assert (out / "link").is_symlink() and os.readlink(out / "link") == str(tmp_path)


def test_an_out_that_is_a_file_is_a_plain_error_before_anything_is_read(
    tiny_trust: Path, tmp_path: Path, capsys
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("a file", encoding="utf-8")
    assert main(["run", str(tiny_trust), "--out", str(target)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().out


def test_organisations_whose_names_slug_alike_get_their_own_folders() -> None:
    names = folder_names(["St. Mary's", "St Mary's", "st marys", "St-Mary-s"])
    assert list(names.values()) == ["St-Mary-s", "St-Mary-s-2", "st-marys", "St-Mary-s-3"]
    assert len({n.casefold() for n in names.values()}) == 4


def test_workbooks_leave_no_temporary_copy_of_the_figures(tiny_trust: Path, tmp_path: Path) -> None:
    # a whole run in a process whose temporary folder is watched: it stays empty
    temp = tmp_path / "tmp"
    temp.mkdir()
    done = run_in_process(
        tiny_trust, tmp_path / "o", TMPDIR=str(temp), TEMP=str(temp), TMP=str(temp)
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in temp.rglob("*") if "matplotlib" not in p.name) == []
