"""Running the command in a fresh process, as a user would (for tests that need a
process of their own: its environment, its exit, its pipes)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_in_process(config: Path, out: Path, **env: str) -> subprocess.CompletedProcess:
    """``wres-wdes run CONFIG --out OUT`` in a fresh process with extra environment
    variables (output as bytes)."""
    return subprocess.run(
        [sys.executable, "-m", "wres_wdes.cli", "run", str(config), "--out", str(out)],
        env={**os.environ, **env},
        capture_output=True,
        check=False,
    )
