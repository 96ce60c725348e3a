"""proxygraph: an evidence-backed graph of states, armed groups and their relations.

The public API: ``build`` (articles into a database), ``extract`` (claims, no database)
and ``Store`` (queries over a built database).

Nothing heavy is imported here: spaCy, the extractor and the build pipeline load when
``build`` or ``extract`` is first called, ``Store`` when first named, so that commands
that only read a database (``proxygraph summary``) start in a fraction of a second.
"""

import proxygraph._interrupt  # noqa: F401, I001  (first: a Ctrl-C while starting exits quietly)

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

# The subpackage proxygraph.extract is imported first (it is cheap: its own names load
# lazily), so that the import system binds it before the function below takes the name
# (otherwise a later import of the subpackage would overwrite ``proxygraph.extract``). Use
# ``from proxygraph.extract import ...`` for the subpackage.
import proxygraph.extract as _extract_package  # noqa: F401
from proxygraph.models import Claim, Document, Mention

if TYPE_CHECKING:
    from proxygraph.pipeline import BuildReport
    from proxygraph.store import Store

__all__ = ["BuildReport", "Claim", "Document", "Mention", "Store", "build", "extract"]
__version__ = "0.1.0"

# Names loaded on first use, and the module that defines each.
_LAZY = {"BuildReport": "proxygraph.pipeline", "Store": "proxygraph.store"}


def build(*args: Any, **kwargs: Any) -> "BuildReport":
    """Ingest, extract and store every new or changed document: ``proxygraph.pipeline.build``."""
    from proxygraph.pipeline import build as run

    return run(*args, **kwargs)


def extract(*args: Any, **kwargs: Any) -> Iterator[Claim]:
    """Claims from every document under the paths, no database: ``pipeline.extract``."""
    from proxygraph.pipeline import extract as run

    return run(*args, **kwargs)


def __getattr__(name: str) -> Any:
    """``Store`` and ``BuildReport``, imported when first asked for (PEP 562)."""
    if name not in _LAZY:
        raise AttributeError(f"module 'proxygraph' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value
