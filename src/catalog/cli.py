"""The command line: a thin shell over build(); the only module that knows about typer."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from . import __version__
from .build import BuildOptions, build
from .errors import CatalogError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Build print-ready exhibition catalogs and zines from YAML, images and layouts.")
err = Console(stderr=True, highlight=False)
out = Console(highlight=False)


def _version(value: bool) -> None:
    if value:
        out.print(f"catalog {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """catalog: lay out exhibition catalogs for print."""


@app.command("build")
def build_command(
    project: Annotated[Path, typer.Argument(help="The catalog project folder.", show_default="current folder")]
    = Path("."),
    layout: Annotated[str | None, typer.Option("--layout", "-l", help="Layout name (a file in layouts/).")]
    = None,
    output: Annotated[Path | None, typer.Option("--out", "-o", help="Where to write the PDF.",
                                                show_default="build/<catalog-slug>.pdf")] = None,
    marks: Annotated[bool, typer.Option("--marks", help="Add crop marks outside the bleed.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only warnings and errors.")] = False,
) -> None:
    """Lay out the catalog and write a print-ready PDF."""
    options = BuildOptions(layout=layout, out=output, marks=marks)
    try:
        with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                      TimeElapsedColumn(), console=err, transient=True, disable=quiet) as bar:
            tasks: dict[str, TaskID] = {}

            def progress(step: str, done: int, total: int) -> None:
                if step not in tasks:
                    tasks[step] = bar.add_task(step, total=total or None)
                bar.update(tasks[step], completed=done, total=total or None)

            result = build(project, options, progress)
    except CatalogError as exc:
        _fail(exc, project)
    for warning in result.warnings:
        err.print(f"[yellow]warning:[/] {warning.format()}", markup=True, soft_wrap=True)
    if not quiet:
        size = result.bytes / 1_000_000
        padding = f", {result.padding} blank page(s) added to make a multiple" if result.padding else ""
        out.print(f"Built {result.pages} pages ({result.plates} plates{padding}) with layout "
                  f"'{result.layout}', {len(result.warnings)} warning(s)", soft_wrap=True)
        out.print(f"  {_shown(result.pdf)}  ({size:.1f} MB)", soft_wrap=True)


def _fail(exc: CatalogError, project: Path) -> None:
    noun = "problem" if len(exc.problems) == 1 else "problems"
    for problem in exc.problems:
        err.print(f"[red]error:[/] {problem.format()}", markup=True, soft_wrap=True, highlight=False)
    if len(exc.problems) > 1:
        err.print(f"{len(exc.problems)} {noun}; nothing was written.", soft_wrap=True)
    raise typer.Exit(exc.exit_code)


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def main() -> None:
    app()
