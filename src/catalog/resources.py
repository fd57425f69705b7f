"""Where the built-in layouts, fonts and presses live: inside the installed package, or the source checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def builtin_dir(kind: str) -> Path | None:
    """`kind` is 'layouts', 'fonts' or 'presses'. A wheel carries them under catalog/builtin/; an editable
    install from a checkout finds them at the repository root, where the example project keeps them."""
    packaged = Path(str(resources.files("catalog"))) / "builtin" / kind
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "pyproject.toml").is_file() and (checkout / kind).is_dir():
        return checkout / kind
    return None
