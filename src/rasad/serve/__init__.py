"""`rasad serve`: the HTTP API and the web UI over a store (see docs/serve.md)."""

from rasad.serve.app import create_app

__all__ = ["create_app"]
