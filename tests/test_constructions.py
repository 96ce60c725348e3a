"""Every construction's examples run as tests: the claims they list must be extracted,
the ones marked absent must not be, and an example with no claims gives no claim."""

from __future__ import annotations

import pytest

from proxygraph.actors import Catalog
from proxygraph.extract import extract_document
from proxygraph.extract.constructions import load_constructions, parse_path
from proxygraph.ingest import read_text
from proxygraph.nlp import parse
from proxygraph.nlp.syntax import Scheme, SyntaxView
from proxygraph.ontology import relation

# English, and the languages read by the same engine over a Universal Dependencies parse.
LANGUAGES = ("en", "ru", "fr")
EXAMPLES = [
    pytest.param(c, n, e, id=f"{c.name}-{n}")
    for language in LANGUAGES
    for c in load_constructions(language)
    for n, e in enumerate(c.examples)
]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


def _keys(text: str, catalog: Catalog, language: str = "en") -> set[tuple[str, ...]]:
    doc = read_text(text, "example", language=language)
    extraction = extract_document(doc, catalog=catalog)
    keys = set()
    for c in extraction.claims:
        neg = ["neg"] if c.negated else []
        keys.add((c.subject, c.relation, c.object, *neg))
        if relation(c.relation).symmetric:
            keys.add((c.object, c.relation, c.subject, *neg))
    return keys


@pytest.mark.parametrize("language", LANGUAGES)
def test_constructions_every_one_has_examples(language: str) -> None:
    constructions = load_constructions(language)
    assert constructions
    assert all(c.examples for c in constructions), [c.name for c in constructions if not c.examples]


@pytest.mark.parametrize(("construction", "n", "example"), EXAMPLES)
def test_constructions_example(construction, n, example, catalog) -> None:
    found = _keys(example.text, catalog, construction.language)
    for claim in example.claims:
        assert tuple(claim) in found, f"{construction.name}: {example.text!r} gave {found}"
    for claim in example.absent:
        assert tuple(claim) not in found, f"{construction.name}: {example.text!r} gave {found}"
    if not example.claims and not example.absent:
        assert not found, f"{construction.name}: {example.text!r} should give no claim: {found}"


def test_constructions_path_language_rejects_unknown_roles() -> None:
    with pytest.raises(ValueError):
        parse_path("obj/nosuchrole")


def test_constructions_path_language_reads_a_lacking_filter() -> None:
    """ "[no=amod]" keeps only nodes without a child of that role (a modifier shared by a
    conjunct that has none of its own)."""
    steps = parse_path("[no=amod]/^conj/amod")
    assert [s.kind for s in steps] == ["lacks", "up", "down"] and steps[0].name == "amod"
    with pytest.raises(ValueError):
        parse_path("[no=nosuchrole]")


def test_syntax_view_reads_a_stray_name_after_a_comma_as_an_apposition() -> None:
    # the parser hangs "the Qassam Brigades" on the verb as a bare adverbial noun
    doc = next(parse(["Officials blamed the armed wing of Hamas, the Qassam Brigades, for it."]))
    view = SyntaxView(doc, Scheme.load("clearnlp"))
    brigades = view.lower.index("brigades")
    assert (view.role[brigades], view.lower[view.head[brigades]]) == ("appos", "wing")


def test_syntax_view_reheads_prepositions() -> None:
    doc = next(parse(["The militia was armed by Iran on behalf of Russia."]))
    view = SyntaxView(doc, Scheme.load("clearnlp"))
    iran = view.lower.index("iran")
    assert (view.role[iran], view.marker[iran], view.lower[view.head[iran]]) == (
        "obl",
        "by",
        "armed",
    )
    russia = view.lower.index("russia")
    assert (view.role[russia], view.marker[russia]) == ("nmod", "of")
    assert view.is_passive(view.lower.index("armed"))
