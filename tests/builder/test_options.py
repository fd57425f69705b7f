"""One table of build options: BuildOptions and the command line's options are the same rows, so a
flag's help, default and unit cannot drift from the field it sets."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.core import TyperGroup
from typer.testing import CliRunner

from catalog.builder import BuildOptions, check
from catalog.builder.options import OPTIONS, Option
from catalog.cli.app import app
from catalog.cli.options import Imposition
from catalog.prepress import impose as imposing
from catalog.units import mm
from tests.support.projects import artist_data, make_project, write_yaml

runner = CliRunner()


def command_options(name: str) -> dict[str, Any]:
    """The options of `catalog NAME` as click has them, by every flag that sets them."""
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    return {flag: param for param in group.commands[name].params if param.param_type_name == "option"
            for flag in (*param.opts, *param.secondary_opts)}


def first_flag(row: Option) -> str:
    return row.flag.names[0].split("/")[0]


def test_every_build_option_has_one_row() -> None:
    assert list(OPTIONS) == [f.name for f in fields(BuildOptions)]
    for name, row in OPTIONS.items():
        assert row.field == name and row.flag.names and row.flag.help
        assert row.default == getattr(BuildOptions(), name)


def test_every_row_is_a_build_option_with_its_help() -> None:
    options = command_options("build")
    for row in OPTIONS.values():
        param = options[first_flag(row)]
        assert param.help == row.flag.help, row.field
        assert [*param.opts, *param.secondary_opts] == [name for names in row.flag.names for name in names.split("/")]
        assert param.show_default == (row.flag.shown_default or True), row.field
        assert param.default == (row.default.value if isinstance(row.default, Imposition) else row.default)
        if row.flag.unit:
            assert param.metavar == row.flag.unit.upper()
    shown = runner.invoke(app, ["build", "--help"], env={"COLUMNS": "250"}).output
    for row in OPTIONS.values():
        assert f" {first_flag(row)} " in shown, row.field


@pytest.mark.parametrize("command", ["check", "proof", "watch"])
def test_the_other_commands_share_the_rows_they_use(command: str) -> None:
    options = command_options(command)
    shared = [row for row in OPTIONS.values() if first_flag(row) in options]
    assert shared  # layout and press at least
    for row in shared:
        assert options[first_flag(row)].help == row.flag.help, (command, row.field)
        assert options[first_flag(row)].show_default == (row.flag.shown_default or True), (command, row.field)


def test_impose_choices_are_the_methods() -> None:
    assert tuple(method.value for method in Imposition) == imposing.METHODS


def test_creep_in_mm_on_the_command_line_is_the_press_profiles_thickness(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """`--creep 0.1` (mm) reaches the imposition as the thickness of a press profile's `paper_thickness: 0.1mm`."""
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=6)},
                           catalog={"layout": "zine", "press": "digital"})
    write_yaml(project / "presses" / "thin.yaml",
               {"name": "thin", "base": "digital", "imposition": {"paper_thickness": "0.1mm"}})
    thicknesses: list[float] = []
    plan_saddle = imposing.plan_saddle

    def recorded(*args: Any, **kwargs: Any) -> imposing.Imposition:
        thicknesses.append(args[4])  # plan_saddle(pages, trim, bleed, sheet, thickness, marks)
        return plan_saddle(*args, **kwargs)

    monkeypatch.setattr(imposing, "plan_saddle", recorded)
    done = runner.invoke(app, ["build", str(project), "--impose", "saddle", "--creep", "0.1", "--no-cache", "-j", "1",
                               "--quiet"])
    assert done.exit_code == 0, done.output
    check(project, BuildOptions(impose="saddle", press="thin"))
    check(project, BuildOptions(impose="saddle", creep=0.1))
    cli, profile, options = thicknesses
    assert cli == options == mm(0.1)
    assert profile == pytest.approx(cli, abs=1e-12)
