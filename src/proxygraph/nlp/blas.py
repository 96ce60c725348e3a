"""Matrix products through NumPy's BLAS instead of the blis build bundled with thinc.

Most of the model's time goes into single-precision matrix products (the token-to-vector
layers, the tagger, the parser's feature layer). On the machines measured here NumPy's
OpenBLAS computes them three to four times faster than thinc's blis, and the parses come
out the same (tests/test_nlp.py compares both on the shared corpus). The weights and the
model are untouched: only the routine that multiplies them changes.
"""

from __future__ import annotations

from functools import cache

import numpy
from spacy.language import Language
from thinc.api import NumpyOps
from threadpoolctl import threadpool_limits


class BlasOps(NumpyOps):
    """thinc's CPU operations with ``gemm`` computed by ``numpy.matmul``."""

    def gemm(self, x, y, out=None, trans1=False, trans2=False):  # noqa: D102 (thinc's API)
        left = x.T if trans1 else x
        right = y.T if trans2 else y
        if out is None:
            return numpy.matmul(left, right)
        numpy.matmul(left, right, out=out)
        return out


@cache
def _one_blas_thread() -> None:
    # Parallelism comes from worker processes (build --workers); BLAS threads on top of
    # them would fight over the same cores, and one thread keeps timings comparable.
    threadpool_limits(limits=1, user_api="blas")


def use_blas(nlp: Language) -> Language:
    """Point every layer of every component at ``BlasOps``."""
    _one_blas_thread()
    ops = BlasOps()
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None:
            continue
        for layer in model.walk():
            layer.ops = ops
    return nlp
