"""The build manifest: every input's checksum, the fonts, the colour profile and the tools, so a
reprint can be shown to come from the same sources as the first printing."""

from __future__ import annotations

import hashlib
import platform
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path

from .. import __version__
from ..colour import profile_name
from ..images.digests import Digests
from ..specs.layouts import FontFiles, LayoutSpec
from ..specs.press import PressProfile

TOOLS = ("reportlab", "pillow", "pikepdf", "pyphen", "pyyaml")


def sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _entry(path: Path, project: Path, digests: Digests) -> dict[str, object]:
    return {"path": _shown(path, project), "sha256": digests.of(path), "bytes": path.stat().st_size}


def _shown(path: Path, project: Path) -> str:
    try:
        return path.resolve().relative_to(project).as_posix()
    except ValueError:
        return f"(built in)/{path.parent.name}/{path.name}"


def inputs(project: Path, layout: LayoutSpec, press: PressProfile, families: dict[str, FontFiles],
           images: Iterable[Path] = ()) -> list[Path]:
    """catalog.yaml, everything under content/, the layout and press files (with their bases),
    the fonts, the ICC profile, and the images the catalog names (a cover may lie outside content/)."""
    found = {project / "catalog.yaml", *images}
    content = project / "content"
    if content.is_dir():
        found.update(p for p in content.rglob("*") if p.is_file() and not p.name.startswith(".")
                     and _inside(p, project))
    found.update(file for file, _ in layout.lines.values())
    found.update(file for file, _ in press.lines.values())
    found.update({layout.path, press.path})
    for family in families.values():
        found.update(family.file(weight) for weight in ("regular", "italic", "bold", "bold_italic"))
    if press.colour.icc:
        found.add(press.colour.icc)
    return sorted((p.resolve() for p in found if p.is_file()), key=lambda p: _shown(p, project))


def _inside(path: Path, project: Path) -> bool:
    """Links under content/ that lead out of the project are not read (nor listed)."""
    try:
        path.resolve().relative_to(project.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def manifest(project: Path, pdf: Path, written: Mapping[Path, Path], layout: LayoutSpec, press: PressProfile,
             families: dict[str, FontFiles], pages: int, digests: Digests,
             images: Iterable[Path] = ()) -> dict[str, object]:
    """`written` maps each output beside the manifest (the PDF first) to the file that holds it now,
    a temporary one until the set is committed. `digests` knows the images already: the image stage
    hashed them for the cache."""
    icc = press.colour.icc
    outputs = {final: {"file": final.name, "sha256": sha256(file), "bytes": file.stat().st_size}
               for final, file in written.items()}
    return {
        "tool": {"catalog": __version__, "python": platform.python_version(),
                 **{name: _version(name) for name in TOOLS}},
        "output": {"pdf": pdf.name, "sha256": outputs[pdf]["sha256"], "bytes": outputs[pdf]["bytes"], "pages": pages},
        "outputs": list(outputs.values()),
        "layout": {"name": layout.name, "file": _shown(layout.path, project)},
        "press": {"name": press.name, "file": _shown(press.path, project), "pdf": press.pdf,
                  "colour": press.colour.space},
        "icc": ({"file": _shown(icc, project), "description": profile_name(icc), "sha256": digests.of(icc)}
                if icc else {"description": "sRGB IEC61966-2.1 (built into Pillow's LittleCMS)"}),
        "fonts": [{"family": name, "weight": weight, **_entry(files.file(weight), project, digests)}
                  for name, files in sorted(families.items())
                  for weight in ("regular", "italic", "bold", "bold_italic")],
        "inputs": [_entry(path, project, digests) for path in inputs(project, layout, press, families, images)],
    }


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"
