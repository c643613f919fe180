"""The version of dateline (one place; the package re-exports it)."""

__version__ = "0.1.0"
