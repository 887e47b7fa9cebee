"""Rasad: Persian and Arabic news into structured, searchable records, offline.

Public API::

    import rasad
    doc = rasad.process_text("...", title="...", outlet="...")
    for doc in rasad.process_paths(["samples/"]):
        print(doc.id, doc.lang, doc.title)
"""

from typing import TYPE_CHECKING, Any

from rasad.record import (
    DateExpr,
    Document,
    Entity,
    Event,
    Mention,
    Paragraph,
    Published,
    Sentence,
    Source,
)

if TYPE_CHECKING:
    from rasad.api import process_paths, process_text

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # The pipeline loads language data and models; `import rasad` for the record types stays light.
    if name in ("process_text", "process_paths"):
        from rasad import api

        return getattr(api, name)
    raise AttributeError(f"module 'rasad' has no attribute {name!r}")

__all__ = [
    "DateExpr",
    "Document",
    "Entity",
    "Event",
    "Mention",
    "Paragraph",
    "Published",
    "Sentence",
    "Source",
    "__version__",
    "process_paths",
    "process_text",
]
