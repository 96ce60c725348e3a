"""Briefings built only from stored evidence: Markdown, HTML and PDF, with charts.

cs = claim_set(store.claims(), store.documents())
write_report(actor_report(cs, "Russia"), "russia.html")
write_report(corpus_report(cs), "corpus.pdf")
"""

from proxygraph.report.model import ActorBriefing, CorpusBriefing, actor_briefing, corpus_briefing
from proxygraph.report.render import (
    FORMATS,
    actor_report,
    corpus_report,
    format_of,
    md_escape,
    render,
    write_report,
)

__all__ = [
    "FORMATS",
    "ActorBriefing",
    "CorpusBriefing",
    "actor_briefing",
    "actor_report",
    "corpus_briefing",
    "corpus_report",
    "format_of",
    "md_escape",
    "render",
    "write_report",
]
