"""A deterministic layout of every actor, computed once per snapshot.

The same store gives the same picture, and a filter only hides nodes: each actor keeps its
place, so the eye can follow Russia from one view to the next. Clusters are separated:
actors are grouped into communities (Louvain, fixed seed), each community is laid out on
its own (Fruchterman-Reingold, fixed seed) and the communities are then packed apart,
largest in the middle, so a hub's neighbourhood does not melt into the next one's.

Only the ``LAID_OUT`` best-connected actors go through the force layout (its cost grows
with the square of the nodes); any other actor is placed next to its best-connected
neighbour that has a place, or on an outer ring, at an angle taken from its name's hash.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict

import networkx as nx
import numpy as np

from proxygraph.web.columns import Columns

LAID_OUT = 600
SEED = 7
UNIT = 60.0  # pixels between two neighbours at zoom 1, roughly
GAP = 0.5 * UNIT  # room left between two laid-out actors' discs


def layout(cols: Columns) -> dict[str, tuple[float, float]]:
    """Positions in pixels for every actor of the columns; the same columns, the same map."""
    weights: dict[tuple[int, int], int] = defaultdict(int)
    for a, b in zip(cols.edge_a.tolist(), cols.edge_b.tolist(), strict=True):
        weights[(min(a, b), max(a, b))] += 1
    degree = np.zeros(len(cols.actors), dtype=np.int64)
    for a, b in weights:
        degree[a] += 1
        degree[b] += 1
    order = sorted(range(len(cols.actors)), key=lambda i: (-degree[i], cols.actors[i]))
    core = {i for i in order[:LAID_OUT] if degree[i] > 0}
    graph = nx.Graph()
    graph.add_nodes_from(sorted(core))
    graph.add_weighted_edges_from(
        sorted((a, b, w) for (a, b), w in weights.items() if a in core and b in core)
    )
    top = max(int(degree.max(initial=1)), 1)
    radius = {i: 12 + 30 * math.sqrt(degree[i] / top) for i in core}  # drawn size, roughly
    pos = _spread(_clustered(graph), radius)
    _place_rest(cols, order, weights, degree, pos)
    return {cols.actors[i]: (round(x, 1), round(y, 1)) for i, (x, y) in pos.items()}


def _clustered(graph: nx.Graph) -> dict[int, tuple[float, float]]:
    if graph.number_of_nodes() == 0:
        return {}
    groups = nx.community.louvain_communities(graph, weight="weight", seed=SEED)
    groups = sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g[0]))
    shapes = [_inner(graph.subgraph(g)) for g in groups]
    centres = _pack([r for _, r in shapes])
    pos: dict[int, tuple[float, float]] = {}
    for (local, _), (cx, cy) in zip(shapes, centres, strict=True):
        for node, (x, y) in local.items():
            pos[node] = (cx + x, cy + y)
    return pos


def _inner(sub: nx.Graph) -> tuple[dict[int, tuple[float, float]], float]:
    """One community laid out around (0, 0), and its radius."""
    nodes = sorted(sub.nodes)
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}, UNIT / 2
    radius = UNIT * (1.1 * math.sqrt(len(nodes)) + 0.5)
    start = {n: _hash_angle_point(str(n), 1.0) for n in nodes}
    raw = nx.spring_layout(sub, pos=start, seed=SEED, iterations=80, weight=None, center=(0, 0))
    span = max(max(abs(x), abs(y)) for x, y in raw.values()) or 1.0
    return {n: (raw[n][0] / span * radius, raw[n][1] / span * radius) for n in nodes}, radius


def _spread(
    pos: dict[int, tuple[float, float]], radius: dict[int, float], rounds: int = 80
) -> dict[int, tuple[float, float]]:
    """Pushes apart actors whose discs (a hub's is larger) come closer than ``GAP``: a hub's
    neighbours would otherwise sit on it and on each other's labels. Each pair moves along
    the line joining it, half each way, for at most ``rounds`` rounds: the result depends on
    the input only."""
    if len(pos) < 2:
        return pos
    nodes = sorted(pos)
    xy = np.array([pos[n] for n in nodes], dtype=float)
    r = np.array([radius.get(n, 12.0) for n in nodes])
    need = GAP + r[:, None] + r[None, :]
    for _ in range(rounds):
        delta = xy[:, None, :] - xy[None, :, :]
        dist = np.hypot(delta[..., 0], delta[..., 1])
        np.fill_diagonal(dist, 1e12)  # an actor never pushes itself
        close = dist < need
        if not close.any():
            break
        dist = np.where(dist == 0, 1e-6, dist)
        push = np.where(close, (need - dist) / dist / 2, 0.0)
        xy += (delta * push[..., None]).sum(axis=1) / 2
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, xy, strict=True)}


def _pack(radii: list[float]) -> list[tuple[float, float]]:
    """Circles of the given radii, largest first, each put at the first free place along a
    spiral out of the centre: the big communities in the middle, none overlapping."""
    placed: list[tuple[float, float, float]] = []
    gap = UNIT * 0.8
    for r in radii:
        t = 0.0
        while True:
            d = 2.2 * t
            x, y = d * math.cos(t), d * math.sin(t)
            if all(math.hypot(x - px, y - py) >= r + pr + gap for px, py, pr in placed):
                break
            t += 0.15 if t < 20 else 0.05
        placed.append((x, y, r))
    return [(x, y) for x, y, _ in placed]


def _place_rest(cols, order, weights, degree, pos) -> None:
    neighbours: dict[int, list[int]] = defaultdict(list)
    for a, b in weights:
        neighbours[a].append(b)
        neighbours[b].append(a)
    extent = max((math.hypot(x, y) for x, y in pos.values()), default=0.0) + 2 * UNIT
    for i in order:
        if i in pos:
            continue
        near = [n for n in neighbours[i] if n in pos]
        name = cols.actors[i]
        if near:
            anchor = min(near, key=lambda n: (-degree[n], cols.actors[n]))
            dx, dy = _hash_angle_point(name, UNIT * 0.8)
            pos[i] = (pos[anchor][0] + dx, pos[anchor][1] + dy)
        else:
            dx, dy = _hash_angle_point(name, extent + UNIT * _hash_unit(name + "r") * 3)
            pos[i] = (dx, dy)


def _hash_unit(text: str) -> float:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF


def _hash_angle_point(text: str, radius: float) -> tuple[float, float]:
    angle = 2 * math.pi * _hash_unit(text)
    return radius * math.cos(angle), radius * math.sin(angle)
