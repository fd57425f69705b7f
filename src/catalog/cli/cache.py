"""`catalog cache info` and `catalog cache prune`: the images earlier builds prepared."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..images.cache import FOLDER as CACHE_FOLDER
from ..images.cache import KEEP_DAYS, ImageCache
from .options import PROJECT
from .report import out, require_folder, shown_path

cache_app = typer.Typer(no_args_is_help=True, help="The prepared-image cache (.catalog-cache/ in the project).")


@cache_app.command("info")
def cache_info(project: PROJECT = Path(".")) -> None:
    """How many prepared images the cache holds, and their size."""
    require_folder(project)
    held = ImageCache(project.resolve() / CACHE_FOLDER).usage()
    out.print(f"{held.entries} prepared image(s), {held.bytes / 1_000_000:.1f} MB in "
              f"{shown_path(project.resolve() / CACHE_FOLDER)}", soft_wrap=True)


@cache_app.command("prune")
def cache_prune(
    project: PROJECT = Path("."),
    days: Annotated[float, typer.Option("--days", min=0, help="Keep images used within this many days; "
                                        "0 empties the cache.")] = KEEP_DAYS,
) -> None:
    """Remove prepared images no build has used for a while (builds do this too, after 30 days)."""
    require_folder(project)
    pruned = ImageCache(project.resolve() / CACHE_FOLDER).prune(days)
    out.print(f"Removed {pruned.entries} prepared image(s), {pruned.bytes / 1_000_000:.1f} MB", soft_wrap=True)
