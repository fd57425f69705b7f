"""The `catalog` command: a thin shell over the library that maps errors to exit codes."""
