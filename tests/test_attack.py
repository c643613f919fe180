"""Attack cases of issue #18: inputs and settings that must not take a run down or turn an
output into something else (each test fails without its fix)."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat

import pytest
from markdown_it import MarkdownIt
from outputs import output_text

from dateline.model import Citation, ManifestRow, Timeline, TimelineEntry
from dateline.render.digest_md import render_digest_markdown

PAYLOADS = ["<script>window.pwned=1</script>", "<svg onload=alert(2)>", "<img src=x onerror=alert(3)>",
            "[click](javascript:alert(4))", "<a href='javascript:alert(5)'>x</a> &amp; `code` *b* _i_"]


def _hostile() -> Timeline:
    s1 = f"On 3 March 2021 the council said {PAYLOADS[0]} the dam was safe."
    s2 = f"Residents posted {PAYLOADS[1]} {PAYLOADS[3]} on 4 March 2021."
    row = ManifestRow("evil`id<b>", "evil.txt", "used", published="2021-03-04", date_source="stated",
                      confidence=1.0, title=f"Council {PAYLOADS[2]}", source=f"Herald {PAYLOADS[4]}",
                      url="javascript:alert(6)", text=s1 + " " + s2)
    cite = [Citation(s, row.id, row.source, row.url, row.title, row.published, False) for s in (s1, s2)]
    entries = [TimelineEntry(dt.date(2021, 3, 3), "day", [cite[0]], 1),
               TimelineEntry(dt.date(2021, 3, 4), "day", [cite[1]], 1)]
    digest = {"schema": "dateline-digest/1", "actors": [
        {"name": PAYLOADS[0], "kind": "person", "role": PAYLOADS[1], "articles": 1,
         "first_seen": "2021-03-03", "last_seen": "2021-03-04", "entries": []}],
        "figures": [{"label": PAYLOADS[2], "articles": 1, "claims": [
            {"value": PAYLOADS[3], "date": "2021-03-03", "text": PAYLOADS[4], "doc_id": "a`b",
             "title": PAYLOADS[0], "source": PAYLOADS[1]}]}],
        "discrepancies": [], "date_conflicts": []}
    return Timeline(title=f"Hostile {PAYLOADS[0]}", entries=entries, documents=[row],
                    stats={"used": 1}, digest=digest)


def _rendered(md: str) -> str:
    return MarkdownIt("commonmark").render(md)  # raw HTML is on in CommonMark


def test_timeline_markdown_is_inert_under_commonmark():
    tl = _hostile()
    html = _rendered(tl.to_markdown())
    tags = re.findall(r"<([a-zA-Z][^>]*)>", html)
    names = {t.split()[0].lower() for t in tags}
    assert names <= {"h1", "h2", "h3", "h4", "p", "em", "strong", "ul", "li", "code", "a", "table",
                     "thead", "tbody", "tr", "th", "td", "blockquote", "hr"}, names
    assert not any("on" in t.lower().split("=")[0] and "=" in t for t in tags if " on" in t.lower())
    assert "javascript:" not in " ".join(t for t in tags if t.lower().startswith("a "))
    # the text itself is still there, shown as text
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in html
    assert "[click](javascript:alert(4))" in html


def test_digest_markdown_is_inert_under_commonmark():
    html = _rendered(render_digest_markdown(_hostile().digest))
    names = {t.split()[0].lower() for t in re.findall(r"<([a-zA-Z][^>]*)>", html)}
    assert not names & {"script", "svg", "img", "a"}, names


def test_only_http_links_in_markdown():
    tl = _hostile()
    md = tl.to_markdown()
    assert "<javascript:" not in md  # an autolink to any scheme in CommonMark (Pandoc follows it)
    assert "javascript:alert(6)" in md  # shown as text
    tl.documents[0].url = "https://example.org/story?a=1&b=2"
    assert '<a href="https://example.org/story?a=1&amp;b=2">' in _rendered(tl.to_markdown())


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_output_file_modes_follow_the_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        written = _hostile().write(str(tmp_path / "out"))
    finally:
        os.umask(old)
    for path in written.values():
        assert stat.S_IMODE(os.stat(path).st_mode) == mode, path


# ---- 1, 2, 11: damaged gzip, huge lines -----------------------------------------------------

def _article(n: int) -> dict:
    return {"id": f"a{n}", "title": f"Bridge report {n}", "published": "2021-05-14",
            "text": f"The Harbour Street bridge number {n} reopened to traffic on Tuesday after "
                    f"eleven months of repairs, the city council said on 14 May 2021. " * 3}


def _damaged_gzip(path, records: int = 400) -> None:
    import gzip
    import json
    import random

    rng = random.Random(5)
    lines = "".join(json.dumps({**_article(i), "noise": "".join(rng.choice("abcdefghij ")
                                                               for _ in range(300))}) + "\n"
                    for i in range(records))
    data = bytearray(gzip.compress(lines.encode()))
    for i in range(len(data) // 3, len(data) // 3 + 40):  # a damaged block in the middle
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


def _manifest(out) -> list[dict]:
    import json

    return [json.loads(ln) for ln in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]


def test_a_damaged_jsonl_gz_is_one_failed_row_and_the_build_goes_on(tmp_path, capsys):
    from dateline.cli import main

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text(
        "Flood warning lifted\n2021-07-20\n\nForecasters lifted the flood warning for the lower "
        "valley on Sunday as the river fell below its banks. About 300 residents were evacuated on "
        "16 July 2021 and have now returned home, the regional authority said.\n", encoding="utf-8")
    _damaged_gzip(corpus / "damaged.jsonl.gz")
    out = tmp_path / "out"
    assert main(["build", str(corpus), "-o", str(out), "-q", "-j", "1"]) == 0
    rows = _manifest(out)
    bad = [r for r in rows if r["path"].startswith(str(corpus / "damaged.jsonl.gz"))]
    assert [r["status"] for r in bad].count("failed") == 1
    failed = next(r for r in bad if r["status"] == "failed")
    assert "damaged gzip data" in failed["reason"]
    assert any(r["path"] == str(corpus / "good.txt") and r["status"] == "used" for r in rows)


def test_a_damaged_json_gz_is_not_called_not_a_gzip_file(tmp_path):
    import gzip

    from dateline.ingest import iter_inputs
    from dateline.model import Config

    data = bytearray(gzip.compress(b'{"text": "' + b"x" * 5000 + b'"}'))
    data[-8] ^= 0xFF  # the CRC
    (tmp_path / "one.json.gz").write_bytes(bytes(data))
    [row] = list(iter_inputs([str(tmp_path)], Config()))
    assert row.status == "failed" and "damaged gzip data" in row.reason, row.reason


def test_a_huge_line_is_skipped_without_reading_it_into_memory(tmp_path):
    import gzip
    import json
    import tracemalloc

    from dateline.ingest import iter_inputs
    from dateline.model import Config

    path = tmp_path / "big.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(_article(1)) + "\n")
        fh.write('{"text": "' + "word " * 4_000_000 + '"}\n')  # one 20 MB line
        fh.write(json.dumps(_article(2)) + "\n")
    tracemalloc.start()
    try:
        items = list(iter_inputs([str(path)], Config(max_bytes=1_000_000)))
        _cur, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [getattr(i, "status", "raw") for i in items] == ["raw", "skipped", "raw"]
    assert "line 2: larger than 1000000 bytes" in items[1].reason
    assert peak < 6_000_000, f"peak {peak / 1e6:.1f} MB for a 20 MB line with --max-bytes 1M"


def test_plain_jsonl_lines_are_size_checked_too(tmp_path):
    import json

    from dateline.ingest import iter_inputs
    from dateline.model import Config

    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps(_article(1)) + "\n" + '{"text": "' + "w" * 3_000_000 + '"}\n',
                    encoding="utf-8")
    items = list(iter_inputs([str(path)], Config(max_bytes=1_000_000)))
    assert [getattr(i, "status", "raw") for i in items] == ["raw", "skipped"]


def test_a_warc_failure_reason_is_short_printable_text(tmp_path):
    import gzip

    from dateline.ingest import iter_inputs
    from dateline.model import Config

    rec = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.org/a\r\n"
           b"Content-Type: application/http; msgtype=response\r\nContent-Length: 60\r\n\r\n"
           b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><p>hi</p></html>\r\n\r\n")
    junk = bytes(range(256)) * 4
    (tmp_path / "x.warc.gz").write_bytes(gzip.compress(rec) + gzip.compress(b"WARC/1.0\r\n" + junk))
    rows = [i for i in iter_inputs([str(tmp_path)], Config()) if getattr(i, "status", "") == "failed"]
    for r in rows:
        assert len(r.reason) <= 160 and r.reason.isprintable(), r.reason


# ---- 4: --to YYYY / YYYY-MM is the last day of the period -----------------------------------

def test_a_period_given_as_end_means_its_last_day():
    from dateline.cli.options import user_date, user_end_date
    from dateline.dating import parse_user_date
    from dateline.pipeline import resolve_config

    assert user_end_date("2008") == dt.date(2008, 12, 31)
    assert user_end_date("2008-02") == dt.date(2008, 2, 29)
    assert user_end_date("2008-02-10") == dt.date(2008, 2, 10)
    assert user_date("2008") == dt.date(2008, 1, 1)
    assert parse_user_date("2007-11", end=True) == dt.date(2007, 11, 30)
    cfg = resolve_config(start="2005", end="2005-06")
    assert (cfg.start, cfg.end) == (dt.date(2005, 1, 1), dt.date(2005, 6, 30))


def test_from_and_to_the_same_year_keep_that_year(tmp_path):
    import json

    from dateline.cli import main

    corpus = tmp_path / "in"
    corpus.mkdir()
    for i, (day, what) in enumerate([("2005-03-02", "the council approved the flood plan"),
                                      ("2005-11-20", "engineers finished the northern dam"),
                                      ("2006-01-15", "the new pumping station opened")]):
        (corpus / f"a{i}.txt").write_text(
            f"Story {i}\n{day}\n\nOn {dt.date.fromisoformat(day):%d %B %Y} {what}, officials said in "
            f"a statement to reporters. Residents of the valley welcomed the news on the day.\n",
            encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(corpus), "-o", str(out), "-q", "-j", "1", "--no-digest",
                 "--from", "2005", "--to", "2005"]) == 0
    tl = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    dates = {e["date"][:7] for e in tl["entries"]}
    assert "2005-11" in dates and not any(d.startswith("2006") for d in dates), dates


# ---- 5: -o inside the input folder ------------------------------------------------------------

def test_outputs_written_into_the_input_folder_are_not_read_back(tmp_path):
    import json
    import shutil
    from pathlib import Path

    from dateline.cli import main
    from dateline.model import OUTPUT_FILES
    from dateline.render import FILE_NAMES

    assert set(FILE_NAMES.values()) | {"documents.jsonl", "digest.json"} == set(OUTPUT_FILES)
    corpus = tmp_path / "story"
    shutil.copytree(Path(__file__).parent.parent / "examples" / "corpus", corpus)
    n_inputs = sum(1 for p in corpus.rglob("*") if p.is_file())
    args = ["build", str(corpus), "-o", str(corpus), "-q", "-j", "1", "--no-digest", "--format", "all"]
    assert main(args) == 0
    first = json.loads((corpus / "timeline.json").read_text(encoding="utf-8"))
    assert main(args) == 0
    second = json.loads((corpus / "timeline.json").read_text(encoding="utf-8"))
    assert second["entries"] == first["entries"]
    rows = [json.loads(ln) for ln in (corpus / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    ours = [r for r in rows if Path(r["path"]).name in OUTPUT_FILES]
    assert ours and all(r["status"] == "skipped" and "output of an earlier dateline build" in r["reason"]
                        for r in ours)
    assert len(rows) - len(ours) == n_inputs


# ---- 3: a long run says where it is, also when stderr is not a terminal ----------------------

def test_progress_lines_on_a_non_terminal_stderr(tmp_path, monkeypatch, capsys):
    from pathlib import Path

    from dateline.cli import main

    monkeypatch.setenv("DATELINE_PROGRESS_SECONDS", "0.000001")
    corpus = Path(__file__).parent.parent / "examples" / "corpus"
    assert main(["build", str(corpus), "-o", str(tmp_path / "out"), "-j", "1", "--no-digest"]) == 0
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if " done" in ln]
    assert lines and all(ln.startswith("dateline: ") for ln in lines), err
    # determinate: the share of the input's bytes, and its size
    assert any(re.search(r"done, \d+% of [\d.,]+ kB \(", ln) for ln in lines), lines
    assert main(["build", str(corpus), "-o", str(tmp_path / "out"), "-j", "1", "--no-digest", "-q"]) == 0
    assert " done" not in capsys.readouterr().err


# ---- 11: smaller ones ----------------------------------------------------------------------

def test_no_usable_input_still_writes_the_manifest(tmp_path, capsys):
    import json

    from dateline.cli import main

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blob.txt").write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "out"
    assert main(["build", str(corpus), "-o", str(out), "-q"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "documents.jsonl" in err[0], err
    rows = [json.loads(ln) for ln in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["status"] for r in rows) == ["skipped", "skipped"]


def test_disk_errors_are_one_line_with_advice(monkeypatch, tmp_path, capsys):
    import errno
    import sqlite3

    from dateline.cli import main
    from dateline.cli.main import COMMANDS

    def full(args):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "x"))

    monkeypatch.setitem(COMMANDS, "build", full)
    assert main(["build", str(tmp_path), "-o", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "OSError" not in err and "free some space" in err

    def db_full(args):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setitem(COMMANDS, "build", db_full)
    assert main(["build", str(tmp_path), "-o", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert "OperationalError" not in err and "free some space" in err


def test_tag_warns_about_an_unreadable_dct(tmp_path, capsys):
    import json

    from dateline.cli import main

    p = tmp_path / "in.jsonl"
    p.write_text(json.dumps({"text": "They met on Sunday.", "dct": "last Tuesday-ish"}) + "\n",
                 encoding="utf-8")
    assert main(["tag", str(p)]) == 0
    captured = capsys.readouterr()
    assert "cannot read the dct" in captured.err
    assert json.loads(captured.out)["dct"] is None


# ---- 8: a store is read without write access ---------------------------------------------------

def test_search_and_build_open_the_store_read_only(tmp_path, monkeypatch, capsys):
    import hashlib
    import sqlite3
    from pathlib import Path

    from dateline.cli import main
    from dateline.store import Store

    db = tmp_path / "s.db"
    examples = Path(__file__).parent.parent / "examples" / "corpus"
    assert main(["ingest", str(examples), "--store", str(db), "-q", "-j", "1"]) == 0
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    opened: list[bool] = []
    real_open = Store.open.__func__

    def spy(cls, path, *, create=True, readonly=False):
        opened.append(readonly)
        return real_open(cls, path, create=create, readonly=readonly)

    monkeypatch.setattr(Store, "open", classmethod(spy))
    assert main(["search", "--store", str(db), "flood"]) == 0
    assert main(["build", "--store", str(db), "-o", str(tmp_path / "out"), "-q", "--no-digest"]) == 0
    assert opened == [True, True]
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    with Store.open(db, create=False, readonly=True) as st:
        assert st.count() > 0
    from dateline.store.db import _connect_readonly

    conn = _connect_readonly(str(db))
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("CREATE TABLE x (a)")
    conn.close()


def test_a_store_without_write_access_is_searched_and_built_from(tmp_path, monkeypatch, capsys):
    """Read-only media (root ignores file modes, so the lack of write access is simulated):
    search and build --store read the store through a read-only connection."""
    from pathlib import Path

    from dateline.cli import main
    from dateline.store import db as store_mod

    (tmp_path / "ro").mkdir()
    db = tmp_path / "ro" / "s.db"
    examples = Path(__file__).parent.parent / "examples" / "corpus"
    assert main(["ingest", str(examples), "--store", str(db), "-q", "-j", "1"]) == 0
    real_access = store_mod.os.access
    ro = str(tmp_path / "ro")

    def access(path, mode):
        if mode == store_mod.os.W_OK and str(path).startswith(ro):
            return False
        return real_access(path, mode)

    monkeypatch.setattr(store_mod.os, "access", access)
    used: list[str] = []
    real = store_mod._connect_readonly
    monkeypatch.setattr(store_mod, "_connect_readonly", lambda p: used.append(p) or real(p))
    assert main(["search", "--store", str(db), "flood"]) == 0
    assert main(["build", "--store", str(db), "-o", str(tmp_path / "out"), "-q", "--no-digest"]) == 0
    assert len(used) == 2


# ---- 9: an unreachable Dask scheduler ---------------------------------------------------------

def test_an_unreachable_scheduler_fails_fast_and_leaves_no_empty_store(tmp_path, capsys):
    import socket
    import time
    from pathlib import Path

    pytest.importorskip("distributed")
    from dateline.cli import main

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = tmp_path / "new.db"
    examples = Path(__file__).parent.parent / "examples" / "corpus"
    t0 = time.monotonic()
    code = main(["ingest", str(examples), "--store", str(db), "--scheduler", f"tcp://127.0.0.1:{port}", "-q"])
    assert code == 2 and time.monotonic() - t0 < 25
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot reach the Dask scheduler" in err[0], err
    assert not db.exists()


def test_bidirectional_overrides_do_not_reach_the_outputs(tmp_path):
    import json

    from dateline.cli import main

    rlo, pdi = "\u202e", "\u2069"
    rec = {"title": f"Bridge {rlo}txt.exe{pdi} reopens", "source": f"Herald{rlo}", "published": "2021-05-14",
           "text": f"The Harbour Street bridge reopened to traffic on 14 May 2021 {rlo}after repairs"
                   f"{pdi}, the city council said. Engineers replaced the corroded cables in March "
                   "2021, officials told reporters on Friday."}
    (tmp_path / "in.jsonl").write_text(json.dumps(rec) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "in.jsonl"), "-o", str(out), "-q", "--format", "all"]) == 0
    for f in out.iterdir():
        text = output_text(f)
        assert rlo not in text and pdi not in text, f.name
        assert "\\u202e" not in text.lower(), f.name


def test_the_id_book_is_exact_past_its_memory_cap_and_leaves_no_file():
    from dateline.ingest.book import Book

    book = Book(memory_keys=50)
    for i in range(200):
        assert book.first(f"k{i}") is None
    assert book.on_disk
    assert book.first("k7") == 1 and book.first("k199") == 1 and book.get("k200") is None
    book.put("k7", 3)
    assert book.get("k7") == 3 and "k7" in book and "nope" not in book
    path = book._path
    assert path is not None and os.path.exists(path)
    book.close()
    assert not os.path.exists(path)


def test_many_records_give_the_same_unique_ids_with_a_small_id_book(tmp_path, monkeypatch):
    """Memory stays flat for millions of records: past the cap, ids are kept on disk; the ids
    given out are exactly those of the all-in-memory book (repeats get ~2, ~3)."""
    import gzip

    import dateline.ingest.book as book_mod
    from dateline.ingest import iter_inputs
    from dateline.model import Config

    path = tmp_path / "many.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for i in range(600):
            fh.write(f'{{"id": "r{i % 250}", "text": "short line {i}"}}\n')
    expected = [item.id for item in iter_inputs([str(path)], Config())]
    monkeypatch.setattr(book_mod, "MEMORY_KEYS", 40)
    small = [item.id for item in iter_inputs([str(path)], Config())]
    assert small == expected
    assert len(set(small)) == 600 and small[250] == "r0~2" and small[500] == "r0~3"
