"""Fixtures shared across test modules. Keep this file small: add, don't rewrite.
Constants and builders live in ``support.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import CORPUS, make_extraction


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


@pytest.fixture
def filled_db(db_path: Path) -> Path:
    """A database holding two hand-built documents (d1 from 2018, d2 from 2020)."""
    from proxygraph.store import Store

    with Store.open(db_path) as store:
        store.add(make_extraction("d1"))
        store.add(make_extraction("d2", published="2020"))
    return db_path
