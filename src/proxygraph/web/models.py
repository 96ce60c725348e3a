"""Typed response models of the JSON API (they make the OpenAPI schema)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from proxygraph.ontology import CERTAINTIES, relations

RelationName = Literal[tuple(relations())]  # type: ignore[valid-type]  (from the ontology)
CertaintyName = Literal[tuple(CERTAINTIES)]  # type: ignore[valid-type]


class ReviewOut(BaseModel):
    """An analyst's judgement of a claim (``proxygraph review``, docs/judgement.md)."""

    status: Literal["confirmed", "corrected", "rejected"]
    note: str | None = None
    claim_id: str = Field(description="the claim's id when it was judged")
    judged_at: str | None = None
    was: dict[str, Any] = Field(
        default_factory=dict, description="corrected fields as the extractor read them"
    )


class ClaimOut(BaseModel):
    id: str
    doc: str
    subject: str
    relation: str
    object: str
    family: str
    valence: int
    quote: str
    start: int
    end: int
    negated: bool
    certainty: str
    source: str | None = None
    time: str | None = None
    year: int | None = None
    trigger: str | None = None
    construction: str | None = None  # the extraction rule that made the claim
    subject_type: str
    object_type: str
    review: ReviewOut | None = None


class ContextOut(BaseModel):
    """The paragraph around a claim's sentence; ``paragraph[start:end]`` is the sentence."""

    paragraph: str
    start: int
    end: int


class EvidenceClaimOut(ClaimOut):
    context: ContextOut
    document_title: str | None = None
    document_url: str | None = None
    published: str | None = None
    story: str


class Page(BaseModel):
    total: int
    limit: int
    offset: int


class ClaimPage(Page):
    items: list[ClaimOut]


class ActorOut(BaseModel):
    name: str
    type: str
    provisional: bool
    mentions: int
    claims: int
    documents: int


class ActorMatch(BaseModel):
    name: str
    type: str
    matched: str = Field(description="the name or alias that matched what was typed")
    claims: int


class ActorPage(Page):
    items: list[ActorOut]


class DesignationOut(BaseModel):
    by: str
    year: int | None = None
    listed: bool = True
    list: str | None = None


class RelationGroupOut(BaseModel):
    counterpart: str
    relation: str
    direction: str
    negated: bool
    count: int
    certainty: dict[str, int]
    years: list[str]
    sources: list[str]
    documents: list[str]
    evidence: list[ClaimOut]


class WeightOut(BaseModel):
    value: float
    stories: int
    sources: int
    units: int


class EvidenceOut(BaseModel):
    quote: str
    doc: str
    story: str
    source: str
    certainty: str
    negated: bool
    year: int | None = None
    relation: str
    subject: str
    object: str
    review: str | None = Field(None, description="confirmed, corrected or rejected by an analyst")


class DyadOut(BaseModel):
    subject: str
    relation: str
    object: str
    claims: int
    support: WeightOut
    against: WeightOut
    net: float
    first_year: int | None = None
    last_year: int | None = None
    certainty: dict[str, int]
    negations: int
    evidence: list[EvidenceOut]
    counter_evidence: list[EvidenceOut]


class PairStanceOut(BaseModel):
    a: str
    b: str
    score: float
    balance: float
    mass: float
    label: str
    confidence: str
    stories: int
    sources: int
    contested: int
    statement: str
    by_year: dict[int, float]
    cooperative: list[EvidenceOut]
    hostile: list[EvidenceOut]
    dyads: list[DyadOut]


class StanceOut(BaseModel):
    actor: str
    allies: list[PairStanceOut]
    adversaries: list[PairStanceOut]
    mixed: list[PairStanceOut]


class YearCount(BaseModel):
    year: int
    cooperation: int = 0
    conflict: int = 0
    structure: int = 0


class ActorDetail(BaseModel):
    actor: ActorOut
    catalogued: bool
    country: str | None = None
    parent: str | None = None
    aliases: list[str]
    aliases_seen: list[tuple[str, int]]
    designations: list[DesignationOut]
    affiliations: list[str]
    relations: list[RelationGroupOut]
    stance: StanceOut
    years: list[YearCount]
    transitions: list[TransitionOut] = Field(default_factory=list)


class EntryOut(BaseModel):
    year: int | None = None
    time: str | None = None
    subject: str
    relation: str
    object: str
    certainty: str
    negated: bool
    source: str
    story: str
    doc: str
    quote: str
    start: int
    copies: int


class TransitionOut(BaseModel):
    a: str = Field(description="the subject; for the stance, the pair's first actor")
    b: str
    aspect: str = Field(description="the relation, or 'stance'")
    from_year: int
    before: str
    year: int
    after: str
    statement: str
    evidence_before: list[EvidenceOut]
    evidence_after: list[EvidenceOut]


class TimelineOut(BaseModel):
    a: str
    b: str
    entries: list[EntryOut]
    transitions: list[TransitionOut] = Field(
        default_factory=list, description="changes year by year: listed -> delisted ..."
    )


class ContradictionOut(BaseModel):
    kind: str
    a: str
    b: str
    claim: str
    for_: list[EvidenceOut] = Field(alias="for")
    against: list[EvidenceOut]
    sources_for: list[str]
    sources_against: list[str]


class HopOut(BaseModel):
    a: str
    b: str
    kind: str
    relations: list[str]
    label: str
    weight: float
    certainty: str
    evidence: list[EvidenceOut]


class PathOut(BaseModel):
    actors: list[str]
    cost: float
    cooperative: bool
    explanation: str
    hops: list[HopOut]


class PathsOut(BaseModel):
    a: str
    b: str
    paths: list[PathOut]


class CentralityOut(BaseModel):
    actor: str
    degree: int
    degree_centrality: float
    betweenness: float


class PairSummaryOut(BaseModel):
    a: str
    b: str
    score: float
    balance: float
    mass: float
    confidence: str
    statement: str


class SummaryOut(BaseModel):
    documents: int
    stories: int
    copied_stories: int
    actors: int
    claims: int
    relations: dict[str, int]
    connected: list[CentralityOut]
    communities: list[list[str]]
    alliances: list[PairSummaryOut]
    hostilities: list[PairSummaryOut]


class DocumentOut(BaseModel):
    id: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    publisher: str | None = None
    language: str
    claims: int


class DocumentPage(Page):
    items: list[DocumentOut]


class Segment(BaseModel):
    """A run of a paragraph: plain text, or a claim sentence (``claims`` indexes the list)."""

    text: str
    claims: list[int] = []


class DocumentDetail(BaseModel):
    document: DocumentOut
    text: str
    paragraphs: list[list[Segment]]
    claims: list[ClaimOut]


class NodeOut(BaseModel):
    id: str
    label: str
    type: str
    degree: int
    claims: int
    x: float = Field(0.0, description="place in the snapshot's deterministic layout (pixels)")
    y: float = 0.0


class EdgeOut(BaseModel):
    id: str
    source: str
    target: str
    valence: str = Field(description="cooperation, conflict or structure")
    directed: bool = Field(
        True, description="from source to target; false for symmetric relations (ALLIED_WITH...)"
    )
    relations: dict[str, int]
    claims: int
    stories: int = Field(description="independent stories behind the edge")
    certainty: str = Field(
        description="best certainty of the claims that hold; "
        "'denied' when every claim is denied or negated"
    )
    contested: bool
    first_year: int | None = None
    last_year: int | None = None
    rejected: bool = Field(
        False,
        description="every claim behind the edge was rejected by an analyst "
        "(drawn only with rejected=true)",
    )


class GraphOut(BaseModel):
    nodes: list[NodeOut]
    edges: list[EdgeOut]
    truncated: bool
    filters: dict[str, Any]


class EdgeClaimsOut(BaseModel):
    a: str
    b: str
    valence: str
    claims: list[EvidenceClaimOut]


class AddedOut(BaseModel):
    id: str
    title: str | None = None
    claims: int
    actors: list[str]
    warnings: list[str]
    url: str


class LimitsOut(BaseModel):
    max_upload_bytes: int
    accepted: list[str]


class ErrorOut(BaseModel):
    detail: str


class ClaimChanges(BaseModel):
    """What a correction may change; a field left out keeps its value."""

    model_config = ConfigDict(extra="forbid")

    subject: str | None = Field(None, min_length=1, max_length=200, description="any alias")
    relation: RelationName | None = None
    object: str | None = Field(None, min_length=1, max_length=200, description="any alias")
    negated: bool | None = None
    certainty: CertaintyName | None = None
    time: str | None = Field(
        None,
        max_length=21,
        pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?)?$",
        description="2015, 2016-03, 2016-03-01 or 2007/2021; empty for no time",
    )


class ReviewIn(BaseModel):
    """A judgement: confirm, reject or correct (with ``set``) a claim, or undo the last one."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["confirm", "reject", "correct", "undo"]
    set: ClaimChanges | None = None
    note: str | None = Field(None, max_length=2000)


class ReviewedOut(BaseModel):
    claim: ClaimOut = Field(description="the claim as judged now (a corrected claim's id changes)")


class JudgementOut(BaseModel):
    status: str
    matched: bool = Field(description="false when a re-extraction no longer yields the claim")
    claim: ClaimOut
    changes: dict[str, Any]
    note: str | None = None
    judged_at: str


class RelationOut(BaseModel):
    name: str
    family: str
    valence: int
    symmetric: bool
    meaning: str


class OntologyOut(BaseModel):
    relations: list[RelationOut]
    certainties: list[str]
