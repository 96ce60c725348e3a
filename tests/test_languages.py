"""Documents in other languages: detection, dates, lexicons, the Russian adapter, and a
small end-to-end document per language through the window reader (sentences written
for these tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc
from typer.testing import CliRunner

from proxygraph.actors import Catalog, Gazetteer
from proxygraph.cli import app
from proxygraph.extract import extract_document
from proxygraph.extract.lexicon import LexiconError, _validate, lexicon_languages, load_lexicon
from proxygraph.extract.mentions import find_mentions
from proxygraph.extract.timex import claim_time, time_words
from proxygraph.ingest import read_text
from proxygraph.ingest.language import detect_language, language_sample
from proxygraph.ingest.readers import read_paths
from proxygraph.models import Claim
from proxygraph.nlp.languages import Languages, language_spec
from proxygraph.nlp.syntax import Scheme, SyntaxView
from proxygraph.settings import Settings

RU = (
    "Министерство обороны России сообщило в среду о новых поставках вооружений. "
    "По словам представителя ведомства, техника будет передана армии до конца года."
)
FR = (
    "Le gouvernement français a annoncé mercredi de nouvelles mesures pour la région. "
    "Selon le ministre, les troupes resteront déployées jusqu'à la fin de l'année."
)
DE = (
    "Die Bundesregierung hat am Mittwoch neue Maßnahmen für die Region angekündigt. "
    "Nach Angaben des Ministers bleiben die Truppen bis zum Jahresende im Einsatz."
)
AR = "أعلنت الحكومة يوم الأربعاء عن إجراءات جديدة في المنطقة، وقال الوزير إن القوات ستبقى."
EN = (
    "The government announced new measures for the region on Wednesday. The minister "
    "said the troops would stay deployed until the end of the year, officials added."
)


def triples(claims: list[Claim]) -> set[tuple[str, str, str, bool]]:
    return {(c.subject, c.relation, c.object, c.negated) for c in claims}


# -- detection -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"), [(RU, "ru"), (FR, "fr"), (DE, "de"), (AR, "ar"), (EN, "en")]
)
def test_language_detected_from_prose(text: str, code: str) -> None:
    assert detect_language(text) == code
    assert read_text(text, "d").language == code


def test_language_of_mixed_document_is_its_main_language() -> None:
    english = " ".join([EN] * 6)
    assert detect_language(english + "\n" + RU) == "en"  # an English article quoting Russian
    assert detect_language(" ".join([RU] * 6) + "\n" + EN) == "ru"


def test_language_sample_takes_start_middle_and_end() -> None:
    text = "a " * 2000 + "MIDDLE " + "b " * 2000
    sample = language_sample(text)
    assert len(sample) <= 1200 and "MIDDLE" in sample and sample.startswith("a")


def test_language_short_english_with_a_latin_phrase_is_english() -> None:
    # "on" is a word, not YAML's boolean; one English word and no French one is English
    text = "Egypt declared two Iraqi diplomats persona non grata on Monday."
    assert detect_language(text) == "en"
    assert detect_language("Mali declared three French diplomats persona non grata.") == "en"


def test_language_too_short_to_tell_keeps_english_default() -> None:
    assert detect_language("Hamas?") is None
    assert read_text("Hamas?", "d").language == "en"


def test_language_given_by_caller_wins_over_detection(tmp_path: Path) -> None:
    assert read_text(EN, "d", language="fr-FR").language == "fr"
    feed = tmp_path / "feed.jsonl"
    rows = [{"id": "a", "text": RU}, {"id": "b", "text": RU, "language": "uk"}]
    feed.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    docs = [d for d in read_paths([feed], Settings()) if hasattr(d, "language")]
    assert [d.language for d in docs] == ["ru", "uk"]


# -- dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "sentence", "time"),
    [
        ("ru", "Поставки начались в 2015 году.", "2015"),
        ("ru", "Движение запрещено в России с 2003 года.", "2003/2024"),
        ("ru", "Встреча прошла в марте 2024 года.", "2024-03"),
        ("ru", "Визит состоялся 5 марта 2024 года.", "2024-03-05"),
        ("ru", "Группа действовала с 2012 по 2018 год.", "2012/2018"),
        ("ru", "Это было в 2012-2018 годах.", "2012/2018"),
        ("fr", "La coopération existe depuis 2015.", "2015/2024"),
        ("fr", "Les livraisons ont commencé en mars 2024.", "2024-03"),
        ("fr", "Accord signé le 3 mars 2024.", "2024-03-03"),
        ("fr", "Entre 2012 et 2018, le groupe a reçu des armes.", "2012/2018"),
        ("de", "Seit September 2015 fliegt die Luftwaffe Angriffe.", "2015/2024"),
        ("de", "Am 3. März 2016 begann die Offensive.", "2016-03-03"),
        ("ar", "منذ عام ٢٠١٥ تدعم إيران الجماعة", "2015/2024"),
        ("ar", "في مارس 2024 وصل الوفد", "2024-03"),
        ("ru", "Ничего не сказано о времени.", "2024-10"),
    ],
)
def test_timex_reads_dates_of_each_language(language: str, sentence: str, time: str) -> None:
    assert claim_time(sentence, "2024-10-07", time_words(language)) == time


def test_timex_english_unchanged_by_language_parameter() -> None:
    assert claim_time("Since 2003, it was banned.", "2024-05", time_words("en")) == "2003/2024"
    assert claim_time("In March 2024 they met.", None, time_words("en")) == "2024-03"


# -- lexicons --------------------------------------------------------------------------


def test_lexicon_every_language_loads_in_the_english_schema() -> None:
    assert {"en", "ru", "fr", "de", "ar"} <= set(lexicon_languages())
    for code in lexicon_languages():
        lex = load_lexicon(code)
        assert lex.verbs and lex.words("negators") and lex.words("reporting_verbs")
    assert "ARMS" in load_lexicon("ru").verbs["поставлять"]
    assert "no" in load_lexicon("en").words("negators")  # YAML once read it as false


def test_lexicon_rejects_bad_files() -> None:
    good = {k: {} for k in ("verbs", "nouns", "participles", "anaphors", "family_preps")}
    good["phrasal_verbs"] = {}
    _validate(good, "ok.yaml")
    with pytest.raises(LexiconError, match="unknown relation"):
        _validate({**good, "verbs": {"SELLS": ["sell"]}}, "bad.yaml")
    with pytest.raises(LexiconError, match="list of words"):
        _validate({**good, "negators": ["not", False]}, "bad.yaml")
    with pytest.raises(LexiconError, match="must be a mapping"):
        _validate({**good, "nouns": ["weapon"]}, "bad.yaml")
    with pytest.raises(LexiconError, match="no lexicon"):
        load_lexicon("xx")


# -- parsers ---------------------------------------------------------------------------


def test_russian_parser_gives_spacy_docs_with_lemmas_and_ud_labels() -> None:
    languages = Languages()
    text = "Россия поставляла оружие «Хезболле». Иран поставлял дроны России."
    spans = languages.sentences("ru", text)
    assert len(spans) == 2
    first, second = languages.parse("ru", [text[s:e] for s, e in spans])
    verb = first[1]
    assert (verb.lemma_, verb.pos_, verb.dep_) == ("поставлять", "VERB", "ROOT")
    assert first[0].dep_ == "nsubj" and first[0].head.i == 1
    assert second[1].lemma_ == "поставлять"  # one entry covers every form
    assert second[0].morph.get("Case") == ["Nom"]
    assert language_spec("ru").labels == "ud" and language_spec("en").labels == "clearnlp"


def test_french_parser_is_fr_core_news_sm() -> None:
    (doc,) = Languages().parse("fr", ["La Russie a fourni des armes au Mali."])
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["fourni"] == "fournir" and lemmas["armes"] == "arme"
    assert any(t.dep_ == "nsubj" for t in doc)


def test_caseless_scripts_are_cut_at_full_stops() -> None:
    text = "نفت روسيا الخبر. وقال الكرملين إن التقرير مزيف."
    assert len(Languages().sentences("ar", text)) == 2


# -- end to end ------------------------------------------------------------------------


def test_russian_document_read_by_constructions_then_window() -> None:
    text = (
        "Россия поставляла оружие «Хезболле» в 2015 году.\n"
        "Делегация движения «Талибан» (признано террористическим и запрещено в России) "
        "прибыла в Москву для переговоров.\n"
        "Россия никогда не поставляла оружие движению «Талибан». Об этом заявила Захарова."
    )
    result = extract_document(read_text(text, "ru-doc", published="2021-10-20"))
    found = triples(result.claims)
    assert ("Russia", "ARMS", "Hezbollah", False) in found
    assert ("Russia", "DESIGNATES_TERRORIST", "Taliban", False) in found
    assert ("Taliban", "ENGAGES", "Russia", False) in found
    denied = [c for c in result.claims if c.object == "Taliban" and c.relation == "ARMS"]
    assert denied and denied[0].certainty == "denied" and not denied[0].negated
    arms = next(c for c in result.claims if c.object == "Hezbollah")
    assert arms.time == "2015" and arms.construction == "ru.verb_active"
    assert arms.confidence == 1.0
    # the bracket's designation is no construction's: the window reader reads its sentence
    listed = next(c for c in result.claims if c.relation == "DESIGNATES_TERRORIST")
    assert listed.construction == "window:ru"
    assert listed.certainty == "asserted"  # "признано" states the listing, reports nothing
    assert listed.confidence == 0.5 and listed.to_json()["confidence"] == 0.5


def test_french_document_read_by_constructions_then_window() -> None:
    text = (
        "Selon des responsables, la Russie a fourni des armes au Hezbollah en mars 2024.\n"
        "Des instructeurs russes forment l'armée malienne depuis 2021."
    )
    result = extract_document(read_text(text, "fr-doc", published="2024-06"))
    claims = {(c.subject, c.relation, c.object): c for c in result.claims}
    arms = claims[("Russia", "ARMS", "Hezbollah")]
    assert arms.certainty == "reported" and arms.time == "2024-03"
    assert arms.construction == "fr.verb_active"
    assert claims[("Russia", "TRAINS", "Mali")].construction == "window:fr"


def test_window_reader_german_and_arabic_documents() -> None:
    german = "Die von Teheran finanzierte Hisbollah kämpft seit 2013 in Syrien."
    # one short German sentence is mostly names: its language is given, not guessed
    doc = read_text(german, "de-doc", published="2016", language="de")
    found = triples(extract_document(doc).claims)
    assert ("Iran", "FUNDS", "Hezbollah", False) in found
    arabic = "اتهمت إسرائيل إيران بتسليح حزب الله في لبنان."
    result = extract_document(read_text(arabic, "ar-doc", published="2024"))
    found = triples(result.claims)
    assert ("Israel", "ACCUSES", "Iran", False) in found
    assert ("Iran", "ARMS", "Hezbollah", False) in found
    assert all(c.construction == "window:ar" for c in result.claims)


def test_unread_language_gets_a_named_warning(tmp_path: Path) -> None:
    text = (
        "El gobierno de Venezuela negoció con el Ejército de Liberación Nacional en 2017. "
        "Las conversaciones se hicieron en secreto durante varios meses y terminaron sin un "
        "acuerdo, según dijeron después los que estuvieron presentes en la mesa."
    )
    result = extract_document(read_text(text, "es-doc"))
    assert result.claims == []
    assert result.warnings == [
        "E024: es-doc: es: not read for claims (no reader for this language)"
    ]
    (tmp_path / "es.txt").write_text(text, "utf-8")
    db = str(tmp_path / "x.duckdb")
    runner = CliRunner()
    built = runner.invoke(app, ["build", str(tmp_path), "--db", db])
    assert "1 not read for claims (es 1)" in built.output
    listed = runner.invoke(app, ["documents", "--db", db, "--jsonl"])
    assert json.loads(listed.output.splitlines()[0])["language"] == "es"


def test_syntax_view_marks_a_bare_russian_oblique_by_its_case() -> None:
    doc = next(Languages().parse("ru", ["Оружие было передано ополченцам Ираном."]))
    view = SyntaxView(doc, Scheme.load("ud"))
    markers = {view.lower[i]: view.marker[i] for i in range(view.n)}
    assert markers["ираном"] == "instrumental"


def test_gazetteer_reads_a_name_after_a_french_elided_article() -> None:
    doc = read_text("Les armes de l'Iran et d’Israël.", "fr-names", language="fr")
    found = {r.actor for r in find_mentions(doc, Catalog.load(), Gazetteer(Catalog.load()))}
    assert {"Iran", "Israel"} <= found


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Le Qatar, allié de la Turquie, a livré des armes au Hamas."),
        ("ru", "Россия, союзник Ирана, поставляла оружие «Хезболле»."),
    ],
)
def test_window_reader_reads_only_the_words_no_construction_read(language: str, text: str) -> None:
    claims = extract_document(read_text(text, "both", language=language)).claims
    how = {c.relation: c.construction for c in claims}
    assert how["ARMS"] == f"{language}.verb_active"  # the constructions' word
    assert how["ALLIED_WITH"] == f"window:{language}"  # a word they did not read
    assert len([c for c in claims if c.relation == "ARMS"]) == 1


def test_window_reader_never_pairs_two_coordinated_names() -> None:
    # the parse leaves "нанесли" no subject; the window reader must not make one of the
    # two coordinated states the other's target
    text = "В ответ на атаки хуситов США и Великобритания нанесли удары по целям в Йемене."
    found = triples(extract_document(read_text(text, "conj", language="ru")).claims)
    assert ("United Kingdom", "ATTACKS", "United States", False) not in found
    assert ("United States", "ATTACKS", "United Kingdom", False) not in found


def test_constructions_read_negation_on_the_governing_verb() -> None:
    text = "Китай не передавал России летальное оружие."
    claims = extract_document(read_text(text, "neg", language="ru")).claims
    arms = next(c for c in claims if c.relation == "ARMS")
    assert arms.negated and arms.construction == "ru.light_verb_object"


@pytest.mark.parametrize(
    ("language", "text", "actors"),
    [
        (
            "fr",
            "Le Maroc, l'Irak et la RDC ont condamné les Shebab.",
            {"Morocco", "Iraq", "Democratic Republic of the Congo", "al-Shabaab"},
        ),
        ("ru", "ОАЭ и Белоруссия поддержали резолюцию.", {"United Arab Emirates", "Belarus"}),
        (
            "fr",
            "Les Forces démocratiques syriennes, le Hachd al-Chaabi et les FAMa ont rencontré "
            "les Gardiens de la révolution.",
            {
                "Syrian Democratic Forces",
                "Popular Mobilization Forces",
                "Mali",
                "Islamic Revolutionary Guard Corps",
            },
        ),
        (
            "de",
            "Die Syrischen Demokratischen Kräfte und die Revolutionsgarden trafen sich.",
            {"Syrian Democratic Forces", "Islamic Revolutionary Guard Corps"},
        ),
    ],
)
def test_catalog_knows_french_and_russian_names(language: str, text: str, actors: set) -> None:
    doc = read_text(text, "names", language=language)
    catalog = Catalog.load()
    assert actors <= {r.actor for r in find_mentions(doc, catalog, Gazetteer(catalog))}


def test_languages_short_english_with_french_looking_words_stays_english() -> None:
    """Trigrams alone read a short "... as a terrorist organisation in ..." as French; its
    English function words outnumber French ones, so it stays English."""
    text = "Hezbollah is outlawed as a terrorist organisation in the Netherlands."
    assert detect_language(text) == "en"
    assert detect_language("Le Hezbollah est une organisation terroriste selon la France.") != "en"


def test_french_scheme_reads_a_bare_past_participle_as_passive() -> None:
    # fr_core_news_sm gives "soutenus" no voice; the French scheme (ud_fr, extending ud)
    # reads a past participle that modifies a noun as passive
    text = "Les Houthis, soutenus par l'Iran, ont attaqué un navire."
    claims = extract_document(read_text(text, "participle", language="fr")).claims
    support = next(c for c in claims if c.relation == "SUPPORTS")
    assert (support.subject, support.object) == ("Iran", "Houthis")
    assert support.construction == "fr.verb_passive"
    assert Scheme.load("ud_fr").roles == Scheme.load("ud").roles


def test_french_object_misread_as_agent_is_the_object() -> None:
    # the parser hangs "le Hezbollah" on "financé" as obl:agent, with no "par"
    text = "L'Iran a armé et financé le Hezbollah."
    found = triples(extract_document(read_text(text, "caseless", language="fr")).claims)
    assert ("Iran", "FUNDS", "Hezbollah", False) in found
    assert ("Hezbollah", "FUNDS", "Iran", False) not in found


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # the agent of a participle's clause is no party of the main verb
        (
            "Les milices armées par l'Iran ont attaqué les forces américaines.",
            ("Iran", "ATTACKS", "United States", False),
        ),
        # two names of one list are not agent and patient, however the list was parsed
        (
            "Grâce au travail des instructeurs russes et des Forces armées centrafricaines, "
            "l'ennemi a été repoussé.",
            ("Russia", "TRAINS", "Central African Republic", False),
        ),
    ],
)
def test_window_reader_keeps_clauses_and_lists_apart(text: str, wrong: tuple) -> None:
    found = triples(extract_document(read_text(text, "apart", language="fr")).claims)
    assert wrong not in found


def test_window_reader_finds_a_passive_agent_by_its_preposition() -> None:
    # the parse hangs "le Qatar" on "longtemps"; "par" still names the agent
    text = "Le Hamas est soutenu depuis longtemps par le Qatar."
    found = triples(extract_document(read_text(text, "par", language="fr")).claims)
    assert ("Qatar", "SUPPORTS", "Hamas", False) in found
    assert ("Hamas", "SUPPORTS", "Qatar", False) not in found


@pytest.mark.parametrize(
    ("text", "claim", "certainty"),
    [
        # a passive subject is never the doer, but a governing verb's passive subject is
        # the agent of the verb it controls
        (
            "Les Émirats arabes unis sont accusés de livrer des armes aux FSR.",
            ("United Arab Emirates", "ARMS", "Rapid Support Forces", False),
            "alleged",
        ),
        # the verb that accuses judges the claim it governs: it is not the claim's own word
        (
            "Le Soudan accuse les Émirats d'armer les FSR.",
            ("United Arab Emirates", "ARMS", "Rapid Support Forces", False),
            "alleged",
        ),
        ("Kigali dément tout soutien au M23.", ("Rwanda", "SUPPORTS", "M23", False), "denied"),
    ],
)
def test_french_certainty_of_accused_and_denied_acts(
    text: str, claim: tuple, certainty: str
) -> None:
    claims = extract_document(read_text(text, "fr-certainty", language="fr")).claims
    found = {(c.subject, c.relation, c.object, c.negated): c.certainty for c in claims}
    assert found.get(claim) == certainty
    assert ("United Arab Emirates", "ACCUSES", "Rapid Support Forces", False) not in found


def test_syntax_view_survives_a_parse_with_a_cycle() -> None:
    # natasha may hang two words on each other; every walk over the view must end
    words = ["А", "и", "Б", "напали"]
    doc = Doc(
        spacy.blank("ru").vocab,
        words=words,
        heads=[2, 2, 0, 3],
        deps=["conj", "cc", "conj", "ROOT"],
        pos=["PROPN", "CCONJ", "PROPN", "VERB"],
    )
    view = SyntaxView(doc, Scheme.load("ud"))
    assert view.conjuncts(0) == [0, 2]
    assert view.subtree(0) == [0, 1, 2]


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("L'Iran arme les Houthis depuis des années.", ("Iran", "ARMS", "Houthis", False)),
        ("La Russie livre des armes au Burkina Faso.", ("Russia", "ARMS", "Burkina Faso", False)),
        ("La Turquie forme des soldats somaliens.", ("Turkey", "TRAINS", "Somalia", False)),
    ],
)
def test_french_verb_the_tagger_read_as_a_noun(text: str, claim: tuple) -> None:
    # fr_core_news_sm tags "arme", "livre", "forme" as the nouns; with a subject and no
    # copula the view reads the verb (ud_fr's verb_homographs)
    claims = extract_document(read_text(text, "homograph", language="fr")).claims
    assert claim in triples(claims)
    assert all(c.construction == "fr.verb_active" for c in claims)


def test_french_noun_spelled_like_a_verb_stays_a_noun() -> None:
    text = "C'est une arme redoutable pour le Hezbollah, selon Israël."
    assert not extract_document(read_text(text, "noun", language="fr")).claims
