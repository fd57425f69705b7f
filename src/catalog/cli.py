"""The command line: a thin shell over build(); the only module that knows about typer."""

from __future__ import annotations

import json
import os
import signal
import sys
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
from .errors import CatalogError, Problem, shown
from .units import mm

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Build print-ready exhibition catalogs and zines from YAML, images and layouts.")
# Markup off: paths and titles are printed as they are ("Catalog [draft]", a folder named "[/x]");
# the few styled lines ask for markup and escape what they interpolate.
err = Console(stderr=True, highlight=False, markup=False, emoji=False)
out = Console(highlight=False, markup=False, emoji=False)


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
        with Progress(TextColumn("{task.description}", markup=False), BarColumn(),
                      TextColumn("{task.completed}/{task.total}"),
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
new_app = typer.Typer(no_args_is_help=True, help="Start new content from commented templates.")
app.add_typer(new_app, name="new")
IN_PROJECT = Annotated[Path, typer.Option("--project", "-C", help="The catalog project folder.",
                                          show_default="current folder")]


@app.command("init")
def init_command(
    folder: Annotated[Path, typer.Argument(help="Where to start the project.", show_default="current folder")]
    = Path("."),
    title: Annotated[str, typer.Option("--title", help="The catalog's title.")] = "My Exhibition",
) -> None:
    """Start a catalog project: catalog.yaml, a sample artist and a README, every setting explained."""
    from .scaffold import init_project

    try:
        written = init_project(folder, title)
    except CatalogError as exc:
        _fail(exc, folder)
    out.print(f"Started a catalog project in {_shown(folder.resolve())} ({len(written)} files).", soft_wrap=True)
    shown = "" if folder.resolve() == Path.cwd() else f" {_shown(folder.resolve())}"
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
    from .scaffold import UNFILLED, new_artist

    try:
        made = new_artist(project, name, images)
    except CatalogError as exc:
        _fail(exc, project)
    _print_findings(made.skipped, quiet=False)
    out.print(f"Added {made.slug}: {_shown(made.folder / 'artist.yaml')}"
              + (f" with {made.works} work(s)" if made.works else ""), soft_wrap=True)
    if made.catalog_changed:
        out.print(f"  listed under 'artists:' in {_shown(project.resolve() / 'catalog.yaml')}", soft_wrap=True)
    if made.works:
        out.print(f"  fill in the fields marked {UNFILLED}; catalog check lists those left", soft_wrap=True)
    else:
        out.print("  put the photos in its images/ folder and list them under 'works:'", soft_wrap=True)


@app.command("import")
def import_command(
    table: Annotated[Path, typer.Argument(help="A CSV file saved from the spreadsheet, one work a row.")],
    artist: Annotated[str, typer.Option("--artist", "-a", help="The artist's folder name (slug).")],
    project: IN_PROJECT = Path("."),
) -> None:
    """Add works from a spreadsheet's CSV to an artist's artist.yaml; rows that cannot be used are listed."""
    from .importcsv import import_works

    try:
        result = import_works(table, project, artist)
    except CatalogError as exc:
        _fail(exc, project)
    for column in result.unused_columns:
        err.print(f"[dim]note:[/] {escape(_shown(table))}: column {escape(column)}, not imported", soft_wrap=True,
                  markup=True)
    for cleaned in result.cleaned:
        err.print(f"[dim]note:[/] {escape(_shown(table))}: row {cleaned.row}: {escape(cleaned.detail)}",
                  soft_wrap=True, markup=True)
    for row in result.skipped:
        err.print(f"[yellow]warning:[/] {escape(_shown(table))}: row {row.row} skipped: {escape(row.reason)}",
                  soft_wrap=True, markup=True)
    out.print(f"Added {len(result.added)} work(s) to {_shown(result.artist_file)}"
              + (f"; {len(result.skipped)} row(s) skipped" if result.skipped else ""), soft_wrap=True)
    if not result.added:
        raise typer.Exit(CatalogError.exit_code)
# --- end authoring ---

# --- layouts and schemas ---
class _LayoutsGroup(typer.core.TyperGroup):
    """`catalog layouts [PROJECT]` and `catalog layouts show NAME [PROJECT]`: click would take 'show' for the
    optional PROJECT folder, so a first word naming a subcommand is the subcommand."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        if args and args[0] in self.commands:
            args = [".", *args]
        return super().parse_args(ctx, args)


layouts_app = typer.Typer(cls=_LayoutsGroup, invoke_without_command=True,
                          help="List the layouts a build can use, built in or the project's, with trim size and "
                          "pages for the current content; 'show NAME' prints one after inheritance.")
app.add_typer(layouts_app, name="layouts")


@layouts_app.callback()
def layouts_list(ctx: typer.Context, project: PROJECT = Path(".")) -> None:
    """List built-in and project layouts: trim size, pages for the current content, description."""
    if ctx.invoked_subcommand:
        return
    from .layouts import layout_sources

    project = project.resolve()
    sources = layout_sources(project)
    rows, content_problem = _layout_rows(project, [source.name for source in sources])
    kinds = {source.name: ("project, overrides built-in" if source.overrides else "project") if source.own
             else "built-in" for source in sources}
    width, kind_width = (max((len(text) for text in texts), default=0) for texts in (kinds, kinds.values()))
    for source in sources:
        trim, pages, description, problem = rows[source.name]
        line = f"{source.name:<{width}}  {kinds[source.name]:<{kind_width}}  {trim:<16}  {pages:<9}  {description}"
        out.print(line.rstrip(), soft_wrap=True, highlight=False)
        if problem:
            more = f" (and {len(problem.problems) - 1} more: catalog check --layout {source.name})" if len(
                problem.problems) > 1 else ""
            out.print(f"{'':<{width}}  cannot lay out: {problem.problems[0].format()}{more}", soft_wrap=True,
                      highlight=False)
    if content_problem:
        err.print(f"[yellow]note:[/] no page counts: {escape(content_problem.format())}", soft_wrap=True, markup=True,
                  highlight=False)


def _layout_rows(project: Path, names: list[str]) -> tuple[dict[str, tuple[str, str, str, CatalogError | None]],
                                                           Problem | None]:
    """(trim, pages, description, problem) per layout: the current content planned in it as `check` does, without
    drawing, with the catalog's press page multiple. A failure stays with its layout instead of ending the list."""
    from .build import press_layout
    from .content import load_project
    from .fonts import register
    from .layouts import load_layout
    from .plan import plan_document
    from .press import DEFAULT_PRESS, load_press
    from .units import to_mm

    catalog, press, content_problem = None, None, None
    try:
        catalog = load_project(project).catalog
    except CatalogError as exc:
        content_problem = exc.problems[0]
    if catalog is not None:
        try:
            press = load_press(catalog.press or DEFAULT_PRESS, project)
        except CatalogError:
            press = None  # then the layout's own page multiple; `catalog check` reports the press
    rows: dict[str, tuple[str, str, str, CatalogError | None]] = {}
    for name in names:
        try:
            spec = load_layout(name, project)
        except CatalogError as exc:
            rows[name] = ("?", "? pages", "", exc)
            continue
        trim = f"{round(to_mm(spec.page.width), 1):g} × {round(to_mm(spec.page.height), 1):g} mm"
        pages, problem = "? pages", None
        if catalog is not None:
            try:
                planned = press_layout(spec, press) if press else spec
                pages = f"{len(plan_document(catalog, planned, register(planned.fonts)).pages)} pages"
            except CatalogError as exc:
                problem = exc  # kept whole: the listing shows the first problem and how many more
        rows[name] = (trim, pages, spec.description, problem)
    return rows, content_problem


@layouts_app.command("show")
def layouts_show(
    name: Annotated[str, typer.Argument(help="The layout's name.")],
    project: PROJECT = Path("."),
) -> None:
    """Print a layout as a build reads it, merged over its `base:` chain, as YAML."""
    import yaml

    from . import named
    from .errors import LayoutError
    from .layouts import available_layouts
    from .model import Origin
    from .resources import builtin_dir

    root = project.resolve()
    layouts = available_layouts(root)
    try:
        path = named.find(name, layouts, "layout", Origin(), LayoutError)
        doc = named.resolve(path, layouts, "layouts", "layout", LayoutError, root)
    except CatalogError as exc:
        _fail(exc, project)
    files = [path]
    while len(files) < 10:  # the chain named.resolve followed (it has refused loops and unknown bases)
        base = (yaml.safe_load(files[-1].read_text(encoding="utf-8")) or {}).get("base")
        if not isinstance(base, str) or base not in layouts:
            break
        builtin = builtin_dir("layouts")
        files.append(layouts[base] if layouts[base] != files[-1] or builtin is None else builtin / f"{base}.yaml")
    shown = ", then ".join(_layout_file(file, root) for file in reversed(files))
    print(f"# layout '{name}' as a build reads it: {shown} over it" if len(files) > 1 else
          f"# layout '{name}' as a build reads it: {shown}")
    print(yaml.safe_dump(doc.data, sort_keys=False, allow_unicode=True, default_flow_style=None, width=110),
          end="")


def _layout_file(path: Path, project: Path) -> str:
    try:
        return str(path.relative_to(project))
    except ValueError:
        return f"(built in)/layouts/{path.name}"


@app.command("schemas")
def schemas_command(
    folder: Annotated[Path, typer.Argument(help="Where to write the schemas.")] = Path("schemas"),
) -> None:
    """Write JSON Schemas for catalog.yaml, artist.yaml, layouts and presses, for editor completion and checks."""
    from .jsonschema import write_schemas

    try:
        written = write_schemas(folder)
    except OSError as exc:
        _fail(CatalogError(Problem(f"cannot write the schemas to {folder}: {exc.strerror or exc}")), folder)
    for path in written:
        out.print(_shown(path.resolve()), soft_wrap=True, highlight=False)
# --- end layouts and schemas ---

# --- proof and watch ---
OUT = Annotated[Path | None, typer.Option("--out", "-o", help="Where to write the PDF.",
                                          show_default="build/<catalog-slug>.pdf")]


@app.command("proof")
def proof_command(
    project: PROJECT = Path("."),
    layout: LAYOUT = None,
    press: PRESS = None,
    output: OUT = None,
    cache: Annotated[bool, typer.Option("--cache/--no-cache", help="Reuse prepared images.")] = True,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Processes preparing images.")] = None,
    large: Annotated[bool, typer.Option("--large/--no-large", help="Also a large PNG of every page.")] = True,
) -> None:
    """Build, then write a proof to look at: page thumbnails in spreads with the preflight findings
    marked, index.html, and a caption checklist for the artists (build/proof/)."""
    from .proof import proof

    options = BuildOptions(layout=layout, press=press, out=output, cache=cache, jobs=jobs)
    try:
        with err.status("Building the catalog"):
            result = build(project, options)
        with err.status("Rendering the proof"):
            made = proof(project, options, result, large=large)
    except CatalogError as exc:
        _fail(exc, project)
    _print_findings(result.findings, quiet=True)
    out.print(f"Proof of {made.pages} pages ({made.marked} with findings: {_counts(result.findings)})",
              soft_wrap=True)
    out.print(f"  {_shown(made.index)}", soft_wrap=True)
    out.print(f"  {_shown(made.captions)}  (and captions.csv): for the artists to sign", soft_wrap=True)


@app.command("watch")
def watch_command(
    project: PROJECT = Path("."),
    layout: LAYOUT = None,
    press: PRESS = None,
    output: OUT = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Processes preparing images.")] = None,
    with_proof: Annotated[bool, typer.Option("--proof", help="Also write the proof after each build.")] = False,
) -> None:
    """Build, then build again whenever content, an image, a layout, a press or a font changes; print
    what changed in the preflight. Ctrl-C stops."""
    from .watch import changes, rebuild_on, unexpected

    _project_folder(project)
    options = BuildOptions(layout=layout, press=press, out=output, jobs=jobs)
    base = project.resolve()
    own: set[Path] = set()  # what the builds and proofs write: never a reason to build again
    try:
        for done in rebuild_on(changes(base, own=own), base, options, own=own):
            if done.changed:
                shown = ", ".join(_shown(path) for path in done.changed[:4])
                more = f" and {len(done.changed) - 4} more" if len(done.changed) > 4 else ""
                out.print(f"\nChanged: {shown}{more}", soft_wrap=True)
            if done.error is not None:
                for problem in done.error.problems:
                    err.print(f"[red]error:[/] {escape(problem.format())}", markup=True, soft_wrap=True)
                out.print(f"Build stopped after {done.seconds:.1f} s; watching for the fix.", soft_wrap=True)
                continue
            result = done.result
            assert result is not None
            if not done.changed:
                _print_findings(result.findings, quiet=True)
            else:
                for problem in done.new:
                    err.print(f"[bold]new[/] {_STYLE[problem.severity]} {escape(problem.format())}", markup=True,
                              soft_wrap=True)
                for problem in done.resolved:
                    err.print(f"[green]resolved[/] {escape(problem.format())}", markup=True, soft_wrap=True)
                if not done.new and not done.resolved:
                    out.print("Preflight unchanged.")
            out.print(f"Built {result.pages} pages in {done.seconds:.1f} s ({result.images.describe()}): "
                      f"{_counts(result.findings)}; {_shown(result.pdf)}", soft_wrap=True)
            if with_proof:
                from .proof import proof

                own.add(result.pdf.with_name(f"{result.pdf.stem}-proof").resolve())  # before it is written
                try:
                    made = proof(base, options, result)
                    own.add(made.index.parent.resolve())
                    out.print(f"  proof: {_shown(made.index)}", soft_wrap=True)
                except Exception as exc:  # the proof's trouble is reported; watching goes on
                    failed = exc if isinstance(exc, CatalogError) else unexpected(exc)
                    for problem in failed.problems:
                        err.print(f"[red]error:[/] {escape(problem.format())}", markup=True, soft_wrap=True)
            out.print(f"Watching {_shown(base)} for changes; Ctrl-C stops.", soft_wrap=True)
    except KeyboardInterrupt:
        out.print("\nStopped watching.")
    except OSError as exc:  # the file-system watcher itself (e.g. the system's limit of watched folders)
        _fail(CatalogError(Problem(f"cannot watch {base}: {exc.strerror or exc}",
                                   hint="on Linux, raise fs.inotify.max_user_watches")), project)
# --- end proof and watch ---


cache_app = typer.Typer(no_args_is_help=True, help="The prepared-image cache (.catalog-cache/ in the project).")
app.add_typer(cache_app, name="cache")


@cache_app.command("info")
def cache_info(project: PROJECT = Path(".")) -> None:
    """How many prepared images the cache holds, and their size."""
    _project_folder(project)
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
    _project_folder(project)
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


def _project_folder(project: Path) -> None:
    """Commands that only read a project refuse a folder that is not there, rather than report on nothing."""
    if not project.is_dir():
        _fail(CatalogError(Problem(f"no such project folder: {project}",
                                   hint="give the folder that holds catalog.yaml")), project)


class Terminated(BaseException):
    """SIGTERM (CI cancelling a job, systemd stopping a service), raised in the main thread so that every
    `finally` runs: workers stopped, temporary files removed, nothing half-written left in place.
    A BaseException, like KeyboardInterrupt: no `except Exception` swallows it."""


TERMINATED = 128 + signal.SIGTERM  # the status a shell reports for a process ended by SIGTERM


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


INTERNAL = 1  # a fault of ours or of the machine, not of the input (that is 2)


def main() -> None:
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        app()
    except Terminated:
        err.print("Stopped (terminated); files from earlier builds were left as they were.", soft_wrap=True)
        sys.exit(TERMINATED)
    except Exception as exc:  # one line, never a traceback; CATALOG_DEBUG=1 shows where it came from
        if os.environ.get("CATALOG_DEBUG"):
            raise
        err.print(f"error: {type(exc).__name__}: {shown(str(exc))}; files from earlier builds were left as they were. "
                  "If the message names nothing of yours, this is a bug in catalog: please report it "
                  "(CATALOG_DEBUG=1 shows the traceback)", soft_wrap=True)
        sys.exit(INTERNAL)
    finally:
        signal.signal(signal.SIGTERM, previous)
