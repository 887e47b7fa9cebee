"""Rasad's language data files: where they live and how their lines read.

Every list a linguist edits (titles, triggers, cues, common words) is UTF-8 text, one entry a line;
`#` starts a comment, blank lines are skipped, and a missing file reads as empty.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def data_dir() -> Path:
    """The package's data folder."""
    return Path(str(resources.files("rasad") / "data"))


def numbered_data_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, entry) for every entry of a data file, comments and surrounding space removed."""
    if not path.exists():
        return []
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if line:
            entries.append((number, line))
    return entries


def data_lines(path: Path) -> list[str]:
    """Every entry of a data file (see `numbered_data_lines`)."""
    return [line for _, line in numbered_data_lines(path)]
