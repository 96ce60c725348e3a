"""proxygraph: an evidence-backed graph of states, armed groups and their relations.

The public API: ``build`` (articles into a database), ``extract`` (claims, no database)
and ``Store`` (queries over a built database).
"""

from proxygraph.models import Claim, Document, Mention
from proxygraph.pipeline import BuildReport, build, extract
from proxygraph.store import Store

__all__ = ["BuildReport", "Claim", "Document", "Mention", "Store", "build", "extract"]
__version__ = "0.1.0"
