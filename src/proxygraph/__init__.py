"""proxygraph: an evidence-backed graph of states, armed groups and their relations.

The public API: ``build`` (articles into a database), ``extract`` (claims, no database)
and ``Store`` (queries over a built database).
"""

import proxygraph._interrupt  # noqa: F401, I001  (first: a Ctrl-C while starting exits quietly)

# The subpackage proxygraph.extract is imported first, so that the import system binds it
# before the function below takes the name (otherwise a later import of the subpackage
# would overwrite ``proxygraph.extract``). Use ``from proxygraph.extract import ...``.
import proxygraph.extract as _extract_package  # noqa: F401
from proxygraph.models import Claim, Document, Mention
from proxygraph.pipeline import BuildReport, build, extract
from proxygraph.store import Store

__all__ = ["BuildReport", "Claim", "Document", "Mention", "Store", "build", "extract"]
__version__ = "0.1.0"
