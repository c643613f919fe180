"""One exception base for dateline.

Every error dateline raises on purpose derives from :class:`DatelineError`, which carries the
exit code the command line gives it (1: the run failed; 2: the command was used wrongly).  The
CLI prints ``dateline: error: <message>`` and exits with that code, in one place
(:func:`dateline.cli.main`); library callers catch ``DatelineError`` (or a subclass).
"""

from __future__ import annotations


class DatelineError(Exception):
    """Base of every dateline error; ``exit_code`` is what the CLI exits with."""

    exit_code = 1


class UsageError(DatelineError):
    """The command or its options were used wrongly (exit 2)."""

    exit_code = 2


class NoUsableInput(DatelineError):
    """No input yielded a usable article.  ``rows`` are the manifest rows of every input (each
    with its status and reason), so a caller can still write the manifest."""

    def __init__(self, message: str, rows: list | None = None) -> None:
        super().__init__(message)
        self.rows = rows or []


class StoreError(DatelineError):
    """A store file cannot be used (not a store, newer schema, damaged, locked)."""


class StoreUsageError(UsageError, StoreError):
    """A store command was used wrongly (a store that does not exist, a folder): exit 2."""


class TagInputError(UsageError):
    """An input of ``dateline tag`` cannot be read at all (missing file, a folder, no input)."""


class EvalInputError(UsageError, ValueError):
    """A predicted or gold timeline cannot be read."""


class DigestUnavailable(DatelineError, RuntimeError):
    """The spaCy model the digest needs cannot be loaded."""


class DaskUnavailable(DatelineError, RuntimeError):
    """Dask is not installed or its scheduler cannot be reached."""


class ClusterLost(DaskUnavailable):
    """The Dask cluster lost its workers or its scheduler during a run (exit 1); what was
    written stays, and a rerun resumes."""
