"""Storage: the embedded SQLite store (default) and PostgreSQL (a `postgresql://` URL), one interface.

`Store.open(path_or_url)` opens either; see docs/storage.md.
"""

from rasad.store.base import DEFAULT_DB, Hit, SaveResult, Store, StoreError, display_name, is_postgres_url

__all__ = ["DEFAULT_DB", "Hit", "SaveResult", "Store", "StoreError", "display_name", "is_postgres_url"]
