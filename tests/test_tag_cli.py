"""``dateline tag``: files, stdin, JSONL batches, json/timeml output, errors."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.dom.minidom
from pathlib import Path

import pytest

from dateline.cli import main

DATELINE = [sys.executable, "-m", "dateline.cli"]


def run(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(DATELINE + args, input=stdin, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


@pytest.fixture
def story(tmp_path: Path) -> Path:
    p = tmp_path / "story.txt"
    p.write_text("\n\nThe ministers met Sunday & agreed <again> to meet next week.\n"
                 "Talks resume tomorrow morning at 10.\n", encoding="utf-8")
    return p


def test_json_output_with_dct(story: Path, capsys):
    assert main(["tag", str(story), "--dct", "2002-08-19"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    doc = json.loads(lines[0])
    assert doc["id"] == str(story) and doc["dct"] == "2002-08-19"
    text = story.read_text(encoding="utf-8")
    got = [(t["text"], t["type"], t["value"]) for t in doc["timexes"]]
    assert got == [("Sunday", "DATE", "2002-08-18"), ("next week", "DATE", "2002-W35"),
                   ("tomorrow morning at 10", "TIME", "2002-08-20T10:00")]
    for t in doc["timexes"]:
        assert text[t["start"]:t["end"]] == t["text"]  # offsets into the file as given
        assert set(t) <= {"start", "end", "text", "type", "value", "mod"}


def test_without_dct_relative_values_stay_unresolved(story: Path, capsys):
    assert main(["tag", str(story)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["dct"] is None
    assert [t["value"] for t in doc["timexes"]] == ["XXXX-WXX-7", "XXXX-WXX", "XXXX-XX-XXT10:00"]


def test_mod_is_written(tmp_path: Path, capsys):
    p = tmp_path / "m.txt"
    p.write_text("The mine closed about two years ago, in early 2010.", encoding="utf-8")
    assert main(["tag", str(p), "--dct", "2012-08-29"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [(t["text"], t["value"], t.get("mod")) for t in doc["timexes"]] == [
        ("about two years ago", "2010", "APPROX"), ("early 2010", "2010", "START")]


def test_timeml_output_is_escaped_and_well_formed(story: Path, capsys):
    assert main(["tag", str(story), "--dct", "2002-08-19", "--format", "timeml"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\n\nThe ministers met <TIMEX3 tid=\"t1\" type=\"DATE\" "
                          "value=\"2002-08-18\">Sunday</TIMEX3> &amp; agreed &lt;again&gt;")
    assert '<TIMEX3 tid="t3" type="TIME" value="2002-08-20T10:00">tomorrow morning at 10' in out
    xml.dom.minidom.parseString(f"<TimeML>{out}</TimeML>")


def test_stdin_text():
    r = run(["tag", "-", "--dct", "2007-03-06"], stdin="Negotiators will travel on Friday.")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["id"] == "-"
    assert [(t["text"], t["value"]) for t in doc["timexes"]] == [("Friday", "2007-03-09")]


def test_stdin_jsonl_batch_each_line_with_its_own_dct():
    lines = [
        {"id": "a", "text": "They met Sunday.", "dct": "2002-08-19"},
        {"id": "b", "text": "They met Sunday.", "dct": "2014-06-15"},
        {"text": "They met Sunday."},  # falls back to --dct
        {"id": "d", "text": "Signed in 1998.", "published": "2001-05-05T10:00:00Z"},
    ]
    r = run(["tag", "-", "--dct", "2007-03-06"],
            stdin="\n".join(json.dumps(x) for x in lines) + "\n")
    assert r.returncode == 0, r.stderr
    docs = [json.loads(x) for x in r.stdout.splitlines()]
    assert [d["id"] for d in docs] == ["a", "b", "<stdin>:3", "d"]
    assert [d["timexes"][0]["value"] for d in docs] == ["2002-08-18", "2014-06-15", "2007-03-04",
                                                        "1998"]
    assert [d["dct"] for d in docs] == ["2002-08-19", "2014-06-15", "2007-03-06", "2001-05-05"]


def test_jsonl_file_and_text_files_in_one_run(tmp_path: Path, capsys):
    j = tmp_path / "batch.jsonl"
    j.write_text('{"id": "x", "text": "Growth slowed last year.", "dct": "2009-04-01"}\n'
                 "not json\n"
                 '{"id": "y", "no_text": 1}\n'
                 '{"id": "z", "text": "Growth slowed in 2008."}\n', encoding="utf-8")
    t = tmp_path / "a.txt"
    t.write_text("It rained yesterday.", encoding="utf-8")
    assert main(["tag", str(j), str(t), "--dct", "2010-01-10"]) == 0
    cap = capsys.readouterr()
    docs = [json.loads(x) for x in cap.out.splitlines()]
    assert [(d["id"], d["timexes"][0]["value"]) for d in docs] == [
        ("x", "2008"), ("z", "2008"), (str(t), "2010-01-09")]
    assert "batch.jsonl:2: not valid JSON" in cap.err
    assert "batch.jsonl:3: no 'text' field" in cap.err
    assert "Traceback" not in cap.err


def test_missing_file_is_one_line_exit_2_before_any_output(story: Path):
    r = run(["tag", str(story), "no/such/file.txt", "--dct", "2002-08-19"])
    assert r.returncode == 2
    assert r.stdout == ""
    assert r.stderr.strip() == "dateline: error: no/such/file.txt: no such file"
    assert "Traceback" not in r.stderr


def test_folder_is_an_error(tmp_path: Path):
    r = run(["tag", str(tmp_path)])
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1 and "not a file" in r.stderr


@pytest.mark.parametrize("bad", ["2002-13-01", "yesterday", "2002"])
def test_bad_dct_is_a_usage_error(story: Path, bad: str):
    r = run(["tag", str(story), "--dct", bad])
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1 and "--dct" in r.stderr
    assert "Traceback" not in r.stderr


def test_bad_format_is_a_usage_error(story: Path):
    r = run(["tag", str(story), "--format", "xml"])
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_non_utf8_file_is_read(tmp_path: Path, capsys):
    p = tmp_path / "latin.txt"
    p.write_bytes("Caf\xe9 talks ended on 3 May 2004.".encode("cp1252"))
    assert main(["tag", str(p)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["timexes"][0]["value"] == "2004-05-03"
    assert doc["timexes"][0]["start"] == len("Café talks ended on ")


def test_help_describes_the_command():
    r = run(["tag", "--help"])
    assert r.returncode == 0
    for word in ("--dct", "--format", "json", "timeml", "TIMEX3", "stdin", "JSON"):
        assert word in r.stdout


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "cp1252"])
def test_tag_decodes_like_build(tmp_path: Path, capsys, encoding: str):
    """`dateline tag` and `dateline build` read bytes with the same decode (ingest.decode_bytes):
    a UTF-16 file without a BOM or a cp1252 file gives the same text to both."""
    from dateline.ingest import decode_bytes

    text = "Caf\u00e9 owners protested on 3 May 2021 \u2013 the union said so.\n"
    path = tmp_path / "story.txt"
    path.write_bytes(text.encode(encoding))
    assert main(["tag", str(path), "--dct", "2021-05-04"]) == 0
    [doc] = [json.loads(ln) for ln in capsys.readouterr().out.splitlines()]
    [tx] = doc["timexes"]
    assert tx["value"] == "2021-05-03"
    decoded = decode_bytes(path.read_bytes())[0]
    assert decoded[tx["start"]:tx["end"]] == tx["text"] == "3 May 2021"


def test_a_long_text_is_tagged_to_its_end_without_a_cut(tmp_path: Path, capsys):
    """tag is linear in the text length (benchmarks/bounds.py measures it), so it cuts nothing:
    a date 600,000 characters in (twice the build's per-article cut) is found, and each of
    the repeated paragraphs keeps its own timexes."""
    para = "The council met on Sunday and said the bridge would reopen next week.\n"
    reps = 600_000 // len(para) + 1
    path = tmp_path / "long.txt"
    path.write_text(para * reps + "The bridge reopened on 3 March 2022.\n", encoding="utf-8")
    assert main(["tag", str(path), "--dct", "2021-05-20"]) == 0
    doc = json.loads(capsys.readouterr().out)
    values = [t["value"] for t in doc["timexes"]]
    assert values[-1] == "2022-03-03" and doc["timexes"][-1]["start"] > 600_000
    assert values.count("2021-05-16") == reps and values.count("2021-W21") == reps
