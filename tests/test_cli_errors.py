"""`dateline build` errors: one line on stderr naming the problem and what to do, exit code 2 for
usage errors and 1 for runtime failures, never a traceback (except with --debug)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.cli import main

ARTICLE = ("Dam inquiry opens\n2021-03-10\n\nThe inquiry into the Millbrook dam opened on 9 March "
           "2021 in the town hall. Officials said repairs would start in April 2021.\n")


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    p = tmp_path / "in" / "story.txt"
    p.parent.mkdir()
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def run(capsys, *argv: str) -> tuple[int, str]:
    try:
        code = main(["build", *argv])
    except SystemExit as exc:  # argparse
        code = exc.code
    out, err = capsys.readouterr()
    return code, err


def one_error_line(err: str) -> str:
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    errors = [ln for ln in lines if " error: " in ln]
    assert len(errors) == 1, err
    assert lines[-1] == errors[0]
    return errors[0]


def test_missing_path(capsys, tmp_path):
    code, err = run(capsys, str(tmp_path / "nowhere"), "-o", str(tmp_path / "out"), "-q")
    line = one_error_line(err)
    assert code == 2
    assert "nowhere" in line and "does not exist" in line and "check the spelling" in line
    assert not (tmp_path / "out").exists()


def test_output_under_a_file(capsys, tmp_path, article):
    blocker = tmp_path / "report.txt"
    blocker.write_text("not a folder")
    code, err = run(capsys, str(article), "-o", str(blocker / "out"), "-q")
    line = one_error_line(err)
    assert code == 2
    assert "is a file" in line and "choose another -o" in line
    code, err = run(capsys, str(article), "-o", str(blocker), "-q")
    assert code == 2 and "not a folder" in one_error_line(err)
    assert blocker.read_text() == "not a folder"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_output_folder(capsys, tmp_path, article):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        code, err = run(capsys, str(article), "-o", str(ro / "out"), "-q")
    finally:
        ro.chmod(0o755)
    assert code == 2 and "permission denied" in one_error_line(err)


def test_write_failure_at_the_end_is_a_runtime_error(capsys, tmp_path, article, monkeypatch):
    """A folder that turns unwritable during the run (disk full, permissions changed)."""
    from dateline import render

    def full(path, chunks):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(render, "atomic_write", full)
    code, err = run(capsys, str(article), "-o", str(tmp_path / "out"), "-q")
    line = one_error_line(err)
    assert code == 1
    assert "cannot write outputs" in line and "No space left on device" in line and "-o" in line


@pytest.mark.parametrize("argv, needle", [
    (["-j", "two"], "expected a whole number, got 'two'"),
    (["-j", "-3"], "expected 0 or more"),
    (["--max-dates", "0"], "expected a number of at least 1"),
    (["--max-bytes", "lots"], "cannot read 'lots' as a size"),
    (["--max-bytes", "0"], "the size must be positive"),
    (["--format", "pdf"], "unknown format 'pdf'"),
    (["--sentences-per-date", "1.5"], "expected a whole number"),
    (["--no-such-option"], "unrecognized arguments"),
])
def test_bad_option_value(capsys, tmp_path, article, argv, needle):
    code, err = run(capsys, str(article), "-o", str(tmp_path / "out"), *argv)
    line = one_error_line(err)
    assert code == 2
    assert needle in line and "--help" in line


@pytest.mark.parametrize("value", ["yesterday", "2021-13-01", "31/02/2021", ""])
def test_unparseable_from_date(capsys, tmp_path, article, value):
    code, err = run(capsys, str(article), "-o", str(tmp_path / "out"), "--from", value)
    line = one_error_line(err)
    assert code == 2
    assert "--from" in line and "YYYY-MM-DD" in line


def test_from_after_to(capsys, tmp_path, article):
    code, err = run(capsys, str(article), "-o", str(tmp_path / "out"), "--from", "2022", "--to", "2021")
    assert code == 2 and "is after --to" in one_error_line(err)


def test_zero_usable_documents(capsys, tmp_path):
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "empty.txt").write_bytes(b"")
    (junk / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (junk / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    code, err = run(capsys, str(junk), "-o", str(tmp_path / "out"))
    line = one_error_line(err)
    assert code == 1
    assert "none of the 3 inputs has usable article text" in line
    assert "nothing to build a timeline from" in line
    # each input got its own warning line before the error
    assert sum(1 for ln in err.splitlines() if ln.startswith("dateline: warning: ")) == 3


def test_empty_folder(capsys, tmp_path):
    (tmp_path / "none").mkdir()
    code, err = run(capsys, str(tmp_path / "none"), "-o", str(tmp_path / "out"), "-q")
    assert code == 1
    assert "no input documents found" in one_error_line(err)


def test_unexpected_failure_is_one_line_and_debug_shows_the_traceback(capsys, tmp_path, article,
                                                                      monkeypatch):
    from dateline import pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("stage exploded")

    monkeypatch.setattr(pipeline, "assemble_timeline", broken)
    code, err = run(capsys, str(article), "-o", str(tmp_path / "out"), "-q")
    line = one_error_line(err)
    assert code == 1
    assert "RuntimeError: stage exploded" in line and "--debug" in line
    with pytest.raises(RuntimeError, match="stage exploded"):
        main(["build", str(article), "-o", str(tmp_path / "out"), "-q", "--debug"])


def test_debug_usage_error_traceback_in_a_real_process(tmp_path):
    """As a user sees it: no traceback by default, a traceback with --debug."""
    cmd = [sys.executable, "-m", "dateline.cli", "build", str(tmp_path / "missing"), "-o",
           str(tmp_path / "out")]
    plain = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert plain.returncode == 2
    assert plain.stderr.count("\n") == 1 and "Traceback" not in plain.stderr
    debug = subprocess.run(cmd + ["--debug"], capture_output=True, text=True, timeout=120)
    assert debug.returncode != 0 and "Traceback" in debug.stderr
