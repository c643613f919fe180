"""The layout keeps its promises (docs/architecture.md): the import layers hold (import-linter),
modules and functions stay small, language data lives in lang/ and is read as data."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "dateline"
REPO = SRC.parent.parent
MAX_MODULE_LINES = 700
MAX_FUNCTION_LINES = 80
# Not split yet (issue #13): every module is split now; the set may not grow again.
NOT_SPLIT_YET: set[str] = set()


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py"))


def test_import_layers_hold():
    """`lint-imports` checks the contracts of pyproject.toml ([tool.importlinter])."""
    exe = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    if not Path(exe).exists():
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    r = subprocess.run([exe, "--no-cache"], cwd=REPO, capture_output=True, text=True,
                       env={"PYTHONPATH": str(SRC.parent), "PATH": str(Path(sys.executable).parent)})
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    assert "0 broken" in r.stdout.split("Contracts:")[-1], r.stdout[-2000:]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(SRC).as_posix())
def test_modules_and_functions_are_small(path: Path):
    rel = path.relative_to(SRC).as_posix()
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= MAX_MODULE_LINES, f"{rel}: {text.count(chr(10))} lines"
    long = [(n.name, n.end_lineno - n.lineno + 1) for n in ast.walk(ast.parse(text))
            if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
            and n.end_lineno - n.lineno + 1 > MAX_FUNCTION_LINES]
    assert not long, f"{rel}: functions over {MAX_FUNCTION_LINES} lines: {long}"


def test_not_split_yet_lists_only_existing_modules():
    assert {p.name for p in SRC.glob("*.py")} >= NOT_SPLIT_YET


def test_language_data_is_packaged_and_counts_in_the_pipeline_version(monkeypatch):
    from dateline import fingerprint, lang

    names = [n for n, _ in lang.data_files()]
    assert "en/calendar.json" in names and "en/stopwords.json" in names
    before = fingerprint.pipeline_version()
    real = lang.data_files
    monkeypatch.setattr(lang, "data_files", lambda: [*real(), ("en/extra.txt", b"new word\n")])
    monkeypatch.setattr(fingerprint, "_PIPELINE_VERSION", None)
    assert fingerprint.pipeline_version() != before
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"lang/*/*.json"' in pyproject and '"lang/*/*.txt"' in pyproject


def test_one_stop_word_source():
    """Stop words come from lang/<code>/stopwords.json only: no module outside lang/ holds a
    stop-word list or asks scikit-learn for its own."""
    offenders = []
    for path in _modules():
        rel = path.relative_to(SRC).as_posix()
        if rel.startswith("lang/"):
            continue
        text = path.read_text(encoding="utf-8")
        if 'stop_words="english"' in text or "_STOP = frozenset" in text:
            offenders.append(rel)
    assert not offenders, offenders
