"""`python -m catalog` runs the command line."""

from .cli.app import main

main()
