"""catalog: print-ready exhibition catalogs and zines from YAML, images and reusable layouts."""

__version__ = "0.1.0"
