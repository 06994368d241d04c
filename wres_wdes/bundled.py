"""Files installed with the package: the sample trust and the return templates.

In an installed wheel they live under ``wres_wdes/_bundled/`` (see
``pyproject.toml``); in a source checkout they are the top-level ``sample_data/``
and ``templates/`` folders. Both are found without network access.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def _find(name: str) -> Path:
    installed = Path(str(resources.files("wres_wdes"))) / "_bundled" / name
    if installed.is_dir():
        return installed
    checkout = _CHECKOUT / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"the bundled {name} folder is missing from this installation; reinstall wres_wdes"
    )


def sample_data_dir() -> Path:
    """The folder of the bundled synthetic sample trust."""
    return _find("sample_data")


def sample_config() -> Path:
    """The configuration of the bundled sample trust (``sample_data/config.toml``)."""
    return sample_data_dir() / "config.toml"


def templates_dir() -> Path:
    """The folder of the national return templates and their cell maps."""
    return _find("templates")
