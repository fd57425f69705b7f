"""`catalog proof` and `catalog watch`: the built catalog shown for review, and rebuilt as it is edited."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from ..builder import BuildOptions, build
from ..errors import CatalogError, Problem
from .options import BINDING, CACHE, DEFAULTS, JOBS, LAYOUT, OUT, PRESS, PROJECT
from .report import STYLE, counts, err, fail, out, print_errors, print_findings, require_folder, shown_path


def proof_command(
    project: PROJECT = Path("."),
    layout: LAYOUT = DEFAULTS.layout,
    press: PRESS = DEFAULTS.press,
    output: OUT = DEFAULTS.out,
    cache: CACHE = DEFAULTS.cache,
    jobs: JOBS = DEFAULTS.jobs,
    large: Annotated[bool, typer.Option("--large/--no-large", help="Also a large PNG of every page.")] = True,
    binding: BINDING = None,
) -> None:
    """Build, then write a proof to look at: page thumbnails in spreads with the preflight findings
    marked, index.html, and a caption checklist for the artists (build/proof/)."""
    from ..review.proof import proof

    options = BuildOptions(layout=layout, press=press, out=output, cache=cache, jobs=jobs,
                           binding=binding.value if binding else None)
    try:
        with err.status("Building the catalog"):
            result = build(project, options)
        with err.status("Rendering the proof"):
            made = proof(project, options, result, large=large)
    except CatalogError as exc:
        fail(exc, project)
    print_findings(result.findings, quiet=True)
    out.print(f"Proof of {made.pages} pages ({made.marked} with findings: {counts(result.findings)})",
              soft_wrap=True)
    out.print(f"  {shown_path(made.index)}", soft_wrap=True)
    out.print(f"  {shown_path(made.captions)}  (and captions.csv): for the artists to sign", soft_wrap=True)


def watch_command(
    project: PROJECT = Path("."),
    layout: LAYOUT = DEFAULTS.layout,
    press: PRESS = DEFAULTS.press,
    output: OUT = DEFAULTS.out,
    jobs: JOBS = DEFAULTS.jobs,
    with_proof: Annotated[bool, typer.Option("--proof", help="Also write the proof after each build.")] = False,
    binding: BINDING = None,
) -> None:
    """Build, then build again whenever content, an image, a layout, a press or a font changes; print
    what changed in the preflight. Ctrl-C stops."""
    from ..review.watch import changes, rebuild_on, unexpected

    require_folder(project)
    options = BuildOptions(layout=layout, press=press, out=output, jobs=jobs,
                           binding=binding.value if binding else None)
    base = project.resolve()
    own: set[Path] = set()  # what the builds and proofs write: never a reason to build again
    try:
        for done in rebuild_on(changes(base, own=own), base, options, own=own):
            if done.changed:
                shown = ", ".join(shown_path(path) for path in done.changed[:4])
                more = f" and {len(done.changed) - 4} more" if len(done.changed) > 4 else ""
                out.print(f"\nChanged: {shown}{more}", soft_wrap=True)
            if done.error is not None:
                print_errors(done.error.problems)
                out.print(f"Build stopped after {done.seconds:.1f} s; watching for the fix.", soft_wrap=True)
                continue
            result = done.result
            assert result is not None
            if not done.changed:
                print_findings(result.findings, quiet=True)
            else:
                for problem in done.new:
                    err.print(f"[bold]new[/] {STYLE[problem.severity]} {escape(problem.format())}", markup=True,
                              soft_wrap=True)
                for problem in done.resolved:
                    err.print(f"[green]resolved[/] {escape(problem.format())}", markup=True, soft_wrap=True)
                if not done.new and not done.resolved:
                    out.print("Preflight unchanged.")
            out.print(f"Built {result.pages} pages in {done.seconds:.1f} s ({result.images.describe()}): "
                      f"{counts(result.findings)}; {shown_path(result.pdf)}", soft_wrap=True)
            if with_proof:
                from ..review.proof import proof

                own.add(result.pdf.with_name(f"{result.pdf.stem}-proof").resolve())  # before it is written
                try:
                    made = proof(base, options, result)
                    own.add(made.index.parent.resolve())
                    out.print(f"  proof: {shown_path(made.index)}", soft_wrap=True)
                except Exception as exc:  # the proof's trouble is reported; watching goes on
                    failed = exc if isinstance(exc, CatalogError) else unexpected(exc)
                    print_errors(failed.problems)
            out.print(f"Watching {shown_path(base)} for changes; Ctrl-C stops.", soft_wrap=True)
    except KeyboardInterrupt:
        out.print("\nStopped watching.")
    except OSError as exc:  # the file-system watcher itself (e.g. the system's limit of watched folders)
        fail(CatalogError(Problem(f"cannot watch {base}: {exc.strerror or exc}",
                                  hint="on Linux, raise fs.inotify.max_user_watches")), project)
