"""A small hand-built store for report and export tests (helpers only, no tests here).

No extraction, so it is fast and covers every case on purpose.

Cases: an attributed claim, a denial, a negation, a symmetric relation, a MEMBER_OF from
a person, a claim repeated in one sentence, article text with markup, a javascript: URL.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from proxygraph.extract import Extraction
from proxygraph.models import Claim, Document, Mention
from proxygraph.store import Store

# doc id -> (title, publisher, published, url, [(quote, subject, relation, object, fields)])
ARTICLES = {
    "a1": (
        "Arms to the north",
        "Paper A",
        "2017-03-01",
        "https://a.example/arms",
        [
            (
                "U.S. officials say Russia armed the Taliban in 2016.",
                "Russia",
                "ARMS",
                "Taliban",
                {"certainty": "reported", "source": "U.S. officials", "time": "2016"},
            ),
            (
                "Russian jets bombed <b>Islamic State</b> positions & depots.",
                "Russia",
                "ATTACKS",
                "Islamic State",
                {"time": "2015-10"},
            ),
            (
                "Russian jets bombed <b>Islamic State</b> positions & depots.",
                "Russia",
                "ATTACKS",
                "Islamic State",
                {"time": "2015-10", "trigger": "jets"},
            ),  # same claim twice
        ],
    ),
    "a2": (
        "Denial from Moscow",
        "Paper B",
        "2018-04-01",
        "javascript:alert(1)",
        [
            (
                "Moscow denies arming the Taliban.",
                "Russia",
                "ARMS",
                "Taliban",
                {"certainty": "denied", "source": "Russian ministry"},
            ),
            (
                "Russia and Iran are close allies, from 2007 to 2021.",
                "Russia",
                "ALLIED_WITH",
                "Iran",
                {"time": "2007/2021"},
            ),
            (
                "Russia did not designate the Taliban as terrorists.",
                "Russia",
                "DESIGNATES_TERRORIST",
                "Taliban",
                {"negated": True},
            ),
        ],
    ),
    "a3": (
        "Who leads whom",
        None,
        "2019",
        None,
        [
            (
                "Qasem Soleimani led the Quds Force, and Iran backs Hezbollah.",
                "Qasem Soleimani",
                "MEMBER_OF",
                "Quds Force",
                {"subject_type": "person"},
            ),
            (
                "Qasem Soleimani led the Quds Force, and Iran backs Hezbollah.",
                "Iran",
                "SUPPORTS",
                "Hezbollah",
                {},
            ),
            (
                "Iran and Russia hold talks in the early 1990s.",
                "Iran",
                "ENGAGES",
                "Russia",
                {"time": "early 1990s", "certainty": "alleged"},
            ),
        ],
    ),
}
TYPES = {
    "Russia": "state",
    "Iran": "state",
    "Taliban": "armed_group",
    "Islamic State": "armed_group",
    "Hezbollah": "armed_group",
    "Quds Force": "armed_group",
    "Qasem Soleimani": "person",
}


def extraction(doc_id: str) -> Extraction:
    title, publisher, published, url, rows = ARTICLES[doc_id]
    text = " ".join(dict.fromkeys(r[0] for r in rows))
    doc = Document(
        id=doc_id, text=text, title=title, publisher=publisher, published=published, url=url
    )
    claims, mentions = [], []
    for quote, s, rel, o, extra in rows:
        start = text.index(quote)
        fields = {"subject_type": TYPES[s], **extra}
        claims.append(
            Claim(
                doc_id,
                s,
                rel,
                o,
                quote,
                start,
                start + len(quote),
                object_type=TYPES[o],
                extras={"voice": "active"},
                **fields,
            )
        )
        for name in (s, o):
            mentions.append(Mention(doc_id, name, name, start, start + 1, TYPES[name]))
    return Extraction(doc, mentions=mentions, claims=claims)


def build_store(path: Path) -> Path:
    with Store.open(path) as store:
        for doc_id in ARTICLES:
            store.add(extraction(doc_id))
    return path


def claim_count() -> int:
    return sum(len(rows) for *_, rows in ARTICLES.values())


@pytest.fixture(scope="module")
def publish_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("publish") / "publish.duckdb")
