"""The commands' arguments and options. Those that set a build option are made from its row in
build.options (flags, help, unit, default), so `build`, `check`, `proof` and `watch` say the same."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from ..builder.options import OPTIONS, BuildOptions
from ..content.binding import KINDS
from ..prepress.impose import METHODS


def option(field: str) -> Any:
    """The typer option of a BuildOptions field, as its row says."""
    row = OPTIONS[field].flag
    return typer.Option(*row.names, help=row.help, show_default=row.shown_default or True,
                        metavar=row.unit.upper() or None, min=row.low, max=row.high)


DEFAULTS = BuildOptions()
"""The commands' defaults are the build's: `layout: LAYOUT = DEFAULTS.layout`."""


Imposition = StrEnum("Imposition", {m: m for m in METHODS})  # type: ignore[misc]  # a computed Enum mypy cannot follow
"""The choices of --impose, as typer lists them in the help: the impositions prepress knows."""


BindingKind = StrEnum("BindingKind", {k: k for k in KINDS})  # type: ignore[misc]  # as Imposition
"""The choices of --binding: the kinds content.binding knows."""


LAYOUT = Annotated[str | None, option("layout")]
PRESS = Annotated[str | None, option("press")]
OUT = Annotated[Path | None, option("out")]
MARKS = Annotated[bool | None, option("marks")]
CACHE = Annotated[bool, option("cache")]
JOBS = Annotated[int | None, option("jobs")]
SCHEDULER = Annotated[str | None, option("scheduler")]
IMPOSE = Annotated[Imposition | None, option("impose")]
SHEET = Annotated[str | None, option("sheet")]
CREEP = Annotated[float | None, option("creep")]
SEVERAL = Annotated[bool, option("several")]
PRICE_LIST = Annotated[bool, option("price_list")]
BINDING = Annotated[BindingKind | None, option("binding")]

PROJECT = Annotated[Path, typer.Argument(help="The catalog project folder.", show_default="current folder")]
IN_PROJECT = Annotated[Path, typer.Option("--project", "-C", help="The catalog project folder.",
                                          show_default="current folder")]
STRICT = Annotated[bool, typer.Option("--strict", help="Exit non-zero on preflight warnings too.")]
