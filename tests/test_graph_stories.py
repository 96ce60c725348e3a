"""Stories on the real shared corpus and on made-up copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from proxygraph.graph import group_stories, load_weights
from proxygraph.graph.stories import profile, translation_signals
from proxygraph.models import Claim, Document

TEXT = (
    "Negotiators from both delegations met for six hours in the lakeside hotel and agreed "
    "on a prisoner exchange, a ceasefire along the eastern front and a joint commission "
    "to inspect the dams, officials said after the talks ended late on Thursday evening. "
    "The agreement still needs approval by parliament, where the opposition has promised "
    "to vote against any deal that leaves the occupied villages in the hands of the militia."
)


def corpus_documents(corpus: Path) -> list[Document]:
    """Documents read straight from the files: id = file stem, as the schema says."""
    files = sorted(corpus.glob("*/*.txt"))
    return [Document(id=f.stem, text=f.read_text("utf-8"), path=str(f)) for f in files]


def multi_doc_stories(documents: list[Document], claims: list[Claim] = ()) -> list[list[str]]:
    return [s.docs for s in group_stories(documents, claims) if len(s.docs) > 1]


def test_graph_stories_corpus_translation_pair_only(corpus_dir):
    """Seeds 002 (edited) and 003 (machine translation) are one story; nothing else joins."""
    stories = multi_doc_stories(corpus_documents(corpus_dir))
    assert [[d[:3] for d in docs] for docs in stories] == [["002", "003"]]


def test_graph_stories_corpus_with_ingest_and_extraction(corpus_dir):
    """The same with the real readers (kept prose, dates) and the real extracted claims."""
    from proxygraph.extract import extract_document
    from proxygraph.ingest import read_paths

    # the first dev set's folders: wave2/ holds other stories (and other languages)
    folders = [corpus_dir / "seeds", corpus_dir / "news"]
    documents = [d for d in read_paths(folders) if isinstance(d, Document)]
    claims = [c for d in documents for c in extract_document(d).claims]
    assert len(documents) == 21 and claims
    stories = multi_doc_stories(documents, claims)
    assert [[d[:3] for d in docs] for docs in stories] == [["002", "003"]]


def test_graph_stories_translation_signals_agree(corpus_dir):
    docs = {d.id[:3]: d for d in corpus_documents(corpus_dir) if d.id[:3] in ("002", "003")}
    from proxygraph.actors import Catalog, Gazetteer

    finder = Gazetteer(Catalog.load())
    p, q = (profile(docs[k], finder, set()) for k in ("002", "003"))
    signals = translation_signals(p, q, load_weights())
    assert {"names", "numbers", "actors"} <= set(signals)


def test_graph_stories_copies_join_and_others_do_not():
    docs = [Document(id=f"c{i}", text=f"From our wire desk {i}. " + TEXT) for i in range(3)]
    docs.append(Document(id="other", text=TEXT.replace("prisoner", "grain")[::-1]))
    stories = group_stories(docs)
    assert [s.docs for s in stories if len(s.docs) > 1] == [["c0", "c1", "c2"]]
    assert stories[0].kind == "duplicate"


def test_graph_stories_dates_far_apart_stay_apart():
    a = Document(id="a", text=TEXT, published="2019-01-10")
    b = Document(id="b", text=TEXT, published="2023-06-01")
    w = load_weights()
    from proxygraph.actors import Catalog, Gazetteer

    finder = Gazetteer(Catalog.load())
    assert translation_signals(profile(a, finder, set()), profile(b, finder, set()), w) is None


@pytest.mark.parametrize("shared_claims, joined", [(3, True), (1, False)])
def test_graph_stories_claim_overlap_is_a_signal(shared_claims, joined):
    """Two rewrites with different wording: names plus shared claims join them."""
    names = " ".join(f"Zeta{c}ville met Omega{c}burg." for c in "abcdefghij")
    a = Document(id="a", text="Report one. " + names + " " + TEXT)
    b = Document(id="b", text="Second account. " + names + " " + TEXT[::-1])
    rels = [("Alpha", "ARMS", "Beta"), ("Alpha", "FUNDS", "Beta"), ("Gamma", "ATTACKS", "Beta")]
    claims = [
        Claim(doc=d, subject=s, relation=r, object=o, quote="q", start=0, end=1)
        for d in ("a", "b")
        for s, r, o in rels[:shared_claims]
    ]
    assert bool(multi_doc_stories([a, b], claims)) is joined


@pytest.mark.parametrize("seed", range(6))
def test_graph_stories_candidate_pairs_count_shared_items(seed: int) -> None:
    """Issue 15: the pairs counted in numpy are the pairs a Counter over every pair gives."""
    import random
    from collections import Counter
    from itertools import combinations

    from proxygraph.graph.stories import Profile, candidate_pairs

    rng = random.Random(seed)
    weights = load_weights()
    pool = [f"Name{i}" for i in range(12)]  # small: many pairs share the 8 needed
    profiles = {
        f"doc-{rng.randint(0, 999):03d}-{i}": Profile(
            doc=Document(id=f"d{i}", text=""),
            words=[],
            names=set(rng.sample(pool, rng.randint(0, 12))),
            numbers={str(rng.randint(1, 6)) for _ in range(rng.randint(0, 8))},
            actors=Counter(),
            claims=set(),
        )
        for i in range(rng.randint(20, 70))
    }
    cfg, limit = weights.stories, max(50, len(profiles) // 10)
    expected: set[tuple[str, str]] = set()
    for field, need in (("names", "names_min_shared"), ("numbers", "numbers_min_shared")):
        shared: Counter[tuple[str, str]] = Counter()
        for item in {x for p in profiles.values() for x in getattr(p, field)}:
            docs = sorted(d for d, p in profiles.items() if item in getattr(p, field))
            if len(docs) <= limit:
                shared.update(combinations(docs, 2))
        expected |= {pair for pair, n in shared.items() if n >= cfg[need]}
    assert expected and candidate_pairs(profiles, weights) == sorted(expected)
