"""Content hashes of input files, remembered by their size, modification and change times and inode,
in this process and (with the image cache) across builds. Reading every photograph again costs a
warm rebuild more than everything else it does (340 MB of JPEGs: about 0.4 s of 2). Beside them,
what decoding a JPEG found, by its hash: a rebuild does not decode a passed-through photo again."""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import re
import tempfile
import time
from pathlib import Path

_RACY = 2.0  # seconds: a file changed this close to when its hash was taken may change again unseen
_VERSION = 2  # 1 (no version key) remembered no change time: its hashes are taken again
_DIGEST = re.compile(r"[0-9a-f]{64}")

_Known = tuple[int, int, int, int, float, str]  # size, mtime_ns, inode, ctime_ns, when hashed, SHA-256
_Verdict = tuple[int, int, str]  # width, height, decoder warning ("": none)


class Digests:
    def __init__(self, store: Path | None = None):
        self.store = store
        self._known: dict[str, _Known] = {}
        self._verdicts: dict[str, _Verdict] = {}
        self._changed = False
        if store is not None:
            self._load(store)

    def _load(self, store: Path) -> None:
        """Whatever the file holds, nothing raises: it is ours to rewrite, and a rebuild that
        cannot trust a row hashes the file again. A row that is not exactly right is dropped."""
        try:
            data = json.loads(store.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return
        if not isinstance(data, dict) or data.get("version") != _VERSION:
            return
        files, verdicts = data.get("files"), data.get("verdicts")
        for path, row in files.items() if isinstance(files, dict) else ():
            if _is_known(row):
                self._known[path] = tuple(row)
        for digest, row in verdicts.items() if isinstance(verdicts, dict) else ():
            if _DIGEST.fullmatch(digest) and isinstance(row, list) and len(row) == 3 and \
                    all(_count(v) for v in row[:2]) and isinstance(row[2], str):
                self._verdicts[digest] = tuple(row)

    def of(self, path: Path) -> str:
        """SHA-256 of the file's bytes. A remembered hash is used only when size, times and inode
        all match and the file had not been written within _RACY seconds of hashing (the same
        rule git uses for its index, for file systems with coarse timestamps). The change time
        cannot be set back (`touch -r` and os.utime set only the others), so a file rewritten in
        place with its old size and modification time is still hashed again."""
        stat = path.stat()
        key = str(path)
        known = self._known.get(key)
        if known is not None:
            size, mtime, inode, ctime, taken, digest = known
            if (size, mtime, inode, ctime) == (stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns) and \
                    taken - mtime / 1e9 > _RACY:
                return digest
        with path.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        self._known[key] = (stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns, time.time(), digest)
        self._changed = True
        return digest

    def verdict(self, digest: str) -> _Verdict | None:
        """What decoding the bytes with this hash found: (width, height, warning)."""
        return self._verdicts.get(digest)

    def judged(self, digest: str, width: int, height: int, warning: str) -> None:
        """Remember what decoding these bytes found (a damaged file is not remembered: it stops
        the build, and is fixed by a new file)."""
        if self._verdicts.get(digest) != (width, height, warning):
            self._verdicts[digest] = (width, height, warning)
            self._changed = True

    def save(self) -> None:
        """Write the store if anything new was learnt (atomically; another build may write too).
        Verdicts are kept for the files still there."""
        if self.store is None or not self._changed:
            return
        live = {path: entry for path, entry in self._known.items() if os.path.exists(path)}
        digests = {entry[-1] for entry in live.values()}
        verdicts = {digest: verdict for digest, verdict in self._verdicts.items() if digest in digests}
        with contextlib.suppress(OSError):
            handle, name = tempfile.mkstemp(prefix=".digests.", suffix=".tmp", dir=self.store.parent)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump({"version": _VERSION, "files": live, "verdicts": verdicts}, out, sort_keys=True)
                os.replace(name, self.store)
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(name)
        self._changed = False


def _count(value: object) -> bool:
    return type(value) is int and value >= 0


def _is_known(row: object) -> bool:
    if not isinstance(row, list) or len(row) != 6:
        return False
    size, mtime, inode, ctime, taken, digest = row
    return (all(type(v) is int for v in (size, mtime, inode, ctime)) and size >= 0
            and type(taken) in (int, float) and math.isfinite(taken)
            and isinstance(digest, str) and _DIGEST.fullmatch(digest) is not None)
