"""The `catalog` command: the typer app with its commands in the order `--help` lists them, and
`main()`, which turns SIGTERM and any unexpected error into one line and an exit status."""

from __future__ import annotations

import os
import signal
import sys
from typing import Annotated

import typer

from .. import __version__
from ..errors import ExitCode, shown
from . import authoring, book, layouts, review
from .cache import cache_app
from .report import err, out

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Build print-ready exhibition catalogs and zines from YAML, images and layouts.")


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


app.command("build")(book.build_command)
app.command("check")(book.check_command)
app.add_typer(authoring.new_app, name="new")
app.command("init")(authoring.init_command)
app.command("import")(authoring.import_command)
app.add_typer(layouts.layouts_app, name="layouts")
app.command("schemas")(authoring.schemas_command)
app.command("proof")(review.proof_command)
app.command("watch")(review.watch_command)
app.add_typer(cache_app, name="cache")


class Terminated(BaseException):
    """SIGTERM (CI cancelling a job, systemd stopping a service), raised in the main thread so that every
    `finally` runs: workers stopped, temporary files removed, nothing half-written left in place.
    A BaseException, like KeyboardInterrupt: no `except Exception` swallows it."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def main() -> None:
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        app()
    except Terminated:
        err.print("Stopped (terminated); files from earlier builds were left as they were.", soft_wrap=True)
        sys.exit(ExitCode.TERMINATED)
    except Exception as exc:  # one line, never a traceback; CATALOG_DEBUG=1 shows where it came from
        if os.environ.get("CATALOG_DEBUG"):
            raise
        err.print(f"error: {type(exc).__name__}: {shown(str(exc))}; files from earlier builds were left as they were. "
                  "If the message names nothing of yours, this is a bug in catalog: please report it "
                  "(CATALOG_DEBUG=1 shows the traceback)", soft_wrap=True)
        sys.exit(ExitCode.INTERNAL)
    finally:
        signal.signal(signal.SIGTERM, previous)
