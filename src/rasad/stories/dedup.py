"""Near-duplicates: syndicated and lightly edited copies of one text, found with MinHash LSH
(datasketch) over word shingles of the folded text and confirmed pairwise (rapidfuzz) before they
are merged. A group's representative is its earliest copy, the fullest among the earliest."""

from __future__ import annotations

import datetime

from rapidfuzz import fuzz

from rasad.stories.signature import PERMUTATIONS, Signature

# LSH finds pairs whose shingle sets are at least this similar (Jaccard); copies that drop or add a
# sentence or change the boilerplate stay above it, two reports of one event in their own words do not.
LSH_THRESHOLD = 0.5
# ...and rapidfuzz confirms them: the shorter text's words mostly found in the longer one.
CONFIRM_RATIO = 85.0


def same_text(left: str, right: str) -> bool:
    """Whether two folded texts are copies of one another (a sentence or a dateline apart)."""
    return fuzz.token_set_ratio(left, right) >= CONFIRM_RATIO


def duplicate_groups(signatures: list[Signature]) -> dict[int, int]:
    """For each document (by batch index), the index of its group's representative; a document with
    no copy is its own."""
    from datasketch import MinHashLSH  # imported here, as in rasad.stories.signature: slow to import

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=PERMUTATIONS)
    parent = {signature.index: signature.index for signature in signatures}
    by_index = {signature.index: signature for signature in signatures}

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for signature in signatures:
        hashed = signature.shingles
        if hashed is None or not signature.key.strip():
            continue
        for other in lsh.query(hashed):
            if root(other) != root(signature.index) and same_text(by_index[other].key, signature.key):
                parent[root(signature.index)] = root(other)
        lsh.insert(signature.index, hashed)
    groups: dict[int, list[int]] = {}
    for index in parent:
        groups.setdefault(root(index), []).append(index)
    representative: dict[int, int] = {}
    for members in groups.values():
        best = min(members, key=lambda i: (by_index[i].day or datetime.date.max, -by_index[i].length, i))
        for member in members:
            representative[member] = best
    return representative
