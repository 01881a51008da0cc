"""The reader: a thin Textual view over the core. Panes read the shared `Dataset`, post messages up to
the App and take calls down from it."""
