"""Scale-out on Dask: a real local cluster (scheduler + 2 worker processes on loopback) gives a
store equal to a local ingest's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from store_corpus import records, write_jsonl, write_txt_folder

distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed "
                                  "(it comes with 'make install': the test extra)")

from dateline.cli import main  # noqa: E402
from dateline.model import ManifestRow, RawInput  # noqa: E402
from dateline.pipeline import process_document  # noqa: E402
from dateline.runtime.dask import ENV, iter_processed, scheduler_address  # noqa: E402
from dateline.store import Store  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "corpus"


@pytest.fixture(scope="module")
def cluster():
    c = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                 host="127.0.0.1", dashboard_address=None)
    try:
        yield c
    finally:
        c.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("dask") / "corpus"
    shutil.copytree(EXAMPLES, root / "examples")
    write_txt_folder(root / "txt", records(40, seed=21))
    path = write_jsonl(root / "feed.jsonl", records(60, seed=22, first=500))
    with path.open("a") as fh:
        fh.write("{broken\n")
    return root


def _dump(st: Store):
    docs = sorted(st.load_documents(), key=lambda d: d.id)
    hashes = st.conn.execute("SELECT id, content_hash, source_key FROM documents ORDER BY id").fetchall()
    return docs, st.load_rows(), hashes


def test_ingest_on_a_dask_cluster_equals_a_local_ingest(cluster, corpus, tmp_path):
    with Store.open(tmp_path / "local.db") as st:
        local = st.ingest([str(corpus)], jobs=1)
        want = _dump(st)
    with Store.open(tmp_path / "dask.db") as st:
        remote = st.ingest([str(corpus)], scheduler=cluster.scheduler_address, batch_docs=16)
        got = _dump(st)
        assert st.check() == []
        again = st.ingest([str(corpus)], scheduler=cluster.scheduler_address)
    assert (remote.new, remote.failed) == (local.new, local.failed) == (104, 1)
    assert got == want
    assert (again.new, again.changed, again.unchanged, again.processed) == (0, 0, 104, 0)


def test_cli_takes_the_scheduler_from_the_environment(cluster, corpus, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(ENV, cluster.scheduler_address)
    assert scheduler_address(None) == cluster.scheduler_address
    assert scheduler_address("tcp://other:1") == "tcp://other:1"
    db = tmp_path / "env.db"
    assert main(["ingest", str(corpus / "txt"), "--store", str(db)]) == 0
    out = capsys.readouterr().out
    assert "40 new" in out and f"on {cluster.scheduler_address}" in out
    # the timeline from that store equals the one from the files
    opts = ["--title", "T", "-q", "--no-digest"]
    assert main(["build", "--store", str(db), *opts, "-o", str(tmp_path / "s")]) == 0
    assert main(["build", str(corpus / "txt"), *opts, "-o", str(tmp_path / "f"), "-j", "1"]) == 0
    for name in ("timeline.json", "documents.jsonl"):
        assert (tmp_path / "s" / name).read_bytes() == (tmp_path / "f" / name).read_bytes()


def test_results_come_back_in_input_order_with_rows_passed_through(cluster):
    client = distributed.Client(cluster.scheduler_address, set_as_default=False)
    try:
        items = []
        for i, r in enumerate(records(30, seed=5)):
            items.append(RawInput(id=r["id"], path=f"f.jsonl:{i + 1}", kind="text", raw=r["text"],
                                  published_field=r.get("published")))
            if i % 7 == 3:
                items.append(ManifestRow(id=f"bad{i}", path=f"bad{i}", status="failed", reason="x"))
        out = list(iter_processed(iter(items), client=client, chunk=3, window=2))
        assert [o.id for o in out] == [i.id for i in items]
        assert out[0] == process_document(items[0])
    finally:
        client.close()


def test_unreachable_scheduler_is_a_clear_error():
    from dateline.runtime.dask import DaskUnavailable, connect

    with pytest.raises(DaskUnavailable, match="cannot reach the Dask scheduler"):
        connect("tcp://127.0.0.1:9", timeout="1s")


def test_a_cluster_that_loses_its_workers_fails_within_the_wait(monkeypatch):
    """Workers gone mid-run: the tasks in flight would wait forever for a new worker; after
    DATELINE_DASK_WAIT seconds with no worker the run ends with one ClusterLost."""
    import time

    from dateline.errors import ClusterLost, DatelineError

    monkeypatch.setenv("DATELINE_DASK_WAIT", "2")
    raws = [RawInput(id=f"d{i}", path=f"d{i}.txt", kind="text",
                     raw=f"Talks resumed on 1{i % 9} May 2021 in Geneva, officials said.",
                     published_field="2021-05-20") for i in range(400)]
    with distributed.LocalCluster(n_workers=1, processes=True, threads_per_worker=1,
                                  host="127.0.0.1", dashboard_address=None) as cl, \
            distributed.Client(cl, set_as_default=False) as client:
        it = iter_processed(iter(raws), client=client, chunk=4, window=100)
        first = next(it)
        assert first.id == "d0"
        cl.scale(0)
        t0 = time.monotonic()
        with pytest.raises(ClusterLost, match="no workers for 2 s") as info:
            for _ in it:
                pass
        assert time.monotonic() - t0 < 30
        assert isinstance(info.value, DatelineError) and info.value.exit_code == 1
        assert "rerun" in str(info.value)
