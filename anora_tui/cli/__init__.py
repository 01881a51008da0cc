"""The `anora-tui` command line: the reader (default), `check` and `quotes`."""
