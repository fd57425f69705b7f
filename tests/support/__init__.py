"""What the tests share: tiny catalog projects made in tmp_path, and readers of the built PDF."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
"""The repository root, which is also the example project."""
