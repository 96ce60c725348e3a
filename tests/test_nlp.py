"""The NLP stage's shortcuts give what the stock spaCy pipeline gives, on real articles."""

from __future__ import annotations

from functools import cache

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from proxygraph.nlp import load_pipeline, parse, split_sentences
from proxygraph.nlp.blas import BlasOps
from proxygraph.nlp.pipeline import MODEL_PACKAGE
from support import CORPUS


@cache
def stock_pipeline() -> Language:
    """The model as spaCy loads it (blis matrix products), with proxygraph's tokenizer rule."""
    nlp = spacy.load(MODEL_PACKAGE)
    nlp.tokenizer.token_match = load_pipeline().tokenizer.token_match
    return nlp


@cache
def corpus_sentences() -> tuple[str, ...]:
    out = []
    for path in sorted([*CORPUS.glob("seeds/*.txt"), *CORPUS.glob("news/*.txt")]):
        text = path.read_text("utf-8")
        out += [text[s:e] for s, e in split_sentences(text, ())]
    return tuple(out)


def analysis(doc: Doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i) for t in doc]


def test_nlp_pipeline_multiplies_through_numpy_blas() -> None:
    parser = load_pipeline().get_pipe("parser")
    assert all(isinstance(layer.ops, BlasOps) for layer in parser.model.walk())
    assert not isinstance(stock_pipeline().get_pipe("parser").model.ops, BlasOps)


def test_nlp_blas_ops_give_the_stock_parses_on_the_shared_corpus() -> None:
    sentences = corpus_sentences()
    assert len(sentences) > 500
    skipped = ["ner", "attribute_ruler", "lemmatizer"]
    ours = load_pipeline().pipe(sentences, disable=skipped)
    stock = stock_pipeline().pipe(sentences, disable=skipped)
    differ = [
        s
        for s, a, b in zip(sentences, ours, stock, strict=True)
        if [(t.tag_, t.dep_, t.head.i) for t in a] != [(t.tag_, t.dep_, t.head.i) for t in b]
    ]
    assert differ == []


def test_nlp_fast_tagger_gives_the_attribute_ruler_and_lemmatizer_output() -> None:
    """Coarse tags and lemmas from table look-ups equal the two components they replace,
    but for the verb forms nlp/data/lemma_fixes.yaml corrects ("waged" is "wage")."""
    from importlib import resources

    import yaml

    fixes = yaml.safe_load(
        resources.files("proxygraph.nlp").joinpath("data/lemma_fixes.yaml").read_text("utf-8")
    )
    sentences = corpus_sentences()
    ours = [analysis(d) for d in parse(sentences)]
    stock = [
        [
            (text, tag, pos, fixes.get(text.lower(), lemma) if tag.startswith("VB") else lemma, *r)
            for text, tag, pos, lemma, *r in analysis(d)
        ]
        for d in stock_pipeline().pipe(sentences, disable=["ner"])
    ]
    differ = [s for s, a, b in zip(sentences, ours, stock, strict=True) if a != b]
    assert differ == []


def test_nlp_fast_tagger_mends_the_lemmas_the_suffix_rules_get_wrong() -> None:
    doc = next(parse(["Russia has waged a war against Ukraine."]))
    assert [t.lemma_ for t in doc if t.text == "waged"] == ["wage"]


@pytest.mark.parametrize("trans1,trans2", [(False, False), (True, False), (False, True)])
def test_nlp_blas_gemm_matches_thinc(trans1: bool, trans2: bool) -> None:
    import numpy
    from thinc.api import NumpyOps

    rng = numpy.random.default_rng(3)
    x = rng.random((7, 5), dtype="float32")
    y = rng.random((5, 7), dtype="float32")
    x, y = (x.T.copy() if trans1 else x), (y.T.copy() if trans2 else y)
    expected = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    out = numpy.empty_like(expected)
    assert numpy.allclose(BlasOps().gemm(x, y, trans1=trans1, trans2=trans2), expected, atol=1e-5)
    assert BlasOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2) is out
    assert numpy.allclose(out, expected, atol=1e-5)


def test_nlp_embedding_memo_gives_the_same_parses_and_entities_bit_for_bit() -> None:
    """Token embeddings taken from the memo (nlp/embeddings.py), filled and then reused,
    leave every tensor, parse and entity of the shared corpus as computed afresh."""
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, TAG

    from proxygraph.nlp.embeddings import EmbeddingMemo
    from proxygraph.nlp.pipeline import parse_with, recognise_entities

    sentences = corpus_sentences()
    attrs = [TAG, DEP, HEAD, ENT_IOB, ENT_TYPE]

    def run(memo: EmbeddingMemo | None) -> list[Doc]:
        docs = [d for d, _ in parse_with(((s, None) for s in sentences), memo=memo)]
        for i in range(0, len(docs), 256):
            recognise_entities(docs[i : i + 256], memo)
        return docs

    memo = EmbeddingMemo()
    fresh, filling, reusing = run(None), run(memo), run(memo)
    assert memo.tables and all(len(t.index) > 1000 for t in memo.tables.values())
    for other in (filling, reusing):
        differ = [
            s
            for s, a, b in zip(sentences, fresh, other, strict=True)
            if not (a.tensor == b.tensor).all() or (a.to_array(attrs) != b.to_array(attrs)).any()
        ]
        assert differ == []


def test_nlp_noun_coordinated_with_a_gerund_is_read_as_a_gerund() -> None:
    """ "accused X of harboring and supporting Y": "harboring" is an act, not a noun; a
    noun the verb rules leave whole ("support") stays a noun."""
    doc = next(parse(["Kabul accused Islamabad of harboring and supporting the militants."]))
    words = {t.text: (t.pos_, t.lemma_) for t in doc}
    assert words["harboring"] == ("VERB", "harbor")


def test_nlp_name_led_by_a_capitalised_function_word_stays_one_token() -> None:
    from proxygraph.nlp.pipeline import tokenize_names

    text = "American troops targeted IS Khorasan in Nangarhar."
    start = text.index("IS")
    doc = tokenize_names(text, [(start, start + len("IS Khorasan"))])
    assert "IS Khorasan" in [t.text for t in doc]
