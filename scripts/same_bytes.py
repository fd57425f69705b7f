"""Shows that a change to the code left the example's PDFs byte-identical.

Builds the example project with every built-in layout through every press profile, and once more per
layout with `--impose saddle`, with this checkout's code and with the code of a git revision (a
temporary worktree, run from its own `src/`), then compares the SHA-256 of every PDF each build
wrote. Both builds read the same project: this checkout's example content, layouts and fonts.

    python scripts/same_bytes.py --against a735513       # exit 0 when every file is identical
    python scripts/same_bytes.py --record hashes.json    # only this checkout's figures
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYOUTS = ("classic", "mini", "pocket", "riso", "zine")
PRESSES = ("offset", "digital", "screen", "x1a", "riso")


def runs() -> Iterator[tuple[str, list[str]]]:
    """Each build as (name, options): every layout through every press, and each layout imposed."""
    for layout in LAYOUTS:
        for press in PRESSES:
            yield f"{layout}-{press}", ["--layout", layout, "--press", press]
        yield f"{layout}-saddle", ["--layout", layout, "--impose", "saddle"]


def build_all(src: Path, out: Path) -> dict[str, str]:
    """SHA-256 of every PDF the builds wrote, keyed by the file's name under `out`."""
    env = dict(os.environ, PYTHONPATH=str(src), SOURCE_DATE_EPOCH="1700000000")

    def one(item: tuple[str, list[str]]) -> None:
        name, options = item
        folder = out / name
        command = [sys.executable, "-m", "catalog", "build", str(ROOT), "--no-cache", "-q", "-j", "1",
                   "--out", str(folder / "book.pdf"), *options]
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        if done.returncode not in (0, 2) or not (folder / "book.pdf").exists():
            raise SystemExit(f"{name}: build failed ({done.returncode}): {done.stderr.strip()}")

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(one, runs()))
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*.pdf"))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--against", metavar="REV", help="git revision whose output this checkout must match")
    parser.add_argument("--record", metavar="FILE", type=Path, help="write this checkout's hashes as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="same-bytes-") as tmp:
        here = build_all(ROOT / "src", Path(tmp) / "here")
        if args.record:
            args.record.write_text(json.dumps(here, indent=1, sort_keys=True) + "\n")
        print(f"{len(here)} PDFs built with this checkout")
        if not args.against:
            return 0
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree), args.against],
                       check=True)
        try:
            there = build_all(tree / "src", Path(tmp) / "there")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=True)
    differ = sorted(name for name in here.keys() | there.keys() if here.get(name) != there.get(name))
    for name in differ:
        print(f"differs: {name}  here {here.get(name, 'missing')[:12]}  {args.against} "
              f"{there.get(name, 'missing')[:12]}")
    print(f"{len(here) - len(differ)} of {len(here | there)} PDFs byte-identical with {args.against}")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
