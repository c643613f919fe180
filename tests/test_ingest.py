"""Ingest stage: every format, decoding, limits, bad input, ids, folder walking."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest

from dateline.ingest import decode_bytes, iter_inputs, record_to_raw, split_suffix
from dateline.model import Config, ManifestRow, RawInput

CFG = Config()
ARTICLE = "The river authority said on Monday that water levels had fallen by two metres overnight.\n"
HTML = (
    "<!DOCTYPE html><html><head><title>Dam report</title></head><body><article>"
    "<p>The river authority said on Monday that water levels had fallen by two metres.</p>"
    "</article></body></html>"
)


def run(paths, cfg: Config = CFG, stdin=None) -> list[RawInput | ManifestRow]:
    return list(iter_inputs([str(p) for p in paths], cfg, stdin=stdin))


def raws(items) -> list[RawInput]:
    return [i for i in items if isinstance(i, RawInput)]


def rows(items) -> list[ManifestRow]:
    return [i for i in items if isinstance(i, ManifestRow)]


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# Formats
# ---------------------------------------------------------------------------------------------


def test_txt_file(tmp_path):
    p = write(tmp_path / "story.txt", ARTICLE)
    [item] = run([p])
    assert isinstance(item, RawInput)
    assert (item.id, item.path, item.kind, item.raw, item.encoding) == ("story", str(p), "text", ARTICLE, "utf-8")
    assert item.published_field is None


def test_html_file_and_txt_with_html_content(tmp_path):
    write(tmp_path / "a.html", HTML)
    write(tmp_path / "b.htm", HTML)
    write(tmp_path / "c.txt", HTML)
    write(tmp_path / "d.txt", "  <html><body><p>x</p></body></html>")
    write(tmp_path / "e.xhtml", HTML)
    items = run([tmp_path])
    assert [(i.id, i.kind) for i in items] == [("a", "html"), ("b", "html"), ("c", "html"),
                                               ("d", "html"), ("e", "html")]


def test_t17_style_name_is_text(tmp_path):
    p = write(tmp_path / "InputDocs" / "2010-04-06" / "1622.htm.txt", "BP 's shares fell .\n")
    [item] = run([tmp_path])
    assert item.kind == "text"
    assert item.id == "InputDocs/2010-04-06/1622.htm"
    assert item.path == str(p)


def test_file_without_extension(tmp_path):
    write(tmp_path / "000_b2c75764dce6e676", ARTICLE)
    write(tmp_path / "N. Korea talks", ARTICLE)
    items = run([tmp_path])
    assert [(i.id, i.kind) for i in items] == [("000_b2c75764dce6e676", "text"), ("N. Korea talks", "text")]


def test_jsonl(tmp_path):
    lines = [
        json.dumps({"text": ARTICLE, "title": "Dam", "url": "https://e.org/1", "published": "2021-03-04",
                    "source": "Herald", "id": "art-1"}),
        "",
        json.dumps({"html": HTML, "url": "https://e.org/2"}),
        "{not json",
        json.dumps({"title": "no text here"}),
        json.dumps({"text": ARTICLE, "title": 42, "published": {"bad": 1}, "url": ["x"], "source": None}),
        json.dumps(["a", "list"]),
        json.dumps({"text": 17}),
        json.dumps({"text": "   "}),
    ]
    p = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    items = run([p])
    assert len(items) == 8  # the blank line is not an input
    a, b, bad_json, no_text, garbage, not_obj, not_str, empty = items
    assert isinstance(a, RawInput)
    assert (a.id, a.path, a.kind, a.title, a.url, a.published_field, a.source) == (
        "art-1", f"{p}:1", "text", "Dam", "https://e.org/1", "2021-03-04", "Herald")
    assert (b.id, b.path, b.kind, b.url) == ("batch:3", f"{p}:3", "html", "https://e.org/2")
    assert (bad_json.status, bad_json.reason, bad_json.path) == ("failed", "line 4: not valid JSON", f"{p}:4")
    assert (no_text.status, no_text.reason) == ("failed", "line 5: no 'text' field")
    assert isinstance(garbage, RawInput)  # bad fields dropped, record kept
    assert (garbage.title, garbage.published_field, garbage.url, garbage.source) == (None, None, None, None)
    assert not_obj.status == "failed" and not_obj.reason == "line 7: not a JSON object"
    assert not_str.status == "failed" and not_str.reason.startswith("line 8: 'text' is not a string")
    assert empty.status == "skipped" and empty.reason == "line 9: empty text"


def test_jsonl_gz_and_ndjson(tmp_path):
    rec = json.dumps({"text": ARTICLE})
    gz = tmp_path / "a.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as fh:
        fh.write(rec + "\n" + rec + "\n")
    write(tmp_path / "b.ndjson", rec + "\n")
    items = run([tmp_path])
    assert [(i.id, i.path) for i in items] == [("a:1", f"{gz}:1"), ("a:2", f"{gz}:2"),
                                               ("b:1", f"{tmp_path / 'b.ndjson'}:1")]
    assert all(isinstance(i, RawInput) for i in items)


def test_truncated_gzip_reports_failure(tmp_path):
    gz = tmp_path / "a.jsonl.gz"
    data = gzip.compress(("\n".join(json.dumps({"text": ARTICLE + str(i)}) for i in range(200))).encode())
    gz.write_bytes(data[: len(data) // 2])
    items = run([gz])
    assert raws(items)
    assert rows(items)[-1].status == "failed"


def test_json_list_and_single_record(tmp_path):
    write(tmp_path / "list.json", json.dumps([{"text": ARTICLE, "id": "x1"}, {"text": ARTICLE}, {"nope": 1}]))
    write(tmp_path / "one.json", json.dumps({"text": ARTICLE, "published": "2020-01-02"}))
    write(tmp_path / "wrapped.json", json.dumps({"articles": [{"text": ARTICLE}]}))
    write(tmp_path / "broken.json", "[{")
    items = run([tmp_path])
    by_id = {i.id: i for i in items}
    assert set(by_id) == {"x1", "list:2", "list:3", "one", "wrapped:1", "broken"}
    assert by_id["list:3"].status == "failed" and by_id["list:3"].reason == "record 3: no 'text' field"
    assert by_id["one"].published_field == "2020-01-02"
    assert by_id["broken"].status == "failed" and "not valid JSON" in by_id["broken"].reason


def _make_warc(path: Path, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        pages = [
            ("https://news.example.org/a", "text/html; charset=utf-8", HTML.encode(), "200 OK"),
            ("https://news.example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00", "200 OK"),
            ("https://news.example.org/b", "text/html; charset=windows-1252",
             HTML.replace("authority", "caf\u00e9").encode("cp1252"), "200 OK"),
            ("https://news.example.org/moved", "text/html", b"", "301 Moved Permanently"),
        ]
        for uri, ctype, body, status in pages:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(rec)


@pytest.mark.parametrize("gz", [False, True])
def test_warc(tmp_path, gz):
    p = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _make_warc(p, gz)
    items = run([p])
    assert len(items) == 2
    a, b = items
    assert isinstance(a, RawInput) and isinstance(b, RawInput)
    assert (a.id, a.kind, a.url) == ("crawl:1", "html", "https://news.example.org/a")
    assert a.published_field is None  # WARC-Date is the crawl date, never the publication date
    assert "water levels" in a.raw
    assert b.url == "https://news.example.org/b" and "caf\u00e9" in b.raw


def test_stdin(tmp_path):
    data = json.dumps({"text": ARTICLE, "id": "s1"}) + "\n" + json.dumps({"text": ARTICLE}) + "\nnope\n"
    items = run(["-"], stdin=io.StringIO(data))
    assert [(i.id, i.path) for i in items] == [("s1", "<stdin>:1"), ("stdin:2", "<stdin>:2"),
                                               ("stdin:3", "<stdin>:3")]
    assert isinstance(items[2], ManifestRow) and items[2].reason == "line 3: not valid JSON"


def test_record_to_raw():
    r = record_to_raw({"text": ARTICLE, "published": 2020, "title": "T", "source": "S"}, "<record 1>")
    assert isinstance(r, RawInput)
    assert (r.id, r.path, r.kind, r.published_field, r.title, r.source) == (
        "<record 1>", "<record 1>", "text", "2020", "T", "S")
    r = record_to_raw({"html": HTML, "id": 7}, "<record 2>")
    assert isinstance(r, RawInput) and r.kind == "html" and r.id == "7"
    import datetime as dt

    r = record_to_raw({"text": ARTICLE, "published": dt.date(2020, 1, 2), "id": True}, "<record 8>")
    assert r.published_field == "2020-01-02" and r.id == "<record 8>"
    r = record_to_raw({"text": ARTICLE, "published": dt.datetime(2020, 1, 2, 10, 30)}, "<record 9>")
    assert r.published_field == "2020-01-02T10:30:00"
    r = record_to_raw({"text": ARTICLE, "id": "given"}, "<record 3>", default_id="d")
    assert r.id == "given"
    r = record_to_raw({"text": ARTICLE}, "<record 4>", default_id="d")
    assert r.id == "d"
    missing = record_to_raw({"title": "x"}, "<record 5>")
    assert isinstance(missing, ManifestRow) and missing.status == "failed"
    assert missing.reason == "no 'text' field"
    wrong = record_to_raw({"text": ["a"]}, "<record 6>")
    assert isinstance(wrong, ManifestRow) and wrong.status == "failed"
    assert record_to_raw({"text": None, "html": None}, "<record 7>").status == "failed"


# ---------------------------------------------------------------------------------------------
# Decoding
# ---------------------------------------------------------------------------------------------


def test_cp1252_file(tmp_path):
    p = write(tmp_path / "old.txt", "Le caf\u00e9 \u201cdu port\u201d a rouvert lundi.\n".encode("cp1252"))
    [item] = run([p])
    assert isinstance(item, RawInput)
    assert "caf\u00e9" in item.raw and "\u201cdu port\u201d" in item.raw
    assert item.encoding == "cp1252"


def test_latin1_short_file(tmp_path):
    p = write(tmp_path / "short.txt", "caf\u00e9".encode("latin-1"))
    [item] = run([p])
    assert item.raw == "caf\u00e9"


@pytest.mark.parametrize("enc", ["utf-16", "utf-8-sig", "utf-16-le-nobom"])
def test_unicode_boms(tmp_path, enc):
    text = "Caf\u00e9 talks resumed in \u6771\u4eac on Monday.\n"
    if enc == "utf-16-le-nobom":
        data = text.encode("utf-16-le")
    else:
        data = text.encode(enc)
    p = write(tmp_path / "u.txt", data)
    [item] = run([p])
    assert isinstance(item, RawInput), item
    assert item.raw.lstrip("\ufeff") == text


def test_html_meta_charset(tmp_path):
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\u00e9 society.</p></body></html>'
    p = write(tmp_path / "p.html", html.encode("latin-1"))
    [item] = run([p])
    assert "Caf\u00e9" in item.raw


def test_non_western_encoding_detected():
    text = ("\u041f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b \u0432\u043e\u0437\u043e"
            "\u0431\u043d\u043e\u0432\u0438\u043b\u0438\u0441\u044c \u0432 \u043f\u043e\u043d\u0435"
            "\u0434\u0435\u043b\u044c\u043d\u0438\u043a. ") * 20
    out = decode_bytes(text.encode("cp1251"))
    assert out is not None and out[0] == text


# ---------------------------------------------------------------------------------------------
# Bad input: one manifest row each, never an exception
# ---------------------------------------------------------------------------------------------


def test_empty_binary_oversize_unsupported(tmp_path):
    write(tmp_path / "a_empty.txt", "")
    write(tmp_path / "b_blank.txt", "  \n\n ")
    write(tmp_path / "c_binary.txt", b"\x00\x01\x02\x03binary\x00\xff\xfe\x00" * 50)
    write(tmp_path / "d_big.txt", "x" * 2000)
    write(tmp_path / "e_doc.pdf", b"%PDF-1.4 ...")
    write(tmp_path / "f_img.png", b"\x89PNG....")
    write(tmp_path / "g_word.docx", b"PK\x03\x04")
    write(tmp_path / "h_ok.txt", ARTICLE)
    write(tmp_path / "i_control.txt", bytes(range(1, 9)) * 100)
    items = run([tmp_path], Config(max_bytes=1000))
    got = {i.id: (i.status if isinstance(i, ManifestRow) else "raw", getattr(i, "reason", "")) for i in items}
    assert got == {
        "a_empty": ("skipped", "empty file"),
        "b_blank": ("skipped", "empty file"),
        "c_binary": ("skipped", "binary file (not text)"),
        "d_big": ("skipped", "larger than 1000 bytes (--max-bytes)"),
        "e_doc": ("skipped", "unsupported file type .pdf"),
        "f_img": ("skipped", "unsupported file type .png"),
        "g_word": ("skipped", "unsupported file type .docx"),
        "h_ok": ("raw", ""),
        "i_control": ("skipped", "binary file (not text)"),
    }


def test_corrupt_containers(tmp_path):
    write(tmp_path / "a.jsonl.gz", b"this is not gzip at all")
    write(tmp_path / "b.warc", b"this is not a web archive\nat all\n" * 10)
    write(tmp_path / "c.jsonl", bytes(range(256)) * 40)
    write(tmp_path / "d.json", b"\x00\x01\x02" * 100)
    got = [(i.id, i.status, i.reason) for i in run([tmp_path])]
    assert got == [
        ("a", "failed", "not a gzip file"),
        ("b", "failed", "not a WARC file"),
        ("c", "skipped", "binary file (not text)"),
        ("d", "skipped", "binary file (not text)"),
    ]


def test_missing_path_and_broken_symlink(tmp_path):
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "dangling.txt")
    items = run([tmp_path / "missing.txt", tmp_path])
    assert [(i.id, i.status, i.reason) for i in items] == [
        ("missing", "failed", "no such file or directory"),
        ("dangling", "failed", "broken symbolic link"),
    ]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read anything")
def test_permission_denied(tmp_path):
    p = write(tmp_path / "secret.txt", ARTICLE)
    p.chmod(0)
    try:
        [item] = run([tmp_path])
    finally:
        p.chmod(0o644)
    assert isinstance(item, ManifestRow)
    assert (item.status, item.reason) == ("failed", "cannot read: Permission denied")


def test_unreadable_file_simulated(tmp_path, monkeypatch):
    """The permission path without needing a non-root user."""
    import builtins

    from dateline import ingest

    p = write(tmp_path / "secret.txt", ARTICLE)
    real_open = builtins.open

    def fake_open(file, *args, **kwargs):
        if str(file) == str(p):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(ingest, "open", fake_open, raising=False)
    [item] = run([tmp_path])
    assert isinstance(item, ManifestRow)
    assert (item.id, item.status, item.reason) == ("secret", "failed", "cannot read: Permission denied")


def test_hidden_files_and_dirs_skipped(tmp_path):
    write(tmp_path / ".git" / "config.txt", ARTICLE)
    write(tmp_path / ".hidden.txt", ARTICLE)
    write(tmp_path / "visible.txt", ARTICLE)
    assert [i.id for i in run([tmp_path])] == ["visible"]


def test_symlink_loop_and_shared_dirs(tmp_path):
    write(tmp_path / "a" / "one.txt", ARTICLE)
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")  # a/loop -> a
    os.symlink(tmp_path / "a", tmp_path / "b")  # b -> a (same directory twice)
    os.symlink(tmp_path / "a" / "one.txt", tmp_path / "link.txt")  # a file link
    items = run([tmp_path])
    assert [i.id for i in items] == ["a/one"]
    # a file given through a symlink is read (links to files are followed)
    [item] = run([tmp_path / "link.txt"])
    assert item.id == "link" and item.raw == ARTICLE


# ---------------------------------------------------------------------------------------------
# Ids
# ---------------------------------------------------------------------------------------------


def test_ids_unique_relative_and_deterministic(tmp_path):
    write(tmp_path / "x" / "story.txt", ARTICLE)
    write(tmp_path / "x" / "story.html", HTML)
    write(tmp_path / "y" / "story.txt", ARTICLE)
    write(tmp_path / "b.jsonl", json.dumps({"text": ARTICLE, "id": "x/story"}) + "\n")
    first = run([tmp_path])
    second = run([tmp_path])
    ids = [i.id for i in first]
    assert ids == [i.id for i in second]
    # sorted walk: b.jsonl (record id "x/story"), x/story.html, x/story.txt, y/story.txt
    assert ids == ["x/story", "x/story~2", "x/story~3", "y/story"]
    assert len(set(ids)) == len(ids)
    assert [i.path for i in first] == [i.path for i in second]


def test_same_id_from_two_arguments(tmp_path):
    a = write(tmp_path / "one" / "story.txt", ARTICLE)
    b = write(tmp_path / "two" / "story.txt", ARTICLE)
    assert [i.id for i in run([a, b])] == ["story", "story~2"]
    assert [i.id for i in run([a, a])] == ["story"]  # the same file is read once


def test_split_suffix():
    assert split_suffix("a.txt") == ("a", ".txt")
    assert split_suffix("a.jsonl.gz") == ("a", ".jsonl.gz")
    assert split_suffix("1622.htm.txt") == ("1622.htm", ".txt")
    assert split_suffix("000_b2c75764dce6e676") == ("000_b2c75764dce6e676", "")
    assert split_suffix("N. Korea talks") == ("N. Korea talks", "")
    assert split_suffix("report.2012") == ("report.2012", "")
    assert split_suffix("archive.tar.gz") == ("archive.tar", ".gz")


def test_unsupported_gz(tmp_path):
    write(tmp_path / "archive.tar.gz", gzip.compress(b"xx"))
    [item] = run([tmp_path])
    assert (item.status, item.reason) == ("skipped", "unsupported file type .gz")


def test_generator_streams(tmp_path):
    p = tmp_path / "big.jsonl"
    with open(p, "w", encoding="utf-8") as fh:
        for i in range(2000):
            fh.write(json.dumps({"text": f"Article number {i} says something."}) + "\n")
    it = iter_inputs([str(p)], CFG)
    first = next(it)
    assert isinstance(first, RawInput) and first.id == "big:1"
    assert sum(1 for _ in it) == 1999


# ---------------------------------------------------------------------------------------------
# The seed corpus (skipped when ../shared is absent)
# ---------------------------------------------------------------------------------------------


def test_seed_folder(seed_dir):
    items = run([seed_dir])
    assert len(items) == 5
    assert all(isinstance(i, RawInput) and i.kind == "text" and i.encoding == "utf-8" for i in items)
    assert [i.id.split("_")[0] for i in items] == ["000", "001", "002", "003", "004"]
    assert items[0].id == "000_b2c75764dce6e676"
    assert items[0].path == str(seed_dir / "000_b2c75764dce6e676.txt")
    [single] = run([seed_dir / "003_120e622a4a6d9fc3.txt"])
    assert single.id == "003_120e622a4a6d9fc3"


def test_random_junk_never_raises(tmp_path):
    import random

    rng = random.Random(7)
    exts = [".txt", ".html", ".jsonl", ".jsonl.gz", ".json", ".warc", ".warc.gz", "", ".ndjson", ".htm"]
    for i in range(60):
        ext = exts[i % len(exts)]
        size = rng.choice([1, 10, 300, 5000])
        data = bytes(rng.randrange(256) for _ in range(size))
        if i % 3 == 0:
            data = data.replace(b"\x00", b" ")
        if i % 4 == 0 and ext.endswith(".gz"):
            data = gzip.compress(data)
        write(tmp_path / f"junk{i:02d}{ext}", data)
    items = run([tmp_path])
    assert items
    for item in items:
        assert isinstance(item, RawInput | ManifestRow)
        if isinstance(item, ManifestRow):
            assert item.status in ("skipped", "failed") and item.reason and "\n" not in item.reason
    ids = [i.id for i in items]
    assert len(ids) == len(set(ids))


# ---- the progress bar's measure: bytes of input, for every kind of input -------------------

def test_meter_counts_the_bytes_of_every_input_kind(tmp_path):
    import gzip
    import time

    from dateline.config import Config
    from dateline.ingest import Meter, iter_inputs

    folder = tmp_path / "in"
    (folder / "pages").mkdir(parents=True)
    (folder / ".hidden").write_text("not counted", encoding="utf-8")
    for i in range(5):
        (folder / "pages" / f"p{i}.txt").write_text(f"Story {i}\n\nOn 3 May 2020 it rained {i}.",
                                                    encoding="utf-8")
    lines = "".join(f'{{"id": "r{i}", "text": "Record {i} on 4 May 2020, {"x" * 400}."}}\n'
                    for i in range(300))
    (folder / "feed.jsonl.gz").write_bytes(gzip.compress(lines.encode()))
    expected = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and p.name != ".hidden")
    meter = Meter([str(folder)])
    deadline = time.monotonic() + 10
    while meter.total is None:  # counted in the background
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert meter.total == expected
    positions = []
    for item in iter_inputs([str(folder)], Config(), meter=meter):
        meter.read(item.id)
        meter.done(item.id)
        positions.append(meter.finished)
    assert len(positions) == 305
    assert positions == sorted(positions) and positions[-1] <= expected
    assert 0 < positions[150] < expected  # inside the gzip file, by its compressed bytes
    assert meter.position() == expected  # every file read
    assert Meter(["-"]).measures is False and Meter(["-"]).total is None
