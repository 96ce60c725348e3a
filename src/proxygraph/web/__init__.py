"""The analyst's workbench: a local web app and JSON API over the store (docs/web.md).

from proxygraph.web import create_app
app = create_app("demo.duckdb")
"""

from proxygraph.web.app import create_app

__all__ = ["create_app"]
