"""The catalog's content: catalog.yaml and the artists' files read into records, their Markdown and typography."""
