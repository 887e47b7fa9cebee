"""Storage: the embedded SQLite store (default)."""

from rasad.store.sqlite import DEFAULT_DB, Hit, SaveResult, Store, StoreError

__all__ = ["DEFAULT_DB", "Hit", "SaveResult", "Store", "StoreError"]
