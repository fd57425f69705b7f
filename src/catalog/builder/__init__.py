"""One build, from a project folder to the files a printer gets: options, the planned project, outputs, manifest."""

from .options import BuildOptions
from .project import Planned, Setup, plan_project
from .run import BuildResult, CheckResult, build, check

__all__ = ["BuildOptions", "BuildResult", "CheckResult", "Planned", "Setup", "build", "check", "plan_project"]
