"""Paths, texts and hand-built objects shared by the tests (imported as ``support``;
``conftest`` holds only fixtures, so that tests/browser/conftest.py cannot shadow it)."""

from __future__ import annotations

from pathlib import Path

from proxygraph.models import Claim, Document, Extraction, Mention

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus"
PROJECT = Path(__file__).resolve().parents[1]
SAMPLE = PROJECT / "sample" / "articles"

# -- hand-built extractions, for store and CLI tests that must not depend on extraction --

TEXT = (
    "Russia armed the Taliban in 2017, U.S. officials said. "
    "Moscow denied it. Hezbollah fights alongside Iran."
)


def sentence(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def make_extraction(doc_id: str = "d1", text: str = TEXT, published: str = "2018-02-01"):
    doc = Document(
        id=doc_id, text=text, title=f"Title {doc_id}", published=published, kept=((0, len(text)),)
    )
    s1 = sentence(text, "Russia armed the Taliban in 2017, U.S. officials said.")
    s3 = sentence(text, "Hezbollah fights alongside Iran.")
    mentions = [
        Mention(doc_id, "Russia", "Russia", 0, 6, "state"),
        Mention(doc_id, "Taliban", "Taliban", 17, 24, "armed_group"),
        Mention(
            doc_id, "Russia", "Moscow", text.index("Moscow"), text.index("Moscow") + 6, "state"
        ),
        Mention(doc_id, "Newgroup Brigade", "Newgroup", 0, 1, "armed_group", provisional=True),
    ]
    claims = [
        Claim(
            doc_id,
            "Russia",
            "ARMS",
            "Taliban",
            text[s1[0] : s1[1]],
            *s1,
            certainty="reported",
            source="U.S. officials",
            time="2017",
            trigger="armed",
            subject_type="state",
            object_type="armed_group",
            extras={"voice": "active"},
        ),
        Claim(doc_id, "Hezbollah", "FIGHTS_ALONGSIDE", "Iran", text[s3[0] : s3[1]], *s3),
        Claim(
            doc_id,
            "Russia",
            "DESIGNATES_TERRORIST",
            "Newgroup Brigade",
            text[s3[0] : s3[1]],
            *s3,
            negated=True,
        ),
    ]
    return Extraction(doc, mentions, claims)


def make_corpus(folder: Path, n: int) -> Path:
    """``n`` small article files cycled from the project's own sample, with distinct ids."""
    sources = sorted(SAMPLE.glob("*.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        src = sources[i % len(sources)]
        text = src.read_text("utf-8")
        (folder / f"{src.stem}_{i:04d}.txt").write_text(text + f"\n\nCopy {i}.\n", "utf-8")
    return folder
