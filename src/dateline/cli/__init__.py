"""The command line: one module per command over the Python API.

``main`` (:mod:`dateline.cli.main`) parses the arguments, runs the command and turns every
:class:`~dateline.errors.DatelineError` into one line on stderr and its exit code.  The core
never imports this package.
"""

from dateline.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
