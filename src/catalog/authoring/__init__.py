"""Tools that write a project's files for its authors: init, new artist, import from a spreadsheet, editor schemas."""
