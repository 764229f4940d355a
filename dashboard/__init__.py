"""Pakistan Tech Cooperation Tracker: news articles -> validated figures, partners and engagements."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SEEDS_DIR = ROOT / "seeds"
STATIC_DIR = ROOT / "static"

__all__ = ["DATA_DIR", "ROOT", "SEEDS_DIR", "STATIC_DIR"]
