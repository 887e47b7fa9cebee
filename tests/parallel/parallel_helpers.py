"""Running the rasad command in a subprocess, for the tests of this folder."""

import subprocess
import sys
from pathlib import Path


def rasad(*args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rasad.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)
