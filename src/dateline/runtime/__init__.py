"""Where the per-document stage runs: one executor interface, two executors.

An executor takes the inputs (``RawInput``, ``PendingFile`` or ``ManifestRow``, in order) and
yields one result per input (``Document`` or ``ManifestRow``) in input order, streaming, with
``reporter.advance("process")`` per result; an input that cannot be processed becomes a
``failed`` row, it never stops the run.

* :mod:`dateline.runtime.local`: the local process pool (chunks, a bounded window of tasks in
  flight, a chunk redone one document per task when a worker dies, results pickled once per
  chunk); :func:`dateline.pipeline.iter_processed` runs the per-document stage with it.
* :mod:`dateline.runtime.dask`: a Dask distributed cluster (``dateline ingest --scheduler``),
  :func:`dateline.runtime.dask.iter_processed`.
* :mod:`dateline.runtime.progress`: the progress reporter both use.

This package imports neither executor: the local one sits below the pipeline (which uses it),
the Dask one above it (it ships the pipeline's per-document function to the workers).
"""
