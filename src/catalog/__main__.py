"""`python -m catalog` runs the command line."""

from .cli import main

main()
