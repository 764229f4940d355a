"""The extractor's fingerprint: one hash of every vocabulary in ``data/`` and of the code that turns an
article into stories and figures. Extraction results cached under one fingerprint are used only while
it holds; a new vocabulary row or extractor change gives a new fingerprint, and articles are
extracted again.

    >>> len(extractor_fingerprint())
    64
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from dashboard import DATA_DIR

PACKAGE = Path(__file__).resolve().parent
# The modules whose code decides an article's stories and figures (the loader's tables are built later, from them).
EXTRACTOR_MODULES = ("articles.py", "engagements.py", "extract.py", "fx.py", "partners.py", "pipeline.py", "vocab.py")
VERSION = "1"  # bump to invalidate every cached extraction by hand


@lru_cache(maxsize=1)
def extractor_fingerprint(data_dir: Path = DATA_DIR) -> str:
    """SHA-256 (hex) over the vocabularies (``data/*.csv`` except the curation overlay, which is
    applied after extraction) and the extractor modules, each by name and content."""
    digest = hashlib.sha256(f"extractor {VERSION}\n".encode())
    files = [(f"data/{p.name}", p) for p in sorted(data_dir.glob("*.csv")) if p.name != "overlay.csv"]
    files += [(f"dashboard/{name}", PACKAGE / name) for name in EXTRACTOR_MODULES if (PACKAGE / name).exists()]
    for label, path in files:
        digest.update(f"{label}\n".encode())
        digest.update(path.read_bytes())
        digest.update(b"\n")
    return digest.hexdigest()
