"""The return templates are installed with the package, not only present in a checkout."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = (
    "WRES-return-template.xlsx",
    "WRES-return-cellmap.csv",
    "WDES-return-template.xlsx",
    "WDES-return-cellmap.csv",
)

CHECK = """
from wres_wdes.bundled import templates_dir
from wres_wdes.write.returns import check_template, find_template
folder = templates_dir()
assert "_bundled" in folder.parts, folder
for standard in ("WRES", "WDES"):
    check_template(find_template(standard))
print(folder)
"""


def test_a_built_wheel_carries_the_templates_and_finds_them_installed(tmp_path: Path) -> None:
    isolation = [] if importlib.util.find_spec("hatchling") is None else ["--no-build-isolation"]
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "-q",
            *isolation,
            "-w",
            str(tmp_path / "wheel"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next((tmp_path / "wheel").glob("wres_wdes-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for name in TEMPLATES:
            assert f"wres_wdes/_bundled/templates/{name}" in names
        archive.extractall(tmp_path / "site")  # a wheel is a zip: this is an install

    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    found = subprocess.run(
        [sys.executable, "-c", CHECK],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    assert found.returncode == 0, found.stderr[-2000:]
    assert Path(found.stdout.strip()).is_relative_to(tmp_path / "site")
