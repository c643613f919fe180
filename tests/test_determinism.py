"""Same inputs and options give byte-identical outputs whatever the file creation order, the order
of the paths on the command line, the number of worker processes or the hash seed."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.cli import main
from dateline.pipeline import INLINE_BELOW

OUTPUTS = ("timeline.json", "timeline.md", "timeline.txt", "timeline.html", "timelinejs.json",
           "documents.jsonl")
EVENTS = [
    ("the dam wall cracked", "engineers", "the water authority"),
    ("residents were evacuated", "the police", "the mayor"),
    ("the inquiry opened", "the judge", "the council"),
    ("repairs began", "the contractor", "the ministry"),
    ("the river flooded the valley", "forecasters", "the regional government"),
    ("the dam reopened", "the operator", "the residents' association"),
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def corpus_files(examples_dir: Path) -> list[tuple[str, bytes]]:
    """(relative name, content): the example corpus plus generated articles (text, HTML, JSONL;
    dated, undated, near-duplicates, two with the same id) -- more than INLINE_BELOW documents so
    that -j 2 runs the worker pool."""
    rng = random.Random(2021)
    files = [(p.name, p.read_bytes()) for p in sorted(examples_dir.iterdir()) if p.is_file()]
    for i in range(INLINE_BELOW + 6):
        what, who, said = EVENTS[i % len(EVENTS)]
        day, month = rng.randint(1, 28), rng.randint(1, 12)
        pub = f"2021-{month:02d}-{min(28, day + rng.randint(0, 3)):02d}"
        body = (f"On {day} {MONTHS[month - 1]} 2021 {what}, {who} said. "
                f"{said.capitalize()} announced on Monday that a report would follow in "
                f"{MONTHS[(month + 1) % 12]} 2021. Story number {i} adds that "
                f"{rng.choice(EVENTS)[0]} {rng.randint(2, 30)} years ago, in {2021 - rng.randint(2, 30)}.")
        if i % 7 == 3:  # undated: the date is inferred from the corpus
            files.append((f"gen/story {i:02d}.txt", f"{what.capitalize()}\n\n{body}\n".encode()))
        elif i % 5 == 1:
            files.append((f"gen/page-{i:02d}.html", (
                f"<html><head><title>{what.capitalize()}</title><meta name='date' content='{pub}'>"
                f"</head><body><article><p>{body}</p><p>{said.capitalize()} declined to comment "
                f"further on {what}.</p></article></body></html>").encode()))
        else:
            files.append((f"gen/{pub}-story-{i:02d}.txt", f"{what.capitalize()}\n{pub}\n\n{body}\n".encode()))
    # a near-duplicate and an exact copy (which one is kept must not depend on the order)
    files.append(("gen/copy-a.txt", files[-1][1]))
    files.append(("gen/copy-b.txt", files[-1][1].replace(b"Story number", b"Report number")))
    # the same file name in two folders: ids must not depend on which is given first
    for k, sub in enumerate(("north", "south")):
        files.append((f"gen/{sub}/report.txt", (
            f"Report from the {sub}\n2021-0{k + 3}-02\n\nThe {sub} bank of the river burst on "
            f"1 {MONTHS[k + 2]} 2021, flooding {k + 3} villages, {EVENTS[k][2]} said.\n").encode()))
    records = [{"id": f"wire-{k}", "published": f"2021-0{k + 1}-15", "source": "Wire",
                "text": f"The wire service reported on 15 {MONTHS[k]} 2021 that {EVENTS[k][0]}. "
                        f"{EVENTS[k][2].capitalize()} confirmed it on 14 {MONTHS[k]} 2021."}
               for k in range(5)]
    records.append(dict(records[0], text=records[0]["text"] + " More later."))  # same id twice
    files.append(("feed.jsonl", "".join(json.dumps(r) + "\n" for r in records).encode()))
    return files


def write_corpus(root: Path, files: list[tuple[str, bytes]], order: str) -> None:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    items = list(files)
    if order == "reverse":
        items.reverse()
    elif order == "shuffled":
        random.Random(5).shuffle(items)
    for name, data in items:
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def build(paths: list[str], out: Path, *extra: str) -> dict[str, bytes]:
    assert main(["build", *paths, "-o", str(out), "-q", "--format", "all", *extra]) == 0
    return outputs(out)


def build_subprocess(paths: list[str], out: Path, seed: str, *extra: str) -> dict[str, bytes]:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    proc = subprocess.run([sys.executable, "-m", "dateline.cli", "build", *paths, "-o", str(out), "-q",
                           "--format", "all", *extra], env=env, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr
    return outputs(out)


def assert_same(a: dict[str, bytes], b: dict[str, bytes], what: str) -> None:
    for name in OUTPUTS:
        assert a[name] == b[name], f"{name} differs ({what})"


@pytest.fixture(scope="module")
def corpus(examples_dir, tmp_path_factory):
    files = corpus_files(examples_dir)
    root = tmp_path_factory.mktemp("det")
    return files, root


def test_outputs_are_complete(corpus):
    files, root = corpus
    write_corpus(root / "c", files, "forward")
    out = build([str(root / "c")], root / "complete", "-j", "1")
    rows = [json.loads(ln) for ln in out["documents.jsonl"].decode().splitlines()]
    assert len(rows) == len(files) - 1 + 6  # every file, the JSONL file counts as its 6 lines
    assert len(rows) > INLINE_BELOW
    assert {r["status"] for r in rows} >= {"used", "duplicate"}
    assert any(r["date_source"] == "inferred" for r in rows)
    assert str(root) not in out["timeline.html"].decode()  # no absolute paths in the report


def test_file_creation_order_and_workers(corpus):
    """Files created in another order (so the directory lists them differently), -j 1 vs -j 2."""
    files, root = corpus
    c = root / "c"
    write_corpus(c, files, "forward")
    first = build([str(c)], root / "a", "-j", "1")
    write_corpus(c, files, "reverse")
    second = build([str(c)], root / "b", "-j", "2")
    assert_same(first, second, "creation order, -j 1 vs -j 2")
    write_corpus(c, files, "shuffled")
    third = build([str(c)], root / "a", "-j", "2")  # and over the previous outputs
    assert_same(first, third, "shuffled creation order, -j 2, rewritten outputs")


def test_command_line_order(corpus):
    files, root = corpus
    c = root / "c"
    write_corpus(c, files, "forward")
    paths = sorted(str(p) for p in c.rglob("*") if p.is_file())
    forward = build(paths, root / "fwd", "-j", "2")
    backward = build(paths[::-1], root / "bwd", "-j", "1")
    assert_same(forward, backward, "paths in reverse order")


def test_hash_seed(corpus):
    files, root = corpus
    c = root / "c"
    write_corpus(c, files, "forward")
    one = build_subprocess([str(c)], root / "s1", "1", "-j", "2")
    two = build_subprocess([str(c)], root / "s2", "2", "-j", "1")
    assert_same(one, two, "PYTHONHASHSEED 1 vs 2")
    same = build([str(c)], root / "s3", "-j", "2")
    assert_same(one, same, "in-process run")


def test_seed_corpus(seed_dir, tmp_path):
    paths = sorted(str(p) for p in seed_dir.iterdir())
    one = build_subprocess(paths, tmp_path / "a", "1")
    two = build_subprocess(paths[::-1], tmp_path / "b", "2", "-j", "2")
    assert_same(one, two, "seed corpus: order and hash seed")
    three = build([str(seed_dir)], tmp_path / "c", "-j", "1")
    four = build([str(seed_dir)], tmp_path / "d", "-j", "2")
    assert_same(three, four, "seed corpus folder: workers")
