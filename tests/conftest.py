"""Fixtures shared across test modules. Keep this file small: add, don't rewrite."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus"
PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh database file location (the file itself does not exist yet)."""
    return tmp_path / "test.duckdb"


@pytest.fixture
def corpus_dir() -> Path:
    """The shared corpus, read at test time and never copied into the project."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not available")
    return CORPUS
