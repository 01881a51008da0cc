"""anora-tui: a terminal reader for the making-of article on Sean Baker's film *Anora*."""

__version__ = "0.1.0"
