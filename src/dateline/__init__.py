"""dateline: turn a pile of raw news articles about one story into a dated, sourced timeline."""

from dateline import render as _render  # noqa: F401 - registers the Timeline output methods
from dateline.model import Config, Document, Timeline, TimelineEntry
from dateline.version import __version__

__all__ = ["Config", "Document", "Timeline", "TimelineEntry", "build_timeline", "__version__"]


def build_timeline(paths, **options) -> Timeline:  # noqa: ANN001 - documented in pipeline
    """Build a timeline from files/folders; see :func:`dateline.pipeline.build_timeline`."""
    from dateline.pipeline import build_timeline as _build

    return _build(paths, **options)
