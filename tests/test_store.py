"""The article store: round trip, incremental ingest, search, store-vs-files equality,
migrations, WAL readers during a write, and crash safety (SIGKILL during an ingest)."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from outputs import output_text
from store_corpus import records, write_jsonl, write_txt_folder

from dateline.cli import main
from dateline.model import Config, Document, ManifestRow, RawInput, Sentence, TimeMention
from dateline.pipeline import process_document, process_inputs
from dateline.store import (
    SCHEMA_VERSION,
    Store,
    StoreError,
    content_hash,
    fts_query,
    mentions_to_json,
    migrate,
    parse_query,
    schema_version,
    source_key,
    story_filter,
)

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples" / "corpus"
D = dt.date


def _corpus(root: Path, n: int = 40, seed: int = 7) -> Path:
    """A folder: the example corpus, generated .txt articles, a JSONL file with a bad line."""
    folder = root / "corpus"
    shutil.copytree(EXAMPLES, folder / "examples")
    write_txt_folder(folder / "txt", records(n // 2, seed=seed))
    recs = records(n - n // 2, seed=seed + 1, first=1000)
    path = write_jsonl(folder / "feed.jsonl", recs)
    with path.open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
        fh.write(json.dumps({"id": "empty", "text": "   "}) + "\n")
    (folder / "picture.jpg").write_bytes(b"\xff\xd8\xff\xe0 binary")
    return folder


def _ingest(store: Path, *paths, extra=()) -> int:
    return main(["ingest", *map(str, paths), "--store", str(store), "-q", "-j", "1", *extra])


def _sorted_docs(docs):
    return sorted(docs, key=lambda d: d.id)


# --------------------------------------------------------------------------------------------
# round trip
# --------------------------------------------------------------------------------------------


def test_round_trip_is_exact(tmp_path):
    raws = [RawInput(id=r["id"], path=f"feed.jsonl:{i + 1}", kind="text", raw=r["text"],
                     title=r["title"], published_field=r.get("published"))
            for i, r in enumerate(records(12))]
    docs = [process_document(r) for r in raws]
    # the unusual cases: mention text that is not the slice, warnings, no date, unicode, skipped
    odd = Document(
        id="odd/ünï", path="odd/ünï.html", text="Zürich — 5 März.\n\nSecond ¶ here.",
        title=None, url="http://x.test/a?b=1", source="Le Monde", published=None,
        date_source=None, date_confidence=0.1234567890123, date_evidence=None,
        sentences=[Sentence("odd/ünï", 0, "Zürich — 5 März.",
                            [TimeMention(9, 15, "5 March", "2021-03-05", D(2021, 3, 5), "day")]),
                   Sentence("odd/ünï", 1, "Second ¶ here.", [])],
        warnings=["could not read published field 'soon'", "ß"],
    )
    skipped = Document(id="empty", path="empty.txt", text="", status="skipped",
                       reason="no article text found")
    docs += [odd, skipped]
    row = ManifestRow(id="bad", path="feed.jsonl:99", status="failed", reason="line 99: not valid JSON")
    with Store.open(tmp_path / "s.db") as st:
        st.conn.execute("BEGIN")
        for d in docs:
            st.put(d, source_key(d.path), "h-" + d.id)
        st.put(row, source_key(row.path), "h-row")
        st.conn.execute("COMMIT")
    with Store.open(tmp_path / "s.db") as st:
        back = st.load_documents()
        rows = st.load_rows()
        assert st.check() == []
    assert _sorted_docs(back) == _sorted_docs(docs)
    assert rows == [row]
    months = [m for d in back for s in d.sentences for m in s.mentions if m.granularity != "day"]
    assert months, "the generated corpus has month-level mentions too"


def test_content_hash_covers_content_and_metadata_not_id():
    a = RawInput(id="x", path="p.txt", kind="text", raw="Some text.")
    assert content_hash(a) == content_hash(RawInput(id="y", path="p.txt", kind="text", raw="Some text."))
    for change in ({"raw": "Some text!"}, {"title": "T"}, {"published_field": "2020"},
                   {"kind": "html"}, {"path": "q.txt"}, {"url": "u"}, {"source": "s"}):
        assert content_hash(a) != content_hash(RawInput(**{**a.__dict__, **change}))
    assert content_hash(a, "1.0+a") != content_hash(a, "1.0+b")


# --------------------------------------------------------------------------------------------
# incremental ingest
# --------------------------------------------------------------------------------------------


def test_incremental_ingest(tmp_path, capsys):
    folder = _corpus(tmp_path)
    db = tmp_path / "s.db"
    assert main(["ingest", str(folder), "--store", str(db), "-j", "1"]) == 0
    out = capsys.readouterr().out
    # 4 examples + 20 txt + 20 JSONL records; a bad line, an empty record, a JPEG: unreadable
    assert "44 new, 0 changed, 0 unchanged, 3 failed" in out
    with Store.open(db) as st:
        first = {d.id: d for d in st.load_documents()}
        assert len(first) == 44 and st.counts()["unreadable"] == 3
        assert st.check() == []

    assert main(["ingest", str(folder), "--store", str(db), "-j", "1"]) == 0
    out = capsys.readouterr().out
    assert "0 new, 0 changed, 44 unchanged, 3 failed" in out
    assert "processed 0 documents" in out

    # change one article, add one, change a JSONL record
    changed = folder / "txt" / "a0003.txt"
    changed.write_text("Changed headline\n\nThe dam reopened on 2 February 2022 after repairs.\n")
    write_txt_folder(folder / "txt", [records(1, seed=99, first=5000)[0]])
    lines = (folder / "feed.jsonl").read_text().splitlines()
    rec = json.loads(lines[0])
    rec["text"] += " Engineers returned on 3 March 2021."
    lines[0] = json.dumps(rec)
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n")
    assert main(["ingest", str(folder), "--store", str(db), "-j", "1"]) == 0
    out = capsys.readouterr().out
    assert "1 new, 2 changed, 42 unchanged, 3 failed" in out
    with Store.open(db) as st:
        docs = {d.id: d for d in st.load_documents()}
        assert len(docs) == 45
        assert "The dam reopened on 2 February 2022" in docs["txt/a0003"].text
        assert "zqmark3x" not in docs["txt/a0003"].text
        assert any(m.date == D(2022, 2, 2) for s in docs["txt/a0003"].sentences for m in s.mentions)
        assert docs[rec["id"]].text.endswith("Engineers returned on 3 March 2021.")
        assert docs["txt/a5000"].status == "used"
        assert st.check() == []
        assert st.search("reopened repairs")[0].id == "txt/a0003"
        assert st.search("zqmark3x") == []  # the old text left the full-text index


def test_overlapping_folders_and_id_collisions(tmp_path):
    a = write_txt_folder(tmp_path / "day1", records(3, seed=1))
    b = write_txt_folder(tmp_path / "day2", records(3, seed=2))  # same file names, other texts
    db = tmp_path / "s.db"
    assert _ingest(db, a) == 0
    assert _ingest(db, b) == 0
    assert _ingest(db, a, b) == 0  # overlapping: nothing new
    with Store.open(db) as st:
        ids = sorted(d.id for d in st.load_documents())
        assert ids == ["a0000", "a0000~2", "a0001", "a0001~2", "a0002", "a0002~2"]
        stats = st.ingest([str(a), str(b)], jobs=1)
        assert (stats.new, stats.changed, stats.unchanged) == (0, 0, 6)


def test_ingest_from_records_and_stdin_like_inputs(tmp_path):
    recs = records(5, seed=3)
    with Store.open(tmp_path / "s.db") as st:
        s1 = st.ingest(recs, jobs=1)
        s2 = st.ingest(recs, jobs=1)
        assert (s1.new, s2.unchanged, st.count()) == (5, 5, 5)


# --------------------------------------------------------------------------------------------
# search
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def searchable(tmp_path_factory):
    root = tmp_path_factory.mktemp("search")
    folder = _corpus(root)
    db = root / "s.db"
    assert _ingest(db, folder) == 0
    return db, folder


HOSTILE = ['"', '""', "AND OR", "AND", "OR NOT", "*", "-", "-dam", "dam -", "NEAR(", "(", ")",
           "a:b", "title:dam", "^dam", "o'brien", "dam AND", "{x}", "[x]", "+", "'", "\\", "%_",
           "dam*", "**", "NOT dam", "\x00", "😀 dam", "   ", ""]


def test_hostile_queries_do_not_raise(searchable):
    db, _ = searchable
    with Store.open(db) as st:
        for q in HOSTILE:
            st.search(q)
            st.search(q, sentences=True)
            st.select([q])
        assert st.search("dam*")  # a prefix query
        assert st.search("\"millbrook\" 'dam'")  # quotes are ignored, the words are searched
    for q in HOSTILE[:12]:
        assert main(["search", "--store", str(db), "-q", "--", q]) == 0


def test_fts_query_quoting():
    assert fts_query('say "hi" AND-OR') == '"say" AND "hi" AND "AND OR"'
    assert fts_query("libya*") == '"libya"*'
    assert fts_query("al-Qaeda oil", any_term=True, prefix=True) == '"al Qaeda"* OR "oil"*'
    assert fts_query('" * - ()') == ""


def test_search_ranks_and_filters(searchable, capsys):
    db, _ = searchable
    with Store.open(db) as st:
        hits = st.search("zqmark3x")
        assert [h.id for h in hits] == ["txt/a0003"]
        assert "\x02zqmark3x\x03" in hits[0].snippet
        hits = st.search("millbrook dam", limit=50)
        assert hits and all(a.score >= b.score for a, b in zip(hits, hits[1:], strict=False))
        # a title match ranks before the text matches
        title_hits = st.search("inquiry opens")
        assert title_hits[0].id == "examples/03-millbrook-inquiry"
        all_dated = st.search("dam", limit=500)
        window = st.search("dam", start=D(2021, 3, 1), end=D(2021, 6, 30), limit=500)
        assert window and len(window) < len(all_dated)
        assert all("2021-03-01" <= h.published <= "2021-06-30" for h in window)
        sent = st.search("zqmark3x", sentences=True)
        assert [(h.id, h.sentence) for h in sent] == [("txt/a0003", 0)]
    assert main(["search", "--store", str(db), "zqmark5x", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in rows] == ["txt/a0005"] and "[zqmark5x]" in rows[0]["snippet"]
    assert main(["search", "--store", str(db), "evacuated", "--from", "2021", "--to", "2021-12"]) == 0
    out = capsys.readouterr().out
    assert "02-millbrook-evacuation" in out and "result" in out


def test_store_command_errors(tmp_path, capsys):
    assert main(["search", "--store", str(tmp_path / "none.db"), "x"]) == 2
    assert "no store" in capsys.readouterr().err
    assert main(["build", "-o", str(tmp_path / "o")]) == 2
    assert "--store" in capsys.readouterr().err
    db = tmp_path / "s.db"
    assert _ingest(db, EXAMPLES) == 0
    assert main(["build", str(EXAMPLES), "--store", str(db), "-o", str(tmp_path / "o"), "-q"]) == 2
    assert main(["ingest", str(tmp_path / "missing"), "--store", str(db)]) == 2
    (tmp_path / "other.db").write_bytes(b"not a database at all, just text" * 100)
    # a file that is not a store is a runtime failure (1, as the README says), not a usage error
    assert main(["search", "--store", str(tmp_path / "other.db"), "x"]) == 1
    assert "not a dateline store" in capsys.readouterr().err


# --------------------------------------------------------------------------------------------
# build from the store == build from the files
# --------------------------------------------------------------------------------------------


def _build(tmp_path: Path, name: str, args: list[str]) -> dict[str, str]:
    out = tmp_path / name
    assert main(["build", *args, "-o", str(out), "-q", "--format", "all", "-j", "1"]) == 0
    return {p.name: output_text(p) for p in sorted(out.iterdir())}


def test_build_from_store_equals_build_from_files(searchable, tmp_path):
    db, folder = searchable
    opts = ["--title", "Dam story", "--max-dates", "6", "--from", "2021-01", "--to", "2022"]
    files = _build(tmp_path, "files", [str(folder), *opts])
    stored = _build(tmp_path, "store", ["--store", str(db), *opts])
    assert set(stored) == set(files) >= {"timeline.json", "timeline.md", "timeline.txt",
                                         "timeline.html", "timelinejs.json", "documents.jsonl"}
    for name in files:  # byte-identical, the manifest (with unreadable inputs) included
        assert stored[name] == files[name], name
    tl = json.loads(files["timeline.json"])
    assert tl["entries"] and tl["stats"]["inputs"] == 47
    assert tl["stats"]["failed"] + tl["stats"]["skipped"] == 3


def test_build_with_query_selects_and_equals_files_of_the_selection(searchable, tmp_path):
    db, folder = searchable
    q = ["--query", "Lindale evacuation", "--max-dates", "5", "--no-digest"]
    stored = _build(tmp_path, "store", ["--store", str(db), *q])
    manifest = [json.loads(line) for line in stored["documents.jsonl"].splitlines()]
    selected = [m["path"] for m in manifest]
    assert 0 < len(selected) < 45
    with Store.open(db) as st:  # the selection: the articles about the query's name, Lindale
        story = story_filter("Lindale evacuation", st.conn)
        cands = st.load_documents(st.select(match=story.match))
        want = {d.path for d in cands if story.keeps(d.title or "", d.text)}
    assert set(selected) == want
    assert all("Lindale" in d.text for d in cands) and len(want) <= len(cands)
    # the same articles as files (same relative paths, so the same ids; unselected JSONL lines
    # blanked so the selected ones keep their line numbers) -> the same timeline
    sel = tmp_path / "sel"
    picked = set()
    for p in selected:
        if ".jsonl:" in p:
            picked.add(int(p.rsplit(":", 1)[1]))
        else:
            rel = Path(p).relative_to(folder)
            (sel / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(p, sel / rel)
    if picked:
        feed = (folder / "feed.jsonl").read_text().splitlines()
        (sel / "feed.jsonl").write_text(
            "\n".join(line if n in picked else "" for n, line in enumerate(feed, 1)) + "\n")
    files = _build(tmp_path, "files", [str(sel), *q])
    tl_s, tl_f = json.loads(stored["timeline.json"]), json.loads(files["timeline.json"])
    # ids and entries are the same; only the paths differ (another folder)
    assert [m["id"] for m in tl_s["documents"]] == [m["id"] for m in tl_f["documents"]]
    assert tl_s["entries"] == tl_f["entries"] and tl_s["stats"] == tl_f["stats"]
    assert tl_s["config"] == tl_f["config"] and tl_s["title"] == tl_f["title"]
    # over all the files, the focus stage keeps every article that names a query word: a
    # superset of the store's selection, which keeps only the articles about the story
    full = json.loads(_build(tmp_path, "full", [str(folder), *q])["timeline.json"])
    used = {m["id"] for m in full["documents"] if m["status"] == "used"}
    assert {m["id"] for m in tl_s["documents"]} <= used


def test_python_api_timeline_from_store_equals_build_timeline(searchable):
    from dateline.pipeline import build_timeline
    from dateline.store import store_build_timeline

    db, folder = searchable
    a = build_timeline([str(folder)], title="T", jobs=1)  # with the story digest, by default
    b = store_build_timeline(str(db), title="T")
    assert a.to_json() == b.to_json() and a.to_tilse() == b.to_tilse()


# --------------------------------------------------------------------------------------------
# schema versions and migrations
# --------------------------------------------------------------------------------------------


def test_migrates_a_version_1_store(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, target=1) == (0, 1)
    # a v1 store as an older dateline wrote it: documents, sentences, no full-text index, no
    # fingerprints
    docs, rows, _ = process_inputs([str(EXAMPLES)], Config(), jobs=1)
    conn.execute("BEGIN")
    for d in docs:
        cur = conn.execute(
            "INSERT INTO documents(id, source_key, path, content_hash, status, reason, published, "
            "date_source, date_confidence, date_evidence, title, url, source, text, duplicate_of, "
            "warnings, n_sentences, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (d.id, source_key(d.path), d.path, "x", d.status, d.reason,
             d.published.isoformat() if d.published else None, d.date_source, d.date_confidence,
             d.date_evidence, d.title, d.url, d.source, d.text, d.duplicate_of,
             json.dumps(d.warnings), len(d.sentences), "2024-01-01T00:00:00"))
        conn.executemany("INSERT INTO sentences(doc, idx, text, mentions) VALUES (?,?,?,?)",
                         [(cur.lastrowid, s.index, s.text, mentions_to_json(s.text, s.mentions))
                          for s in d.sentences])
        if hasattr(d, "fingerprint"):
            d.fingerprint = None  # what a v1 store gives back
    conn.execute("COMMIT")
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name='documents_fts'").fetchone()[0] == 0
    conn.close()
    with Store.open(path) as st:
        assert (st.migrated_from, st.schema_version) == (1, SCHEMA_VERSION)
        assert st.check() == []
        assert st.search("evacuated")[0].id == "02-millbrook-evacuation"
        assert _sorted_docs(st.load_documents()) == _sorted_docs(docs)
        # hashes "x" never match: the next ingest processes them again, as changed
        stats = st.ingest([str(EXAMPLES)], jobs=1)
        assert (stats.new, stats.changed, stats.unchanged) == (0, 4, 0)


def test_version_0_newer_and_foreign_files(tmp_path):
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with Store.open(empty) as st:
        assert st.migrated_from == 0 and st.schema_version == SCHEMA_VERSION
    newer = tmp_path / "newer.db"
    with Store.open(newer) as st:
        st.conn.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    with pytest.raises(StoreError, match="newer"):
        Store.open(newer)
    foreign = tmp_path / "foreign.db"
    c = sqlite3.connect(foreign)
    c.execute("CREATE TABLE t (x)")
    c.commit()
    c.close()
    with pytest.raises(StoreError, match="not a dateline store"):
        Store.open(foreign)
    with pytest.raises(StoreError, match="no store"):
        Store.open(tmp_path / "missing.db", create=False)


def test_migration_steps_are_numbered_from_one():
    from dateline.store import MIGRATIONS

    assert sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION + 1))
    c = sqlite3.connect(":memory:", isolation_level=None)
    assert schema_version(c) == 0
    assert migrate(c) == (0, SCHEMA_VERSION)
    assert migrate(c) == (SCHEMA_VERSION, SCHEMA_VERSION)


# --------------------------------------------------------------------------------------------
# WAL: readers during a write
# --------------------------------------------------------------------------------------------


def test_wal_readers_see_the_last_commit_during_a_write(tmp_path):
    db = tmp_path / "s.db"
    assert _ingest(db, EXAMPLES) == 0
    writer = Store.open(db)
    reader = Store.open(db)
    try:
        assert writer.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        writer.conn.execute("BEGIN IMMEDIATE")
        writer.put(process_document(RawInput(id="new", path="new.txt", kind="text",
                                             raw="Dam news. The zzfresh dam opened on 3 May 2021.")),
                   "/k/new.txt", "h")
        t0 = time.perf_counter()
        assert reader.count() == 4  # not blocked, and sees the committed state
        assert [h.id for h in reader.search("zzfresh")] == []
        assert time.perf_counter() - t0 < 1.0
        assert writer.count() == 5
        writer.conn.execute("COMMIT")
        assert reader.count() == 5
        assert [h.id for h in reader.search("zzfresh")] == ["new"]
    finally:
        writer.close()
        reader.close()


# --------------------------------------------------------------------------------------------
# crash safety
# --------------------------------------------------------------------------------------------


def _count(db: Path) -> int:
    try:
        c = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
        try:
            return c.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            c.close()
    except sqlite3.Error:
        return -1


def test_sigkill_during_ingest_leaves_a_consistent_store(tmp_path):
    n = 300
    recs = records(n, seed=11)
    corpus = tmp_path / "corpus"
    write_txt_folder(corpus / "txt", recs[:100])
    write_jsonl(corpus / "feed.jsonl", recs[100:])
    db = tmp_path / "crash.db"
    cmd = [sys.executable, "-m", "dateline.cli", "ingest", str(corpus), "--store", str(db),
           "-q", "-j", "2", "--batch", "7"]
    rng = random.Random(5)
    kills = 0
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # first kill at a random moment (maybe before anything is written), then at random
    # numbers of documents written
    for target in [None, *sorted(rng.sample(range(20, n - 20), 3))]:
        proc = subprocess.Popen(cmd, env=env, start_new_session=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        if target is None:
            time.sleep(rng.uniform(0.05, 1.5))
        else:
            while _count(db) < target and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.005)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the ingest and its worker processes
            kills += 1
        proc.wait()
        assert _count(db) <= n
    assert kills >= 2
    # the final run completes the job
    done = subprocess.run(cmd[:-4] + ["-j", "2"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with Store.open(db) as st:
        assert st.check() == []
        ids = [r[0] for r in st.conn.execute("SELECT id FROM documents")]
        assert len(ids) == len(set(ids)) == n
        assert sorted(ids) == sorted([f"txt/{r['id']}" for r in recs[:100]] + [r["id"] for r in recs[100:]])
        for i in range(n):  # every article in both full-text indexes exactly once
            assert st.conn.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?",
                                   (f"zqmark{i}x",)).fetchone()[0] == 1
            assert st.conn.execute("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH ?",
                                   (f"zqmark{i}x",)).fetchone()[0] == 1
        n_sent = st.conn.execute("SELECT count(*) FROM sentences").fetchone()[0]
        assert n_sent == st.conn.execute("SELECT sum(n_sentences) FROM documents").fetchone()[0]
        crashed = _sorted_docs(st.load_documents())
    # and the content equals an ingest that was never interrupted
    with Store.open(tmp_path / "clean.db") as ref:
        ref.ingest([str(corpus)], jobs=1)
        assert _sorted_docs(ref.load_documents()) == crashed
        assert ref.conn.execute("SELECT count(*) FROM sentences").fetchone()[0] == n_sent


def _story_store(tmp_path) -> Path:
    """Two neighbouring stories: a dam in Harwick, and Lindale articles that mention Harwick in
    passing; a company called Harwicktel; Syrian/Syria spellings."""
    recs = []
    for i in range(6):
        recs.append({"id": f"h{i}", "published": f"2021-03-{10 + i}", "title": f"Harwick dam update {i}",
                     "text": f"Engineers in Harwick lowered the reservoir on 9 March 2021. Harwick residents "
                             f"left their homes. The Harwick council met on {3 + i} March 2021."})
    for i in range(6):
        recs.append({"id": f"l{i}", "published": f"2021-03-{10 + i}", "title": f"Lindale vote {i}",
                     "text": "Lindale voters chose a new mayor on 7 March 2021. Lindale turnout was high; "
                             "Lindale officials counted all night, and Lindale celebrated. Lindale "
                             "police closed two roads. Unlike Harwick, the town stayed dry."})
    recs.append({"id": "tel", "published": "2021-03-12", "title": "Harwicktel results",
                 "text": "Harwicktel reported profits on 1 March 2021."})
    recs.append({"id": "syr", "published": "2021-03-12", "title": "Talks",
                 "text": "Syrian negotiators met in Geneva on 2 March 2021; the Syria talks went on."})
    path = tmp_path / "stories.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    db = tmp_path / "stories.db"
    assert main(["ingest", str(path), "--store", str(db), "--quiet"]) == 0
    return db


def test_one_query_language_for_search_and_build(tmp_path):
    db = _story_store(tmp_path)
    with Store.open(db) as st:
        ids = lambda hits: sorted(h.id for h in hits)  # noqa: E731
        # whole words after stemming: Harwick is not Harwicktel; 'lowered' matches 'lower'
        assert "tel" not in ids(st.search("Harwick", limit=50))
        assert ids(st.search("harwick lower", limit=50)) == [f"h{i}" for i in range(6)]
        # all words by default; --any: any of them; a quoted phrase in order
        assert ids(st.search("Lindale reservoir", limit=50)) == []
        assert len(st.search("Lindale reservoir", limit=50, any_term=True)) == 12
        assert ids(st.search('"stayed dry"', limit=50)) == [f"l{i}" for i in range(6)]
        assert ids(st.search('"dry stayed"', limit=50)) == []
        # a place and its people: Syria finds Syrian, and the other way round
        assert ids(st.search("Syria")) == ids(st.search("Syrian")) == ["syr"]
        # stop words are left out, unless they are all there is
        assert ids(st.search("the Harwicktel")) == ["tel"]
        assert parse_query("the of")[0].words == ("the",)
        # build --store: the articles about Harwick, not those naming it in passing
        story = story_filter("Harwick dam", st.conn)
        docs = st.load_documents(st.select(match=story.match))
        kept = sorted(d.id for d in docs if story.keeps(d.title or "", d.text))
    assert sorted(d.id for d in docs) == sorted([f"h{i}" for i in range(6)] + [f"l{i}" for i in range(6)])
    assert kept == [f"h{i}" for i in range(6)]
    out = tmp_path / "out"
    assert main(["build", "--store", str(db), "--query", "Harwick dam", "-o", str(out), "--no-digest",
                 "--quiet"]) == 0
    manifest = [json.loads(line)["id"] for line in (out / "documents.jsonl").read_text().splitlines()]
    assert sorted(manifest) == kept


def test_sentence_search_ranks_informative_sentences_and_lists_a_repeat_once(tmp_path):
    recs = [{"id": "chant", "published": "2021-03-05", "title": "Protest",
             "text": "Down with Harwick! Residents marched through the town centre on Friday."},
            {"id": "report", "published": "2021-03-06", "title": "Council",
             "text": "The Harwick council approved repairs to the dam on 4 March 2021, after engineers "
                     "found cracks in the spillway wall during the winter inspection."}]
    recs += [{"id": f"wire{i}", "published": f"2021-03-0{i + 7}", "title": f"Wire {i}",
              "text": "Harwick is a town of 40,000 people on the river Esk, known for its old stone dam."}
             for i in range(3)]
    path = tmp_path / "s.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    db = tmp_path / "s.db"
    assert main(["ingest", str(path), "--store", str(db), "--quiet"]) == 0
    with Store.open(db) as st:
        hits = st.search("Harwick", sentences=True, limit=10)
    texts = [h.snippet.replace("\x02", "").replace("\x03", "") for h in hits]
    assert texts[-1] == "Down with Harwick!"  # the shortest match ranks last, not first
    assert sum(t.startswith("Harwick is a town") for t in texts) == 1  # repeated by 3 articles
    assert [h.id for h in hits if h.snippet.startswith("\x02Harwick\x03 is")] == ["wire0"]
