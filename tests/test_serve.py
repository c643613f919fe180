"""``dateline serve``: the pages over a store (Starlette's test client), the report they build
equal to the one ``build --store`` writes, the store never written, the host and token checks,
and the command's one-line refusals.  The browser tests are in test_serve_browser.py."""

from __future__ import annotations

import hashlib
import json
import socket
import sqlite3
from pathlib import Path

import pytest
from store_corpus import records, write_jsonl

from dateline.cli import main

pytest.importorskip("starlette.testclient", reason="the test client needs httpx2 (pip install -e '.[test]')")

from starlette.testclient import TestClient  # noqa: E402

from dateline.serve import create_app  # noqa: E402

HOSTILE_TITLE = '<script>window.pwned = 1</script> Harwick "flood"'


def _corpus(folder: Path) -> Path:
    recs = records(40, seed=11)
    recs.append({"id": "hostile", "title": HOSTILE_TITLE, "published": "2021-03-04",
                 "text": "The Harwick dam <img src=x onerror=alert(1)> was inspected on "
                         "2 March 2021. Engineers said the repairs would take weeks."})
    path = write_jsonl(folder / "feed.jsonl", recs)
    with path.open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    return path


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("serve")
    db = root / "s.db"
    assert main(["ingest", str(_corpus(root)), "--store", str(db), "-q", "-j", "1"]) == 0
    return db


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def client(served):
    with TestClient(create_app(str(served)), base_url="http://127.0.0.1") as c:
        yield c


def test_search_page_lists_matches_best_first_with_dates(client):
    home = client.get("/")
    assert home.status_code == 200
    assert "41</strong> articles" in home.text and "could not be read" in home.text
    assert "default-src 'none'" in home.headers["content-security-policy"]
    assert home.headers["x-frame-options"] == "DENY"
    r = client.get("/", params={"q": "Harwick"})
    assert r.status_code == 200
    api = client.get("/api/search", params={"q": "Harwick"}).json()
    assert api and all("harwick" in (h["title"] + h["snippet"]).lower() for h in api)
    # the page lists what the API (and 'dateline search') returns, in the same order
    positions = [r.text.index(f'href="/article/{h["id"]}"') for h in api]
    assert positions == sorted(positions)
    assert "<mark>Harwick</mark>" in r.text
    assert 'action="/timeline"' in r.text  # the build form carries the query
    sentences = client.get("/api/search", params={"q": "Harwick", "sentences": "1"}).json()
    assert sentences and all("sentence" in h for h in sentences)
    assert client.get("/", params={"q": "zzzzqqq"}).text.count('class="hit"') == 0


def test_article_page_has_its_manifest_row_and_marked_dates(client):
    r = client.get("/article/hostile", params={"s": "0"})
    assert r.status_code == 200
    assert "Manifest row" in r.text and "2021-03-04" in r.text and "feed.jsonl" in r.text
    assert 'class="sent current"' in r.text
    assert 'title="2 March 2021: 2021-03-02"' in r.text  # the time mention and its value
    # hostile text is text, never markup
    assert "<script>window.pwned" not in r.text and "&lt;script&gt;" in r.text
    assert "<img src=x" not in r.text
    assert client.get("/article/no-such-id").status_code == 404


def test_unreadable_inputs_are_listed(client):
    r = client.get("/unreadable")
    assert r.status_code == 200 and "feed.jsonl" in r.text and "1 input could not be read" in r.text


def test_the_served_timeline_is_the_report_build_writes(client, served, tmp_path):
    out = tmp_path / "out"
    assert main(["build", "--store", str(served), "--query", "Harwick", "--from", "2021-01",
                 "-o", str(out), "-q", "--format", "html,csv"]) == 0
    r = client.get("/timeline", params={"q": "Harwick", "from": "2021-01"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.text == (out / "timeline.html").read_text(encoding="utf-8")
    csv = client.get("/timeline", params={"q": "Harwick", "from": "2021-01", "format": "csv"})
    assert csv.headers["content-disposition"] == 'attachment; filename="timeline.csv"'
    assert csv.content == (out / "timeline.csv").read_bytes()
    data = client.get("/timeline", params={"q": "Harwick", "from": "2021-01", "format": "json"}).json()
    assert data["entries"]


def test_bad_requests_are_one_line_pages_not_errors(client):
    for params, words in (({"q": "x", "from": "soon"}, "is not a date"),
                          ({"q": "x", "from": "2022", "to": "2021"}, "is after"),
                          ({"q": "x", "limit": "7"}, "limit must be"),
                          ({"q": "x", "max_dates": "-1"}, "max dates")):
        r = client.get("/", params=params)
        assert r.status_code == 400 and words in r.text, params
    r = client.get("/timeline", params={"q": "zzzzqqq"})
    assert r.status_code == 404 and "no stored article" in r.text
    assert client.get("/timeline", params={"q": "x", "format": "exe"}).status_code == 400
    assert client.post("/", data={"q": "x"}).status_code == 405


def test_the_store_is_never_written(served):
    before = _digest(served)
    app = create_app(str(served))
    with TestClient(app, base_url="http://127.0.0.1") as c:
        for url in ("/", "/?q=Harwick", "/?q=dam&sentences=1", "/article/hostile",
                    "/timeline?q=Harwick", "/unreadable"):
            assert c.get(url).status_code == 200, url
    store = app.state.archive.open()
    try:
        with pytest.raises(sqlite3.OperationalError):
            store.conn.execute("DELETE FROM documents")
    finally:
        store.close()
    assert _digest(served) == before


def test_a_rebuilt_store_gives_a_new_timeline(tmp_path):
    db = tmp_path / "grow.db"
    write_jsonl(tmp_path / "a.jsonl", records(20, seed=3))
    assert main(["ingest", str(tmp_path / "a.jsonl"), "--store", str(db), "-q", "-j", "1"]) == 0
    with TestClient(create_app(str(db)), base_url="http://127.0.0.1") as c:
        first = c.get("/timeline", params={"format": "json"}).json()
        write_jsonl(tmp_path / "b.jsonl", records(20, seed=4, first=500))
        assert main(["ingest", str(tmp_path / "b.jsonl"), "--store", str(db), "-q", "-j", "1"]) == 0
        second = c.get("/timeline", params={"format": "json"}).json()
    assert second["stats"]["used"] > first["stats"]["used"]


def test_host_header_and_token(served):
    with TestClient(create_app(str(served)), base_url="http://127.0.0.1") as c:
        assert c.get("/", headers={"host": "evil.example"}).status_code == 400  # DNS rebinding
        assert c.get("/", headers={"host": "localhost:8765"}).status_code == 200
    token = "t" * 32
    app = create_app(str(served), token=token, loopback=False)
    with TestClient(app, base_url="http://news.example") as c:
        assert c.get("/").status_code == 401
        assert c.get("/", params={"token": "wrong" * 8}).status_code == 401
        assert c.get("/", headers={"authorization": f"Bearer {token}"}).status_code == 200
        r = c.get("/", params={"token": token, "q": "dam"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/?q=dam"
        assert "HttpOnly" in r.headers["set-cookie"] and "SameSite=Strict" in r.headers["set-cookie"]
        assert c.get("/?q=dam").status_code == 200  # the cookie from now on


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_command_refusals_are_one_line(served, tmp_path, capsys):
    def run(*args: str) -> tuple[int, str]:
        code = main(["serve", *args])
        err = capsys.readouterr().err.strip()
        return code, err

    code, err = run("--store", str(served), "--host", "0.0.0.0")
    assert code == 2 and "refusing to listen on 0.0.0.0" in err and "--allow-remote" in err
    assert len(err.splitlines()) == 1
    code, err = run("--store", str(served), "--host", "0.0.0.0", "--allow-remote", "--token", "short")
    assert code == 2 and "at least 16" in err
    code, err = run("--store", str(tmp_path / "missing.db"))
    assert code == 2 and "no store at" in err and len(err.splitlines()) == 1
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        code, err = run("--store", str(served), "--port", str(busy.getsockname()[1]))
    assert code == 2 and "cannot listen on 127.0.0.1" in err
    not_a_store = tmp_path / "notes.db"
    not_a_store.write_text("hello", encoding="utf-8")
    code, err = run("--store", str(not_a_store), "--port", str(_free_port()))
    assert code == 1 and "not a dateline store" in err
    assert json.dumps(err)  # one printable line
