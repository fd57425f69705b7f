"""Commands that write the user's own files: `init`, `new artist`, `import` and `schemas`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from ..errors import CatalogError, ExitCode, Problem
from .options import IN_PROJECT
from .report import err, fail, out, print_findings, shown_path

new_app = typer.Typer(no_args_is_help=True, help="Start new content from commented templates.")


def init_command(
    folder: Annotated[Path, typer.Argument(help="Where to start the project.", show_default="current folder")]
    = Path("."),
    title: Annotated[str, typer.Option("--title", help="The catalog's title.")] = "My Exhibition",
) -> None:
    """Start a catalog project: catalog.yaml, a sample artist and a README, every setting explained."""
    from ..authoring.init import init_project

    try:
        written = init_project(folder, title)
    except CatalogError as exc:
        fail(exc, folder)
    out.print(f"Started a catalog project in {shown_path(folder.resolve())} ({len(written)} files).",
              soft_wrap=True)
    shown = "" if folder.resolve() == Path.cwd() else f" {shown_path(folder.resolve())}"
    out.print(f"  build it:       catalog build{shown}", soft_wrap=True)
    out.print(f'  add an artist:  catalog new artist "Name" --images PHOTO_FOLDER{" -C" + shown if shown else ""}',
              soft_wrap=True)
    out.print("  then read README.md in the project.", soft_wrap=True)


@new_app.command("artist")
def new_artist_command(
    name: Annotated[str, typer.Argument(help='The artist\'s name as printed, e.g. "Қайрат Оспанов".')],
    images: Annotated[Path | None, typer.Option("--images", help="A folder of photos: each becomes a work "
                                                "(copied into the artist's images/).")] = None,
    project: IN_PROJECT = Path("."),
) -> None:
    """Add an artist: content/artists/<slug>/artist.yaml (every key explained), images/, and the catalog's list."""
    from ..authoring.artist import UNFILLED, new_artist

    try:
        made = new_artist(project, name, images)
    except CatalogError as exc:
        fail(exc, project)
    print_findings(made.skipped, quiet=False)
    out.print(f"Added {made.slug}: {shown_path(made.folder / 'artist.yaml')}"
              + (f" with {made.works} work(s)" if made.works else ""), soft_wrap=True)
    if made.catalog_changed:
        out.print(f"  listed under 'artists:' in {shown_path(project.resolve() / 'catalog.yaml')}", soft_wrap=True)
    if made.works:
        out.print(f"  fill in the fields marked {UNFILLED}; catalog check lists those left", soft_wrap=True)
    else:
        out.print("  put the photos in its images/ folder and list them under 'works:'", soft_wrap=True)


def import_command(
    table: Annotated[Path, typer.Argument(help="A CSV file saved from the spreadsheet, one work a row.")],
    artist: Annotated[str, typer.Option("--artist", "-a", help="The artist's folder name (slug).")],
    project: IN_PROJECT = Path("."),
) -> None:
    """Add works from a spreadsheet's CSV to an artist's artist.yaml; rows that cannot be used are listed."""
    from ..authoring.importcsv import import_works

    try:
        result = import_works(table, project, artist)
    except CatalogError as exc:
        fail(exc, project)
    for column in result.unused_columns:
        err.print(f"[dim]note:[/] {escape(shown_path(table))}: column {escape(column)}, not imported",
                  soft_wrap=True, markup=True)
    for cleaned in result.cleaned:
        err.print(f"[dim]note:[/] {escape(shown_path(table))}: row {cleaned.row}: {escape(cleaned.detail)}",
                  soft_wrap=True, markup=True)
    for row in result.skipped:
        err.print(f"[yellow]warning:[/] {escape(shown_path(table))}: row {row.row} skipped: {escape(row.reason)}",
                  soft_wrap=True, markup=True)
    out.print(f"Added {len(result.added)} work(s) to {shown_path(result.artist_file)}"
              + (f"; {len(result.skipped)} row(s) skipped" if result.skipped else ""), soft_wrap=True)
    if not result.added:
        raise typer.Exit(ExitCode.INPUT)  # nothing usable in the table


def schemas_command(
    folder: Annotated[Path, typer.Argument(help="Where to write the schemas.")] = Path("schemas"),
) -> None:
    """Write JSON Schemas for catalog.yaml, artist.yaml, layouts and presses, for editor completion and checks."""
    from ..authoring.editor_schema import write_schemas

    try:
        written = write_schemas(folder)
    except OSError as exc:
        fail(CatalogError(Problem(f"cannot write the schemas to {folder}: {exc.strerror or exc}")), folder)
    for path in written:
        out.print(shown_path(path.resolve()), soft_wrap=True, highlight=False)
