"""Reading the project's YAML files: values with the lines they came from, schema checks, and `base:` inheritance."""
