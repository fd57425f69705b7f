"""The `catalog` command run in-process, as the tests call it."""

from __future__ import annotations

from typer.testing import CliRunner

from catalog.cli.app import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    """The exit status and everything printed (stdout, then stderr); an exception other than the
    command's own exit fails the test with that output."""
    result = runner.invoke(app, list(args))
    output = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    return result.exit_code, output
