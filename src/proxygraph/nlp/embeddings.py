"""Token embeddings computed once per distinct word form, for one extractor.

The first layer of each token-to-vector model (the tok2vec component and the named-entity
model's own) reads nothing but the token's features — hashed norm, prefix, suffix and
shape, and whether a space follows — and mixes their embeddings through a maxout layer:
a third of the model's matrix products, repeated for every occurrence of "the". The
layers after it look at neighbouring words and are left alone.

``EmbeddingMemo`` keeps the rows already computed, keyed by the features. A row comes
out bit for bit the same as in a full batch: rows missing from the memo are computed
together, padded to at least ``MIN_ROWS`` (BLAS takes another code path for a handful of
rows, which rounds differently), and batches smaller than that skip the memo.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
from spacy.language import Language
from thinc.api import Model

EMBED_PARTS = ("extract_features", "list2ragged", "ragged2list")
MIN_ROWS = 64  # a full batch holds hundreds of tokens; smaller blocks may round otherwise
MAX_ROWS = 50_000  # distinct feature tuples kept per model (about 19 MB at width 96)


class _Table:
    """The memo of one embedding layer: feature tuple (as bytes) -> row of ``rows``."""

    def __init__(self, width: int) -> None:
        self.index: dict[bytes, int] = {}
        self.rows = np.zeros((1024, width), dtype="float32")

    def add(self, keys: list[bytes], rows: np.ndarray) -> None:
        size = len(self.index)
        room = min(len(keys), MAX_ROWS - size)
        if room <= 0:
            return
        if size + room > len(self.rows):
            grown = np.zeros((max(size + room, 2 * len(self.rows)), self.rows.shape[1]), "float32")
            grown[:size] = self.rows[:size]
            self.rows = grown
        self.rows[size : size + room] = rows[:room]
        self.index.update(zip(keys[:room], range(size, size + room), strict=True))


class EmbeddingMemo:
    """The memo tables of one extractor, one per embedding layer, filled as it parses."""

    def __init__(self) -> None:
        self.tables: dict[int, _Table] = {}

    @contextmanager
    def serving(self, nlp: Language) -> Iterator[None]:
        """The pipeline's embedding layers read and fill this memo inside the block."""
        forwards = [
            f for layer in _embedding_layers(nlp) if isinstance(f := layer._func, _Memoised)
        ]
        previous = [f.memo for f in forwards]
        for forward in forwards:
            forward.memo = self
        try:
            yield
        finally:
            for forward, memo in zip(forwards, previous, strict=True):
                if forward.memo is self:  # another extractor's block may have taken over
                    forward.memo = memo

    def table(self, model: Model) -> _Table:
        table = self.tables.get(model.id)
        if table is None:
            table = self.tables[model.id] = _Table(model.get_dim("nO"))
        return table


class _Memoised:
    """An embedding layer's forward pass that consults the memo being served, if any."""

    def __init__(self, model: Model) -> None:
        self.original = model._func
        self.memo: EmbeddingMemo | None = None

    def __call__(self, model: Model, docs: list, is_train: bool):
        if is_train or self.memo is None:
            return self.original(model, docs, is_train)
        extract, _, mix, maxout, _ = model.layers
        features, _ = extract(docs, False)
        lengths = [len(f) for f in features]
        if sum(lengths) < MIN_ROWS:
            return self.original(model, docs, is_train)
        table = self.memo.table(model)
        rows = _rows(table, np.concatenate(features), lambda x: maxout(mix(x, False)[0], False)[0])
        return model.ops.unflatten(rows, lengths), _no_backprop


def _rows(table: _Table, features: np.ndarray, compute) -> np.ndarray:
    """The embedding of every token, from the memo or computed for the forms it lacks."""
    width = features.dtype.itemsize * features.shape[1]
    keys = np.ascontiguousarray(features).view(np.dtype((np.void, width))).ravel()
    distinct, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    found = [table.index.get(k) for k in distinct.tolist()]
    missing = [j for j, at in enumerate(found) if at is None]
    if not missing:
        return table.rows[np.array(found, dtype="int64")[inverse]]
    new = features[first[missing]]
    if len(new) < MIN_ROWS:  # padded with copies, so that BLAS takes its usual path
        new = np.concatenate([new, np.repeat(new[:1], MIN_ROWS - len(new), axis=0)])
    computed = compute(new)[: len(missing)]
    out = np.empty((len(distinct), computed.shape[1]), dtype="float32")
    known = [j for j, at in enumerate(found) if at is not None]
    out[known] = table.rows[[found[j] for j in known]]
    out[missing] = computed
    table.add([bytes(distinct[j]) for j in missing], computed)
    return out[inverse]


def _no_backprop(d_rows):  # inference only: training runs the original forward
    return []


def memoise_embeddings(nlp: Language) -> Language:
    """Let the embedding layers of every component use an ``EmbeddingMemo`` when served."""
    for layer in _embedding_layers(nlp):
        if not isinstance(layer._func, _Memoised):
            layer._func = _Memoised(layer)
    return nlp


def _embedding_layers(nlp: Language) -> Iterator[Model]:
    """The feature-embedding chains (spaCy's MultiHashEmbed) of the pipeline's models."""
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None:
            continue
        for layer in model.walk():
            names = [sub.name for sub in layer.layers]
            if len(names) == 5 and (names[0], names[1], names[4]) == EMBED_PARTS:
                yield layer
