"""The ``proxygraph`` command line: a thin shell over the library.

Each group of commands lives in its own module and registers itself on ``app``.
"""

from proxygraph._interrupt import end_of_startup
from proxygraph.cli import core, documents, judge, publish, review, serve  # noqa: F401  (registers commands)
from proxygraph.cli.app import app

end_of_startup()  # loaded: from here on, commands handle Ctrl-C themselves

__all__ = ["app"]
