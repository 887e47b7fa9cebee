"""Near-duplicates: syndicated and lightly edited copies of one text, found with MinHash LSH
(datasketch) over word shingles of the folded text and confirmed pairwise (rapidfuzz) before they
are merged. A group's representative is its earliest copy, the fullest among the earliest.

Two ways to find the candidates, with the same groups: in memory (datasketch's `MinHashLSH`, one
process), or banded (`split_bands` and `bucket_members`: each document's LSH bands keyed by band
number and band hash, grouped by key in as many hash partitions as wanted, each partition anywhere,
as rasad.parallel.cluster does on a Dask cluster). Either way the candidates are then confirmed here.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz

from rasad.stories.signature import PERMUTATIONS, Signature

if TYPE_CHECKING:
    from datasketch import MinHashLSH

# LSH finds pairs whose shingle sets are at least this similar (Jaccard); copies that drop or add a
# sentence or change the boilerplate stay above it, two reports of one event in their own words do not.
LSH_THRESHOLD = 0.5
# ...and rapidfuzz confirms them: the shorter text's words mostly found in the longer one.
CONFIRM_RATIO = 85.0

# (band number, the band's MinHash values as bytes): documents sharing one are candidates
BandKey = tuple[int, bytes]
# a document's batch index and its MinHash values: what the banding needs of it
BandEntry = tuple[int, np.ndarray]


def same_text(left: str, right: str) -> bool:
    """Whether two folded texts are copies of one another (a sentence or a dateline apart)."""
    return fuzz.token_set_ratio(left, right) >= CONFIRM_RATIO


def _comparable(signature: Signature) -> bool:
    return signature.shingles is not None and bool(signature.key.strip())


def duplicate_groups(signatures: list[Signature], candidates: Iterable[Sequence[int]] | None = None
                     ) -> dict[int, int]:
    """For each document (by batch index), the index of its group's representative; a document with
    no copy is its own. `candidates` are groups of batch indexes that share an LSH band (from
    `bucket_members`, run anywhere); without them, datasketch's in-memory LSH finds them here. The
    groups are the same either way: the connected parts of the candidate pairs that rapidfuzz confirms."""
    finder = DuplicateFinder(in_memory=candidates is None)
    for signature in signatures:
        finder.add(signature)
    if candidates is not None:
        finder.join_candidates(candidates)
    return finder.representatives()


class DuplicateFinder:
    """`duplicate_groups` one signature at a time, as a batch's signatures arrive (the client finds copies
    while the workers still process later chunks): with `in_memory`, each new document is looked up in
    datasketch's LSH of the earlier ones and confirmed at once, in batch order, as `duplicate_groups` does
    over the whole list, so the groups are the same; without, the candidates come at the end
    (`join_candidates`, from a cluster's banding)."""

    def __init__(self, *, in_memory: bool = True) -> None:
        self.parent: dict[int, int] = {}
        self.by_index: dict[int, Signature] = {}
        self.in_memory = in_memory
        self._lsh: MinHashLSH | None = None  # made with the first document: datasketch is slow to import

    def _root(self, index: int) -> int:
        parent = self.parent
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    def _join(self, earlier: int, later: int) -> None:
        # a pair already in one group needs no confirming: it would not change the groups
        if self._root(earlier) != self._root(later) and same_text(self.by_index[earlier].key,
                                                                  self.by_index[later].key):
            self.parent[self._root(later)] = self._root(earlier)

    def add(self, signature: Signature) -> None:
        """Take the next document of the batch (by its `index`)."""
        self.parent[signature.index] = signature.index
        self.by_index[signature.index] = signature
        if not self.in_memory or not _comparable(signature):
            return
        if self._lsh is None:
            from datasketch import MinHashLSH  # imported here, as in rasad.stories.signature: slow to import

            self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=PERMUTATIONS)
        for other in self._lsh.query(signature.shingles):
            self._join(other, signature.index)
        self._lsh.insert(signature.index, signature.shingles)

    def join_candidates(self, candidates: Iterable[Sequence[int]]) -> None:
        """Confirm and join candidate groups found elsewhere (every document added first)."""
        for members in candidates:
            for position, later in enumerate(members):
                for earlier in members[:position]:
                    self._join(earlier, later)

    def representatives(self) -> dict[int, int]:
        """Each document's representative: its group's earliest copy, the fullest among the earliest."""
        by_index = self.by_index
        groups: dict[int, list[int]] = {}
        for index in self.parent:
            groups.setdefault(self._root(index), []).append(index)
        representative: dict[int, int] = {}
        for members in groups.values():
            best = min(members, key=lambda i: (by_index[i].day or datetime.date.max, -by_index[i].length, i))
            for member in members:
                representative[member] = best
        return representative


@cache
def band_ranges() -> list[tuple[int, int]]:
    """The slices of the MinHash values that make the LSH bands: datasketch's own choice for the
    threshold, so banded and in-memory LSH find the same candidates."""
    from datasketch import MinHashLSH

    return list(MinHashLSH(threshold=LSH_THRESHOLD, num_perm=PERMUTATIONS).hashranges)


def band_entries(signatures: Iterable[Signature]) -> list[BandEntry]:
    """What the banding needs of each document that can have copies (a text to compare)."""
    return [(s.index, s.shingles.hashvalues) for s in signatures if _comparable(s)]


def split_bands(entries: list[BandEntry], partitions: int,
                ranges: list[tuple[int, int]] | None = None) -> list[list[tuple[BandKey, int]]]:
    """The map side: each document's band keys, each with its batch index, in the hash partition of
    the key (one list per partition)."""
    ranges = ranges or band_ranges()
    parts: list[list[tuple[BandKey, int]]] = [[] for _ in range(partitions)]
    for index, hashvalues in entries:
        for band, (start, end) in enumerate(ranges):
            value = np.ascontiguousarray(hashvalues[start:end]).tobytes()
            # MinHash values are uniform already; their first bytes spread the keys evenly
            parts[(int.from_bytes(value[:8], "little") + band) % partitions].append(((band, value), index))
    return parts


def bucket_members(*pieces: list[tuple[BandKey, int]]) -> list[tuple[int, ...]]:
    """The reduce side, over one hash partition's pieces: the documents sharing each band key, for
    every key two documents or more share (ascending batch indexes, each group once)."""
    buckets: dict[BandKey, list[int]] = defaultdict(list)
    for piece in pieces:
        for key, index in piece:
            buckets[key].append(index)
    return sorted({tuple(sorted(set(members))) for members in buckets.values() if len(set(members)) > 1})


def candidate_groups(signatures: list[Signature], partitions: int = 1) -> list[tuple[int, ...]]:
    """Banded LSH in this process: what a cluster computes partition by partition (for tests, and a
    reference for rasad.parallel.cluster)."""
    parts = split_bands(band_entries(signatures), partitions)
    return sorted({group for part in parts for group in bucket_members(part)})
