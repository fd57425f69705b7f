"""`catalog layouts`: the layouts a build can use, with pages for the current content; `show NAME`
prints one as a build reads it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from ..builder import BuildOptions, plan_project
from ..errors import CatalogError, Problem
from .options import PROJECT
from .report import err, fail, out


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


@layouts_app.callback()
def layouts_list(ctx: typer.Context, project: PROJECT = Path(".")) -> None:
    """List built-in and project layouts: trim size, pages for the current content, description."""
    if ctx.invoked_subcommand:
        return
    from ..specs.layouts import layout_sources

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
    """(trim, pages, description, problem) per layout: the current content planned in it as a build
    plans it (plan_project), without drawing. A failure stays with its layout instead of ending the
    list; content that cannot be read is one note, and no layout is planned."""
    from ..content.load import load_project
    from ..specs.layouts import load_layout
    from ..units import to_mm

    content_problem = None
    try:
        load_project(project)
    except CatalogError as exc:
        content_problem = exc.problems[0]
    rows: dict[str, tuple[str, str, str, CatalogError | None]] = {}
    for name in names:
        try:
            spec = load_layout(name, project)
        except CatalogError as exc:
            rows[name] = ("?", "? pages", "", exc)
            continue
        trim = f"{round(to_mm(spec.page.width), 1):g} × {round(to_mm(spec.page.height), 1):g} mm"
        pages, problem = "? pages", None
        if content_problem is None:
            try:
                pages = f"{len(plan_project(project, BuildOptions(layout=name)).plan.pages)} pages"
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

    from ..source import named
    from ..specs.layouts import LAYOUTS

    root = project.resolve()
    try:
        resolved = named.read(name, root, LAYOUTS)
    except CatalogError as exc:
        fail(exc, project)
    shown = ", then ".join(_layout_file(file, root) for file in resolved.files)
    print(f"# layout '{name}' as a build reads it: {shown} over it" if len(resolved.files) > 1 else
          f"# layout '{name}' as a build reads it: {shown}")
    print(yaml.safe_dump(resolved.doc.data, sort_keys=False, allow_unicode=True, default_flow_style=None, width=110),
          end="")


def _layout_file(path: Path, project: Path) -> str:
    try:
        return str(path.relative_to(project))
    except ValueError:
        return f"(built in)/layouts/{path.name}"
