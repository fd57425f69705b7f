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
        out.print(f"  fill in the fields marked {UNFILLED}; catalog check lists those left, and catalog import "
                  "fills them from a spreadsheet", soft_wrap=True)
    if made.dated:
        out.print(f"  the photos' own dates (EXIF) are offered as '# year:' in {made.dated} work(s): a scan's date is "
                  "the scan's, so remove the # only where it is the work's", soft_wrap=True)
    else:
        out.print("  put the photos in its images/ folder and list them under 'works:'", soft_wrap=True)


def import_command(
    table: Annotated[Path, typer.Argument(help="A CSV file saved from the spreadsheet, one work a row: a museum's "
                                          "export (the Whitney, MoMA, the Met, Tate) or a gallery's inventory.")],
    artist: Annotated[str, typer.Option("--artist", "-a", help="The artist's folder name (slug), or the name in "
                                        "their artist.yaml; when the file has an artist column, only the rows "
                                        "naming them are imported.")],
    update: Annotated[bool, typer.Option("--update", help="Also refresh works already filled in, in the fields "
                                         "the sheet gives; comments and other edits stay.")] = False,
    every_row: Annotated[bool, typer.Option("--every-row", help="Import every row, whatever the file's artist "
                                            "column says.")] = False,
    project: IN_PROJECT = Path("."),
) -> None:
    """Works from a spreadsheet's CSV into an artist's artist.yaml: rows matching works `new artist --images` drafted
    (by image, accession number or title) fill them in, the others are added; every row or value not used is listed.
    Exit status 0: all used; 3: imported, but rows or values were skipped (listed); 2: nothing imported."""
    from ..authoring.importcsv import import_works

    try:
        result = import_works(table, project, artist, update=update, every_row=every_row)
    except CatalogError as exc:
        fail(exc, project)
    name = escape(shown_path(table))
    if result.unused_columns:
        err.print(f"[dim]note:[/] {name}: not imported: column " + escape("; ".join(result.unused_columns)),
                  soft_wrap=True, markup=True)
    for cleaned in result.cleaned:
        err.print(f"[dim]note:[/] {name}: row {cleaned.row}: {escape(cleaned.detail)}", soft_wrap=True, markup=True)
    if result.imageless:
        err.print(f"[dim]note:[/] {name}: no photo found for row(s) {_numbers(result.imageless)} (by the image "
                  "column, accession number or title): listed in the list of works without a plate; put the photo "
                  "in the artist's images/ folder named by its accession number, and import again",
                  soft_wrap=True, markup=True)
    for value in result.left_out:
        err.print(f"[yellow]warning:[/] {name}: row {value.row}: {escape(value.reason)}", soft_wrap=True, markup=True)
    for row in result.skipped:
        err.print(f"[yellow]warning:[/] {name}: row {row.row} skipped: {escape(row.reason)}",
                  soft_wrap=True, markup=True)
    for change in result.changed:
        out.print(f"  row {change.row}: {'filled in' if change.filled else 'updated'} {change.work}: "
                  + ", ".join(change.fields), soft_wrap=True)
    filled = sum(1 for change in result.changed if change.filled)
    parts = [f"added {len(result.added)} work(s)"] + ([f"filled in {filled}"] if filled else []) + (
        [f"updated {len(result.changed) - filled}"] if len(result.changed) > filled else [])
    out.print(f"{', '.join(parts).capitalize()} {'to' if len(parts) == 1 else 'in'} {shown_path(result.artist_file)}"
              + (f"; {result.other_artists} row(s) for other artists left out" if result.other_artists else "")
              + (f"; {len(result.skipped)} row(s) skipped" if result.skipped else ""), soft_wrap=True)
    if result.unchanged:
        out.print(f"  {result.unchanged} row(s) match works that already say what the sheet says", soft_wrap=True)
    if result.kept:
        out.print(f"  {result.kept} row(s) match works already filled in: left as they are (--update refreshes "
                  "them from the sheet)", soft_wrap=True)
    used = result.added or result.changed or result.unchanged or result.kept
    if not used:
        raise typer.Exit(ExitCode.INPUT)  # nothing usable in the table: nothing written
    if not result.complete:
        raise typer.Exit(ExitCode.PREFLIGHT_FAILED)  # as build: done, and the input's problems listed


def _numbers(rows: tuple[int, ...]) -> str:
    return ", ".join(str(row) for row in rows[:20]) + (f" and {len(rows) - 20} more" if len(rows) > 20 else "")


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
