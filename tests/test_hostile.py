"""A hostile corpus through `dateline build`: every input is accounted for, nothing crashes.

The corpus is generated at test time: empty and whitespace-only files, binaries (PNG, PDF, zip,
random bytes; with their own suffix and disguised as text), UTF-16 with BOM, cp1252, Latin-1,
mixed line endings, a 200 MB text file (skipped by size, never read), a one-line 20 MB file,
HTML without a body / with only scripts / nested 5000 levels deep, a JSONL file with broken
lines among good ones, duplicates and near-duplicates, symbolic link loops, an unreadable file,
names with spaces and non-ASCII characters.
"""

from __future__ import annotations

import builtins
import io
import json
import os
import random
import shutil
import struct
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from dateline import ingest
from dateline.cli import main
from dateline.model import Config

MB = 1_000_000

ARTICLES = [
    ("Harbour bridge reopens", "2021-05-14",
     "The Harbour Street bridge reopened to traffic on Tuesday morning after eleven months of "
     "repairs, the city council said. Engineers replaced the corroded cables in March 2021. "
     "\"We will not give up on the other bridges either,\" the mayor told reporters."),
    ("Council approves budget", "2021-06-02",
     "The city council approved a budget of 40 million euros on Monday for road repairs. "
     "Work on the eastern ring road will begin in September 2021, officials said. "
     "Opposition members criticised the plan as too little, too late."),
    ("Flood warning lifted", "2021-07-20",
     "Forecasters lifted the flood warning for the lower valley on Sunday as the river fell "
     "below its banks. About 300 residents were evacuated on 16 July 2021 and have now "
     "returned home. The regional authority will review its pumping stations."),
]

WORDS = ("river council engineers bridge mayor budget inquiry report residents officials water "
         "authority repairs valley station road minister committee village harbour ferry school "
         "hospital police court judge union strike talks agreement plan vote election").split()


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes([200, 30, 30]) * 4 for _ in range(4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _pdf() -> bytes:
    stream = zlib.compress(b"BT /F1 12 Tf 72 712 Td (The dam opened on 9 March 2021) Tj ET")
    return (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            b"4 0 obj\n<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\nstream\n"
            + stream + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("article.txt", ARTICLES[0][2])
    return buf.getvalue()


def _article(rng: random.Random, n: int) -> str:
    sents = []
    for k in range(6):
        words = rng.sample(WORDS, 9)
        sents.append(f"The {words[0]} and the {words[1]} met the {words[2]} on {rng.randint(1, 28)} "
                     f"{rng.choice(['March', 'April', 'May'])} 2021 about {words[3]} {words[4]} "
                     f"number {n * 10 + k}, {words[5]} {words[6]} said.")
    return " ".join(sents)


class Corpus:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.expected = 0  # manifest rows the build must write

    def file(self, name: str, data: str | bytes, encoding: str = "utf-8") -> Path:
        p = self.root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
        self.expected += 1
        return p


def build_corpus(root: Path) -> tuple[Corpus, dict[str, Path]]:
    c = Corpus(root)
    rng = random.Random(17)
    paths: dict[str, Path] = {}
    title, date, body = ARTICLES[0]
    # usable articles, also under names with spaces and non-ASCII characters
    paths["good"] = c.file("good article.txt", f"{title}\n{date}\n\n{body}\n")
    paths["unicode"] = c.file("Über die Brücke – 東京 report.txt",
                              f"{ARTICLES[1][0]}\n{ARTICLES[1][1]}\n\n{ARTICLES[1][2]}\n")
    paths["html"] = c.file("sub dir/flood warning.html",
                           f"<html><head><title>{ARTICLES[2][0]}</title>"
                           f"<meta property='article:published_time' content='{ARTICLES[2][1]}'>"
                           f"</head><body><article><p>{ARTICLES[2][2]}</p></article></body></html>")
    # empty, whitespace, binaries
    paths["empty"] = c.file("empty.txt", b"")
    paths["blank"] = c.file("whitespace only.txt", " \n\t\r\n   \n")
    paths["png"] = c.file("image.png", _png())
    paths["pdf"] = c.file("paper.pdf", _pdf())
    paths["zip"] = c.file("bundle.zip", _zip())
    paths["noise"] = c.file("noise.bin", bytes(rng.randrange(256) for _ in range(4096)))
    paths["png-as-txt"] = c.file("picture.txt", _png())
    paths["pdf-as-html"] = c.file("scan.html", _pdf())
    paths["zip-no-ext"] = c.file("archive", _zip())
    paths["noise-as-txt"] = c.file("random bytes.txt", bytes(rng.randrange(256) for _ in range(4096)))
    # encodings and line endings
    paths["utf16"] = c.file("utf16 bom.txt", "\ufeffCafé owners protest new rules\n\nCafé owners "
                            "protested on 3 May 2021 against the new opening hours, the union said. "
                            "The rules take effect in June 2021.\n", encoding="utf-16-le")
    paths["cp1252"] = c.file("cp1252.txt", "Prices rise again\n\nThe price of bread rose to 3 € "
                             "on 4 May 2021, the bakers\u2019 guild said \u2013 the third rise this "
                             "year. \u201cWe cannot absorb it,\u201d one baker said.\n",
                             encoding="cp1252")
    paths["latin1"] = c.file("latin1.txt", "Fête de la musique cancelled\n\nThe organisers of the "
                             "fête in Besançon said on 5 May 2021 that the festival would not take "
                             "place. The décision was made after a long meeting.\n",
                             encoding="latin-1")
    paths["endings"] = c.file("mixed endings.txt",
                              "Ferry service resumes\r\n\r\nThe ferry to the island resumed service "
                              "on 6 May 2021.\rPassengers queued from early morning.\n\nThe operator "
                              "said timetables would return to normal by June 2021.\r\n")
    # HTML with nothing to read, and HTML nested deeper than the parser goes
    paths["no-body"] = c.file("no body.html", "<!DOCTYPE html><html><head><title>Nothing here"
                              "</title><meta charset='utf-8'></head></html>")
    paths["scripts"] = c.file("only scripts.html", "<html><head><script>var a = 1;</script></head>"
                              "<body><script>document.write('The dam opened on 9 March 2021.')"
                              "</script><script src='x.js'></script></body></html>")
    paths["nested"] = c.file("nested.html", "<html><body>" + "<div>" * 5000
                             + "<p>The ferry operator ordered two new boats on 7 May 2021, its "
                             "chairman said at the annual meeting in the harbour office.</p>"
                             + "</div>" * 5000 + "</body></html>")
    # exact and near duplicates
    dup = ("Tram line opens\n2021-05-10\n\n" + " ".join(
        f"The new tram line {k} carried its first passengers on 10 May 2021 between the station "
        f"and the {w} district, the transport authority said." for k, w in enumerate(WORDS[:12])) + "\n")
    paths["dup-a"] = c.file("dup-a.txt", dup)
    paths["dup-b"] = c.file("dup-b.txt", dup)
    paths["near-dup"] = c.file("near-dup.txt", dup.replace("first passengers", "very first riders", 1))
    # JSONL: good lines among broken ones (a blank line is not a document)
    lines = [json.dumps({"id": f"feed-{i}", "title": f"Report {i}", "published": f"2021-05-{i % 28 + 1:02d}",
                         "text": _article(rng, i)}) for i in range(30)]
    bad = ["{not json at all", "[1, 2, 3]", json.dumps({"title": "no text field"}),
           json.dumps({"text": 42}), json.dumps({"text": "   "}), '"just a string"']
    for k, b in enumerate(bad):
        lines.insert(3 + 4 * k, b)
    lines.insert(10, "")
    lines.append('{"id": "cut", "text": "This line was cut in the midd')
    jsonl = c.root / "feed.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    c.expected += sum(1 for ln in lines if ln.strip())
    paths["jsonl"] = jsonl
    # symbolic link loops: a folder linking to its parent, two files linking to each other
    (c.root / "loop").mkdir()
    c.file("loop/inside.txt", "Loop folder article\n\nThe village school reopened on 8 May 2021 "
           "after the holidays, the headmaster said.\n")
    os.symlink("..", c.root / "loop" / "parent")
    os.symlink("cycle-b.txt", c.root / "cycle-a.txt")
    os.symlink("cycle-a.txt", c.root / "cycle-b.txt")
    c.expected += 2
    # unreadable
    paths["secret"] = c.file("unreadable.txt", "Secret\n\nNobody can read this on 9 May 2021.\n")
    paths["secret"].chmod(0)
    (c.root / "locked dir").mkdir()
    (c.root / "locked dir" / "hidden article.txt").write_text("Nobody sees this.\n")
    (c.root / "locked dir").chmod(0)
    paths["locked"] = c.root / "locked dir"
    c.expected += 1  # one row for the folder: what is inside cannot be known
    # one line of 20 MB (read and cut), 200 MB (skipped by size without being read)
    line = " ".join(_article(rng, 1000 + i) for i in range(20)) + " "
    reps = 20 * MB // len(line) + 1
    paths["oneline"] = c.file("one line 20mb.txt", (line * reps)[:20 * MB])
    big = c.root / "huge 200mb.txt"
    para = (("\n\n".join(_article(rng, 2000 + i) for i in range(40)) + "\n\n") * 3).encode()
    with open(big, "wb") as fh:
        written = 0
        while written < 200 * MB:
            fh.write(para)
            written += len(para)
    c.expected += 1
    paths["huge"] = big
    return c, paths


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    corpus, paths = build_corpus(root / "corpus")
    yield corpus, paths, root
    paths["secret"].chmod(0o644)
    paths["locked"].chmod(0o755)
    shutil.rmtree(root, ignore_errors=True)  # do not keep 220 MB around


def _unreadable(monkeypatch, path: Path, folder: Path) -> None:
    """Root reads anything: make the chmod-000 file and folder fail as they would for a user
    (worker processes inherit the patch: they are forked)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return
    real_open = builtins.open
    real_scandir = os.scandir

    def fake_open(file, *args, **kwargs):
        if os.fspath(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    def fake_scandir(where="."):
        if os.fspath(where) == str(folder):
            raise PermissionError(13, "Permission denied", str(where))
        return real_scandir(where)

    monkeypatch.setattr(ingest, "open", fake_open, raising=False)
    monkeypatch.setattr(ingest.os, "scandir", fake_scandir)


@pytest.fixture(scope="module")
def built(hostile):
    corpus, paths, root = hostile
    mp = pytest.MonkeyPatch()
    _unreadable(mp, paths["secret"], paths["locked"])
    out = root / "out dir ü"
    cap = io.StringIO()
    mp.setattr(sys, "stderr", cap)
    t0 = time.perf_counter()
    try:
        code = main(["build", str(corpus.root), "-o", str(out), "-j", "2"])
    finally:
        mp.undo()
    secs = time.perf_counter() - t0
    rows = [json.loads(ln) for ln in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    tl = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    return code, cap.getvalue(), rows, tl, corpus, paths, secs


def by_path(rows, path: Path) -> dict:
    [row] = [r for r in rows if r["path"] == str(path)]
    return row


def test_build_succeeds_without_traceback(built):
    code, err, _rows, _tl, _c, _p, secs = built
    assert code == 0, err
    assert "Traceback" not in err
    assert secs < 60


def test_one_manifest_row_per_input(built):
    _code, _err, rows, tl, corpus, _p, _s = built
    assert len(rows) == corpus.expected
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert r["status"] in ("used", "duplicate", "skipped", "failed")
        if r["status"] != "used":
            assert r["reason"] and "\n" not in r["reason"], r
    stats = tl["stats"]
    assert stats["inputs"] == corpus.expected
    assert stats["used"] + stats["duplicates"] + stats["skipped"] + stats["failed"] == stats["inputs"]
    counted = {s: sum(1 for r in rows if r["status"] == s) for s in ("used", "duplicate", "skipped", "failed")}
    assert counted == {"used": stats["used"], "duplicate": stats["duplicates"],
                       "skipped": stats["skipped"], "failed": stats["failed"]}


def test_reasons_name_the_problem(built):
    _code, _err, rows, _tl, _c, p, _s = built

    def row(key):
        return by_path(rows, p[key])

    assert (row("empty")["status"], row("empty")["reason"]) == ("skipped", "empty file")
    assert row("blank")["status"] == "skipped"
    for key in ("png", "pdf", "zip", "noise"):
        assert row(key)["reason"].startswith("unsupported file type"), row(key)
    for key in ("png-as-txt", "pdf-as-html", "zip-no-ext"):
        assert (row(key)["status"], row(key)["reason"]) == ("skipped", "binary file (not text)")
    assert row("noise-as-txt")["status"] in ("skipped", "failed")
    assert row("no-body")["status"] == row("scripts")["status"] == "skipped"
    assert "no article text" in row("scripts")["reason"]
    huge = row("huge")
    assert huge["status"] == "skipped" and "--max-bytes" in huge["reason"]
    assert str(Config().max_bytes) in huge["reason"]
    secret = row("secret")
    assert (secret["status"], secret["reason"]) == ("failed", "cannot read: Permission denied")
    locked = row("locked")
    assert (locked["status"], locked["reason"]) == ("failed", "cannot read directory: Permission denied")
    loops = [r for r in rows if r["path"].endswith(("cycle-a.txt", "cycle-b.txt"))]
    assert [r["reason"] for r in loops] == ["symbolic link loop"] * 2
    assert sum(1 for r in rows if r["path"].endswith("inside.txt")) == 1  # the loop is walked once


def test_text_is_decoded_and_used(built):
    _code, _err, rows, _tl, _c, p, _s = built
    expect = {"good": "Harbour Street", "unicode": "40 million euros", "html": "flood warning",
              "utf16": "Café owners protested", "cp1252": "3 € on 4 May 2021",
              "latin1": "fête in Besançon", "endings": "Passengers queued",
              "nested": "two new boats"}
    for key, needle in expect.items():
        r = by_path(rows, p[key])
        assert r["status"] in ("used", "duplicate"), r
        assert needle in r["text"], (key, r["text"][:200])
    assert "\r" not in by_path(rows, p["endings"])["text"]


def test_duplicates_are_marked(built):
    _code, _err, rows, _tl, _c, p, _s = built
    three = [by_path(rows, p[k]) for k in ("dup-a", "dup-b", "near-dup")]
    [kept] = [r for r in three if r["status"] == "used"]
    for r in three:
        if r is not kept:
            assert r["status"] == "duplicate" and r["duplicate_of"] == kept["id"], r
            assert r["reason"] == f"near-duplicate of {kept['id']}"


def test_jsonl_lines_each_accounted_for(built):
    _code, _err, rows, _tl, _c, p, _s = built
    feed = [r for r in rows if r["path"].startswith(str(p["jsonl"]) + ":")]
    assert len(feed) == 37  # 30 good + 7 broken lines; the blank line is not a document
    failed = {r["reason"].split(": ", 1)[1] for r in feed if r["status"] == "failed"}
    assert failed == {"not valid JSON", "not a JSON object", "no 'text' field", "'text' is not a string (int)"}
    assert sum(1 for r in feed if r["status"] == "skipped" and r["reason"].endswith("empty text")) == 1
    assert sum(1 for r in feed if r["status"] in ("used", "duplicate")) == 30


def test_one_line_file_is_read_and_cut(built):
    _code, _err, rows, _tl, _c, p, _s = built
    r = by_path(rows, p["oneline"])
    assert r["status"] in ("used", "duplicate")
    assert 100_000 < len(r["text"]) <= 300_000


def test_every_unused_input_gets_a_one_line_warning(built):
    _code, err, rows, _tl, _c, _p, _s = built
    warnings = [ln for ln in err.splitlines() if ln.startswith("dateline: warning: ")]
    assert not [ln for ln in err.splitlines() if ln.startswith("dateline: error")]
    for r in rows:
        if r["status"] in ("skipped", "failed"):
            assert any(w.startswith(f"dateline: warning: {r['path']}: ") for w in warnings), r


def test_leftover_temp_files_are_removed_on_the_next_run(hostile, tmp_path):
    corpus, paths, _root = hostile
    out = tmp_path / "out"
    out.mkdir()
    old = out / ".timeline.json.abc123.tmp"
    old.write_text("{half")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    fresh = out / ".documents.jsonl.def456.tmp"  # a run writing right now keeps its file
    fresh.write_text("{")
    live = out / f".timeline.md.{os.getppid()}.x1.tmp"  # so does a live process
    live.write_text("#")
    dead = out / ".timeline.txt.999999999.x2.tmp"  # a killed run's leftover goes at once
    dead.write_text("2021")
    (out / "notes.txt").write_text("mine")
    assert main(["build", str(paths["good"]), str(paths["unicode"]), "-o", str(out), "-q"]) == 0
    assert sorted(p.name for p in out.glob(".*.tmp")) == [fresh.name, live.name]
    assert (out / "notes.txt").read_text() == "mine"
