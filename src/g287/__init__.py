"""g287: an open registry and administration system for the U.S. 287(g) program."""

__version__ = "0.1.0"
