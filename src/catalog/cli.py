"""The command line: a thin shell over build(); the only module that knows about typer."""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from . import __version__
from .build import BuildOptions, build, check
from .cache import FOLDER as CACHE_FOLDER
from .cache import KEEP_DAYS, ImageCache
from .errors import CatalogError, Problem
from .units import mm

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


PROJECT = Annotated[Path, typer.Argument(help="The catalog project folder.", show_default="current folder")]
LAYOUT = Annotated[str | None, typer.Option("--layout", "-l", help="Layout name (a file in layouts/).")]
PRESS = Annotated[str | None, typer.Option("--press", "-p", help="Press profile (a file in presses/): "
                                           "offset, digital, screen, x1a or the project's own.",
                                           show_default="the catalog's 'press', else digital")]


class Imposition(StrEnum):
    saddle = "saddle"
    minizine = "minizine"


IMPOSE = Annotated[Imposition | None, typer.Option(
    "--impose", help="Also write printer sheets: 'saddle' (booklet spreads, two pages per side, for "
    "folding and stapling) or 'minizine' (8 pages on one sheet, cut and folded).")]
SHEET = Annotated[str | None, typer.Option("--sheet", help="The sheet to impose on: A4, A3, SRA3, Letter or "
                                           "'320mm x 450mm'.", show_default="the standard sheet twice the "
                                           "page nearly is; A4 for a mini zine")]
SEVERAL = Annotated[bool, typer.Option("--several", help="A mini zine longer than 8 pages goes on several sheets.")]
STRICT = Annotated[bool, typer.Option("--strict", help="Exit non-zero on preflight warnings too.")]
PREFLIGHT_FAILED = 3


@app.command("build")
def build_command(
    project: PROJECT = Path("."),
    layout: LAYOUT = None,
    press: PRESS = None,
    output: Annotated[Path | None, typer.Option("--out", "-o", help="Where to write the PDF.",
                                                show_default="build/<catalog-slug>.pdf")] = None,
    marks: Annotated[bool | None, typer.Option("--marks/--no-marks", help="Crop marks outside the bleed.",
                                               show_default="as the press profile says")] = None,
    strict: STRICT = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only warnings and errors.")] = False,
    cache: Annotated[bool, typer.Option("--cache/--no-cache", help="Reuse images prepared by earlier builds "
                                        "(kept in .catalog-cache/).")] = True,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Processes preparing images.",
                                             show_default="one per core")] = None,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Prepare images on a Dask cluster at this "
                                                  "address (pip install 'catalog[dask]').")] = None,
    impose: IMPOSE = None,
    sheet: SHEET = None,
    creep: Annotated[float | None, typer.Option("--creep", min=0, max=2, metavar="MM",
                                                help="Paper thickness in mm: inner sheets' pages move toward the "
                                                "spine by this much per sheet.",
                                                show_default="the press profile's paper_thickness")] = None,
    several: SEVERAL = False,
) -> None:
    """Lay out the catalog and write a press-ready PDF, its preflight report and manifest."""
    options = BuildOptions(layout=layout, press=press, out=output, marks=marks, cache=cache, jobs=jobs,
                           scheduler=scheduler, impose=impose.value if impose else None, sheet=sheet,
                           creep=None if creep is None else mm(creep), several=several)
    try:
        with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                      TimeElapsedColumn(), console=err, transient=True, disable=quiet) as bar:
            tasks: dict[str, TaskID] = {}

            def progress(step: str, done: int, total: int, detail: str = "") -> None:
                label = f"{step}: {detail}" if detail else step
                if step not in tasks:
                    tasks[step] = bar.add_task(label, total=total or None)
                bar.update(tasks[step], completed=done, total=total or None, description=label)

            result = build(project, options, progress)
    except CatalogError as exc:
        _fail(exc, project)
    _print_findings(result.findings, quiet)
    if not quiet:
        size = result.bytes / 1_000_000
        out.print(f"Built {result.pages} pages ({result.plates} plates) with layout '{result.layout}' for press "
                  f"'{result.press}': {_counts(result.findings)}", soft_wrap=True)
        out.print(f"  {_shown(result.pdf)}  ({size:.1f} MB)", soft_wrap=True)
        if result.report:
            out.print(f"  {_shown(result.report)}", soft_wrap=True)
        for plate in result.separations:
            out.print(f"  {_shown(plate)}", soft_wrap=True)
        if result.imposed:
            out.print(f"  {_shown(result.imposed)}: {result.imposition}", soft_wrap=True)
        for plate in result.imposed_separations:
            out.print(f"  {_shown(plate)}", soft_wrap=True)
        out.print(f"  images: {result.images.describe()}", soft_wrap=True)
        out.print("  time: " + ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in result.timings)
                  + f"; {sum(seconds for _, seconds in result.timings):.1f} s in all", soft_wrap=True)
    _exit_for(result.findings, strict)


@app.command("check")
def check_command(
    project: PROJECT = Path("."),
    layout: LAYOUT = None,
    press: PRESS = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the findings as JSON.")] = False,
    strict: STRICT = False,
    impose: IMPOSE = None,
    sheet: SHEET = None,
    several: SEVERAL = False,
) -> None:
    """Preflight without drawing: every problem in content, layout, images and press settings."""
    result = check(project, BuildOptions(layout=layout, press=press, impose=impose.value if impose else None,
                                         sheet=sheet, several=several))
    findings = result.findings
    if as_json:
        base = project.resolve()
        counts = {sev: sum(1 for f in findings if f.severity == sev) for sev in ("error", "warning", "info")}
        print(json.dumps({"project": str(base), "counts": counts,
                          "findings": [f.as_dict(base) for f in findings]}, indent=2, ensure_ascii=False))
    else:
        _print_findings(findings, quiet=False)
        out.print(f"Checked: {_counts(findings)}", soft_wrap=True)
    if result.stopped:
        raise typer.Exit(CatalogError.exit_code)
    _exit_for(findings, strict)


# --- authoring: init, new artist, import (scaffold) ---
# --- end authoring ---

# --- layouts and schemas ---
# --- end layouts and schemas ---

# --- proof and watch ---
# --- end proof and watch ---


cache_app = typer.Typer(no_args_is_help=True, help="The prepared-image cache (.catalog-cache/ in the project).")
app.add_typer(cache_app, name="cache")


@cache_app.command("info")
def cache_info(project: PROJECT = Path(".")) -> None:
    """How many prepared images the cache holds, and their size."""
    held = ImageCache(project.resolve() / CACHE_FOLDER).usage()
    out.print(f"{held.entries} prepared image(s), {held.bytes / 1_000_000:.1f} MB in "
              f"{_shown(project.resolve() / CACHE_FOLDER)}", soft_wrap=True)


@cache_app.command("prune")
def cache_prune(
    project: PROJECT = Path("."),
    days: Annotated[float, typer.Option("--days", min=0, help="Keep images used within this many days; "
                                        "0 empties the cache.")] = KEEP_DAYS,
) -> None:
    """Remove prepared images no build has used for a while (builds do this too, after 30 days)."""
    pruned = ImageCache(project.resolve() / CACHE_FOLDER).prune(days)
    out.print(f"Removed {pruned.entries} prepared image(s), {pruned.bytes / 1_000_000:.1f} MB", soft_wrap=True)


_STYLE = {"error": "[red]error:[/]", "warning": "[yellow]warning:[/]", "info": "[dim]note:[/]"}


def _print_findings(findings: Sequence[Problem], quiet: bool) -> None:
    for finding in findings:
        if finding.severity == "info" and quiet:
            continue
        err.print(f"{_STYLE[finding.severity]} {escape(finding.format())}", markup=True, soft_wrap=True,
                  highlight=False)


def _counts(findings: Sequence[Problem]) -> str:
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning")
    return f"{errors} error(s), {warnings} warning(s)"


def _exit_for(findings: Sequence[Problem], strict: bool) -> None:
    """Preflight errors (and warnings under --strict) fail the command, after the report."""
    failing = {"error", "warning"} if strict else {"error"}
    if any(f.severity in failing for f in findings):
        raise typer.Exit(PREFLIGHT_FAILED)


def _fail(exc: CatalogError, project: Path) -> None:
    noun = "problem" if len(exc.problems) == 1 else "problems"
    for problem in exc.problems:
        err.print(f"[red]error:[/] {escape(problem.format())}", markup=True, soft_wrap=True, highlight=False)
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
