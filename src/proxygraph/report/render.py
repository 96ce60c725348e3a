"""Briefings as Markdown, HTML (charts inline as base64 PNG) or PDF (WeasyPrint from the HTML).

Article text reaches the page only through Jinja2 with autoescaping on (HTML) or the
``md`` filter (Markdown), so a quote can never inject markup.
"""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from proxygraph.graph import ClaimSet
from proxygraph.report import charts
from proxygraph.report.model import ActorBriefing, CorpusBriefing, actor_briefing, corpus_briefing

FORMATS = ("md", "html", "pdf")
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-!|>~])")


def md_escape(value: Any) -> str:
    """Text safe inside Markdown: specials backslashed, angle brackets as entities."""
    text = MD_SPECIAL.sub(r"\\\1", "" if value is None else str(value))
    return text.replace("<", "&lt;").replace("\n", " ")


def is_http_url(value: Any) -> bool:
    """Only web links become hyperlinks: a stored ``javascript:`` URL stays plain text."""
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def environment() -> Environment:
    folder = resources.files("proxygraph.report").joinpath("templates")
    env = Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md_escape
    env.tests["http_url"] = is_http_url
    env.globals["css"] = folder.joinpath("report.css").read_text("utf-8")
    return env


def format_of(path: Path | str) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ValueError(f"report file must end in .md, .html or .pdf, not {Path(path).name!r}")
    return suffix


def actor_report(cs: ClaimSet, actor: str, charts_on: bool = True) -> ActorBriefing:
    briefing = actor_briefing(cs, actor)
    if charts_on and briefing.claims:
        rows = [c.name for c in briefing.counterparts][:12]
        mine = [c for c in cs.claims if actor in (c.subject, c.object)]
        briefing.charts = _encoded(
            {
                "heatmap": charts.heatmap(
                    cs, charts.neighbourhood(cs, actor), f"Friend or foe: {actor}'s neighbourhood"
                ),
                "timeline": charts.timeline_chart(cs, actor, rows, f"Claims about {actor} by year"),
                "relations": charts.relation_bars(mine, f"Relations in claims about {actor}"),
            }
        )
    return briefing


def corpus_report(cs: ClaimSet, top: int = 10, charts_on: bool = True) -> CorpusBriefing:
    briefing = corpus_briefing(cs, top=top)
    if charts_on and briefing.claims:
        actors = [c["actor"] for c in briefing.connected][:12]
        briefing.charts = _encoded(
            {
                "heatmap": charts.heatmap(cs, actors, "Friend or foe: the most connected actors"),
                "timeline": charts.timeline_chart(cs, None, actors, "Claims per actor by year"),
                "relations": charts.relation_bars(cs.claims, "Relations in the corpus"),
            }
        )
    return briefing


def _encoded(images: dict[str, bytes]) -> dict[str, str]:
    return {name: base64.b64encode(data).decode("ascii") for name, data in images.items()}


def render(
    briefing: ActorBriefing | CorpusBriefing, fmt: str, db: str = "", stem: str = "report"
) -> str:
    """Markdown or HTML text of a briefing (PDF is rendered from the HTML)."""
    kind = "actor" if isinstance(briefing, ActorBriefing) else "corpus"
    template = environment().get_template(f"{kind}.{'md.txt' if fmt == 'md' else 'html'}")
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return template.render(b=briefing, db=db, generated=generated, fmt=fmt, stem=stem)


def write_report(briefing: ActorBriefing | CorpusBriefing, path: Path | str, db: str = "") -> Path:
    """Write the briefing in the format its file name asks for."""
    path = Path(path)
    fmt = format_of(path)
    if fmt == "pdf":
        from weasyprint import HTML  # imported late: it loads pango, slow to start

        HTML(string=render(briefing, "pdf", db)).write_pdf(str(path))
    else:
        path.write_text(render(briefing, fmt, db, path.stem), encoding="utf-8")
    if fmt == "md" and briefing.charts:
        write_chart_files(briefing, path)
    return path


def write_chart_files(briefing: ActorBriefing | CorpusBriefing, report: Path) -> list[Path]:
    """Markdown cannot hold images: write them beside it, as the report links them."""
    out = []
    for name, data in briefing.charts.items():
        target = chart_path(report, name)
        target.write_bytes(base64.b64decode(data))
        out.append(target)
    return out


def chart_path(report: Path, name: str) -> Path:
    return report.with_name(f"{report.stem}.{name}.png")
