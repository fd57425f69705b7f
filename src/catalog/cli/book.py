"""`catalog build` and `catalog check`: the catalog laid out and written, or only checked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from ..builder import BuildOptions, build, check
from ..errors import CatalogError, ExitCode
from .options import (
    BINDING,
    CACHE,
    CREEP,
    DEFAULTS,
    IMPOSE,
    JOBS,
    LAYOUT,
    MARKS,
    OUT,
    PRESS,
    PRICE_LIST,
    PROJECT,
    SCHEDULER,
    SEVERAL,
    SHEET,
    STRICT,
)
from .report import counts, err, exit_for, fail, out, print_findings, shown_path


def build_command(
    project: PROJECT = Path("."),
    layout: LAYOUT = DEFAULTS.layout,
    press: PRESS = DEFAULTS.press,
    output: OUT = DEFAULTS.out,
    marks: MARKS = DEFAULTS.marks,
    strict: STRICT = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only warnings and errors.")] = False,
    cache: CACHE = DEFAULTS.cache,
    jobs: JOBS = DEFAULTS.jobs,
    scheduler: SCHEDULER = DEFAULTS.scheduler,
    impose: IMPOSE = None,
    sheet: SHEET = DEFAULTS.sheet,
    creep: CREEP = DEFAULTS.creep,
    several: SEVERAL = DEFAULTS.several,
    binding: BINDING = None,
    price_list: PRICE_LIST = DEFAULTS.price_list,
) -> None:
    """Lay out the catalog and write a press-ready PDF, its preflight report and manifest."""
    options = BuildOptions(layout=layout, press=press, out=output, marks=marks, cache=cache, jobs=jobs,
                           scheduler=scheduler, impose=impose.value if impose else None, sheet=sheet,
                           creep=creep, several=several, binding=binding.value if binding else None,
                           price_list=price_list)
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
        fail(exc, project)
    print_findings(result.findings, quiet)
    if not quiet:
        size = result.bytes / 1_000_000
        out.print(f"Built {result.pages} pages ({result.plates} plates) with layout '{result.layout}' for press "
                  f"'{result.press}': {counts(result.findings)}", soft_wrap=True)
        out.print(f"  {shown_path(result.pdf)}  ({size:.1f} MB)", soft_wrap=True)
        if result.cover:
            out.print(f"  {shown_path(result.cover)}  (the cover sheet, binding '{result.binding}')", soft_wrap=True)
        if result.prices:
            out.print(f"  {shown_path(result.prices)}  (the price list: not for the printer)", soft_wrap=True)
        if result.report:
            out.print(f"  {shown_path(result.report)}", soft_wrap=True)
        for plate in result.separations:
            out.print(f"  {shown_path(plate)}", soft_wrap=True)
        if result.imposed:
            out.print(f"  {shown_path(result.imposed)}: {result.imposition}", soft_wrap=True)
        for plate in result.imposed_separations:
            out.print(f"  {shown_path(plate)}", soft_wrap=True)
        out.print(f"  images: {result.images.describe()}", soft_wrap=True)
        out.print("  time: " + ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in result.timings)
                  + f"; {sum(seconds for _, seconds in result.timings):.1f} s in all", soft_wrap=True)
    exit_for(result.findings, strict)


def check_command(
    project: PROJECT = Path("."),
    layout: LAYOUT = DEFAULTS.layout,
    press: PRESS = DEFAULTS.press,
    as_json: Annotated[bool, typer.Option("--json", help="Print the findings as JSON.")] = False,
    strict: STRICT = False,
    impose: IMPOSE = None,
    sheet: SHEET = DEFAULTS.sheet,
    several: SEVERAL = DEFAULTS.several,
    binding: BINDING = None,
) -> None:
    """Preflight without drawing: every problem in content, layout, images and press settings."""
    result = check(project, BuildOptions(layout=layout, press=press, impose=impose.value if impose else None,
                                         sheet=sheet, several=several,
                                         binding=binding.value if binding else None))
    findings = result.findings
    if as_json:
        base = project.resolve()
        tally = {sev: sum(1 for f in findings if f.severity == sev) for sev in ("error", "warning", "info")}
        print(json.dumps({"project": str(base), "counts": tally,
                          "findings": [f.as_dict(base) for f in findings]}, indent=2, ensure_ascii=False))
    else:
        print_findings(findings, quiet=False)
        out.print(f"Checked: {counts(findings)}", soft_wrap=True)
    if result.stopped:
        raise typer.Exit(ExitCode.INPUT)  # it stopped on a problem with the input
    exit_for(findings, strict)
