"""What the commands print (findings, counts, paths) and the status they end with."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import CatalogError, ExitCode, Problem

# Markup off: paths and titles are printed as they are ("Catalog [draft]", a folder named "[/x]");
# the few styled lines ask for markup and escape what they interpolate.
err = Console(stderr=True, highlight=False, markup=False, emoji=False)
out = Console(highlight=False, markup=False, emoji=False)

STYLE = {"error": "[red]error:[/]", "warning": "[yellow]warning:[/]", "info": "[dim]note:[/]"}
"""The label of each severity, as rich markup."""


def print_findings(findings: Sequence[Problem], quiet: bool) -> None:
    for finding in findings:
        if finding.severity == "info" and quiet:
            continue
        err.print(f"{STYLE[finding.severity]} {escape(finding.format())}", markup=True, soft_wrap=True,
                  highlight=False)


def print_errors(problems: Sequence[Problem]) -> None:
    """Problems of a command that stopped, or of a build that stopped while watching goes on."""
    for problem in problems:
        err.print(f"[red]error:[/] {escape(problem.format())}", markup=True, soft_wrap=True)


def counts(findings: Sequence[Problem]) -> str:
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning")
    return f"{errors} error(s), {warnings} warning(s)"


def exit_for(findings: Sequence[Problem], strict: bool) -> None:
    """Preflight errors (and warnings under --strict) fail the command, after the report."""
    failing = {"error", "warning"} if strict else {"error"}
    if any(f.severity in failing for f in findings):
        raise typer.Exit(ExitCode.PREFLIGHT_FAILED)


def fail(exc: CatalogError, project: Path) -> NoReturn:
    """Every problem on its own line, then the error's exit status."""
    noun = "problem" if len(exc.problems) == 1 else "problems"
    print_errors(exc.problems)
    if len(exc.problems) > 1:
        err.print(f"{len(exc.problems)} {noun}; nothing was written.", soft_wrap=True)
    raise typer.Exit(exc.exit_code)


def shown_path(path: Path) -> str:
    """Relative to the current folder when inside it, as a person would type it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def require_folder(project: Path) -> None:
    """Commands that only read a project refuse a folder that is not there, rather than report on nothing."""
    if not project.is_dir():
        fail(CatalogError(Problem(f"no such project folder: {project}",
                                  hint="give the folder that holds catalog.yaml")), project)
