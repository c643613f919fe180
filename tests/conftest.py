"""Shared test fixtures: paths to the shared corpus (tests skip cleanly when it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "corpus" / "japan-north-korea"
T17 = SHARED / "data" / "t17"
EXAMPLES = REPO / "examples" / "corpus"


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    if not SEED.is_dir() or not any(SEED.iterdir()):
        pytest.skip("../shared/corpus/japan-north-korea is not present")
    return SEED


@pytest.fixture(scope="session")
def t17_dir() -> Path:
    if not T17.is_dir():
        pytest.skip("../shared/data/t17 is not present")
    return T17


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES
