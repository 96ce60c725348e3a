"""Charts drawn with matplotlib's Agg backend (no display needed), returned as PNG bytes."""

from __future__ import annotations

import io
from collections import Counter

import matplotlib

matplotlib.use("Agg")  # before pyplot: reports are drawn in servers and CI, never on screen

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from proxygraph.graph import ClaimSet, pair_stances  # noqa: E402
from proxygraph.graph.evidence import holds  # noqa: E402
from proxygraph.graph.stance import pair_key  # noqa: E402
from proxygraph.models import Claim  # noqa: E402
from proxygraph.ontology import CERTAINTIES  # noqa: E402

VALENCE_COLOURS = {1: "#1a9850", -1: "#d73027", 0: "#7f7f7f"}
CERTAINTY_COLOURS = {
    "asserted": "#2c7bb6",
    "reported": "#abd9e9",
    "alleged": "#fdae61",
    "denied": "#d7191c",
}
DPI = 110


def png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def neighbourhood(cs: ClaimSet, actor: str, size: int = 10) -> list[str]:
    """``actor`` and its counterparts with the most stance weight."""
    pairs = [p for p in pair_stances(cs, actor) if p.mass > 0][: size - 1]
    return [actor] + [p.other(actor) for p in pairs]


def stance_matrix(cs: ClaimSet, actors: list[str]) -> np.ndarray:
    """Balance (-1 hostile .. +1 cooperative) of each pair among ``actors``; NaN = no weight."""
    index = {a: i for i, a in enumerate(actors)}
    matrix = np.full((len(actors), len(actors)), np.nan)
    for pair in pair_stances(cs):
        if pair.mass > 0 and pair.a in index and pair.b in index:
            i, j = index[pair.a], index[pair.b]
            matrix[i, j] = matrix[j, i] = pair.balance
    return matrix


def heatmap(cs: ClaimSet, actors: list[str], title: str) -> bytes:
    """Friend/foe matrix: green cooperative, red hostile, blank where nothing is claimed."""
    matrix = stance_matrix(cs, actors)
    side = max(4.0, 0.55 * len(actors) + 2)
    fig, ax = plt.subplots(figsize=(side + 1.5, side))
    image = ax.imshow(np.ma.masked_invalid(matrix), cmap="RdYlGn", vmin=-1, vmax=1)
    ax.set_xticks(range(len(actors)), actors, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(actors)), actors, fontsize=8)
    ax.set_facecolor("#f4f4f4")
    for (i, j), value in np.ndenumerate(matrix):
        if not np.isnan(value):
            ax.text(j, i, f"{value:+.1f}", ha="center", va="center", fontsize=7)
    fig.colorbar(image, ax=ax, shrink=0.7, label="balance: hostile -1 .. +1 cooperative")
    ax.set_title(title, fontsize=10)
    return png(fig)


def timeline_chart(cs: ClaimSet, actor: str | None, rows: list[str], title: str) -> bytes:
    """Dated claims per row (a counterpart of ``actor``, or an actor of the corpus) by year.

    Colour is the relation's valence, size the number of claims, hollow = denied or negated.
    """
    points = _timeline_points(cs, actor, rows)
    fig, ax = plt.subplots(figsize=(8, max(2.5, 0.4 * len(rows) + 1.2)))
    for (row, year, valence, held), n in points.items():
        colour = VALENCE_COLOURS[valence]
        ax.scatter(
            year,
            rows.index(row),
            s=30 + 25 * n,
            alpha=0.8,
            linewidths=1.5,
            facecolors=colour if held else "none",
            edgecolors=colour,
        )
    ax.set_yticks(range(len(rows)), rows, fontsize=8)
    ax.invert_yaxis()
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="x", alpha=0.3)
    ax.set_xlabel("year (claim's own time, else publication)")
    ax.set_title(title, fontsize=10)
    _valence_legend(ax)
    return png(fig)


def _timeline_points(cs: ClaimSet, actor: str | None, rows: list[str]) -> Counter:
    points: Counter = Counter()
    for claim in cs.claims:
        row = _row_of(claim, actor, rows)
        year = cs.year(claim)
        if row is not None and year is not None:
            points[(row, year, claim.valence, holds(claim))] += 1
    return points


def _row_of(claim: Claim, actor: str | None, rows: list[str]) -> str | None:
    if actor is None:
        return next((a for a in (claim.subject, claim.object) if a in rows), None)
    if actor not in (claim.subject, claim.object):
        return None
    other = pair_key(claim.subject, claim.object)
    name = other[1] if other[0] == actor else other[0]
    return name if name in rows else None


def _valence_legend(ax) -> None:
    labels = {1: "cooperative", -1: "hostile", 0: "structure"}
    for valence, colour in VALENCE_COLOURS.items():
        ax.scatter([], [], color=colour, label=labels[valence])
    ax.scatter([], [], facecolors="none", edgecolors="black", label="denied / negated")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)


def relation_bars(claims: list[Claim], title: str) -> bytes:
    """Claims per relation type, stacked by certainty."""
    relations = [r for r, _ in Counter(c.relation for c in claims).most_common()]
    counts = Counter((c.relation, c.certainty) for c in claims)
    fig, ax = plt.subplots(figsize=(7, max(2.0, 0.35 * len(relations) + 1)))
    left = np.zeros(len(relations))
    for certainty in CERTAINTIES:
        widths = np.array([counts[(r, certainty)] for r in relations], dtype=float)
        if widths.any():
            ax.barh(
                relations, widths, left=left, color=CERTAINTY_COLOURS[certainty], label=certainty
            )
        left += widths
    ax.invert_yaxis()
    ax.tick_params(axis="y", labelsize=8)
    ax.set_xlabel("claims")
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=7, frameon=False)
    return png(fig)
