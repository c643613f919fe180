"""The per-document stages in worker processes: same results as in-process, in input order,
streaming with a bounded number of inputs in flight, and a crashing or failing document costs
only itself."""

from __future__ import annotations

import os

import pytest

from dateline import pipeline
from dateline.model import Document, ManifestRow, RawInput
from dateline.runtime.progress import Reporter

N = pipeline.INLINE_BELOW + 60


def raws(n: int = N) -> list[RawInput | ManifestRow]:
    items: list[RawInput | ManifestRow] = []
    for i in range(n):
        if i % 11 == 5:
            items.append(ManifestRow(id=f"r{i:03d}", path=f"r{i:03d}.png", status="skipped",
                                     reason="unsupported file type .png"))
            continue
        items.append(RawInput(id=f"d{i:03d}", path=f"d{i:03d}.txt", kind="text",
                              raw=f"Story {i}\n2021-03-{i % 28 + 1:02d}\n\nThe council met on "
                                  f"{i % 28 + 1} March 2021 about item {i}, officials said. The "
                                  f"vote is due next week."))
    return items


def run(items, jobs: int) -> list[Document | ManifestRow]:
    return list(pipeline._iter_processed(iter(items), jobs, Reporter(enabled=False)))


def test_workers_give_the_in_process_results_in_order():
    items = raws()
    inline = run(items, 1)
    parallel = run(items, 2)
    assert [r.id for r in parallel] == [i.id for i in items]
    assert parallel == inline


def test_inputs_are_streamed_with_a_bounded_window():
    pulled = 0
    first_result_after = None

    def source():
        nonlocal pulled
        for item in raws(600):
            pulled += 1
            yield item

    for n, _result in enumerate(pipeline._iter_processed(source(), 2, Reporter(enabled=False))):
        if n == 0:
            first_result_after = pulled
    window = 2 * pipeline.CHUNKS_PER_WORKER * pipeline.CHUNK_DOCS
    assert first_result_after is not None and first_result_after <= window + pipeline.CHUNK_DOCS
    assert pulled == 600


def _crash_or_fail(raw: RawInput) -> Document:
    if "item 17," in raw.raw:
        os._exit(3)  # a worker dies (out of memory, a segfault in a C extension)
    if "item 23," in raw.raw:
        raise RuntimeError("stage bug")
    return _REAL(raw)


_REAL = pipeline.process_document


@pytest.mark.skipif(os.name != "posix", reason="workers inherit the patch through fork")
def test_a_crashing_document_costs_only_itself(monkeypatch):
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("needs the fork start method")
    items = raws()
    expected = run(items, 1)
    monkeypatch.setattr(pipeline, "process_document", _crash_or_fail)
    got = run(items, 2)
    assert [r.id for r in got] == [i.id for i in items]
    by_id = {r.id: r for r in got}
    crashed, failed = by_id["d017"], by_id["d023"]
    assert isinstance(crashed, ManifestRow) and crashed.status == "failed"
    assert "worker process crashed" in crashed.reason
    assert isinstance(failed, ManifestRow) and failed.status == "failed"
    assert failed.reason == "processing failed: RuntimeError: stage bug"
    for want, have in zip(expected, got, strict=True):
        if want.id not in ("d017", "d023"):
            assert have == want


def test_a_failing_document_in_process(monkeypatch):
    monkeypatch.setattr(pipeline, "process_document", _crash_or_fail)
    items = [i for i in raws(30) if "item 17," not in getattr(i, "raw", "")]
    got = run(items, 1)
    assert [r.id for r in got] == [i.id for i in items]
    assert next(r for r in got if r.id == "d023").reason == "processing failed: RuntimeError: stage bug"


def test_long_text_is_cut_with_a_warning():
    body = "The council met on 3 March 2021 about the budget, officials said. " * 8000
    doc = pipeline.process_document(RawInput(id="long", path="long.txt", kind="text", raw=body))
    assert doc.status == "used"
    assert len(doc.text) <= pipeline.MAX_TEXT_CHARS and doc.text.endswith("said.")
    assert any(w.startswith("article text cut to its first") for w in doc.warnings)
