"""What a JPEG's bytes say, as libjpeg reads them: its frame header, its pixels decoded strictly by
libjpeg-turbo, and the damage Pillow's decoder passes over in silence."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import IO, Any

from .formats import DAMAGED

_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}  # DHT, JPG and DAC share the range
HUFFMAN_DCT = frozenset((0xC0, 0xC1, 0xC2))  # baseline, extended and progressive, Huffman-coded


@dataclass(frozen=True)
class Frame:
    """A JPEG's frame header (SOFn): what its data must hold."""

    marker: int
    width: int
    height: int
    components: int
    mcus: int  # minimum coded units: each holds at least one block of every component


def jpeg_frame(handle: IO[bytes]) -> Frame | None:
    """The frame header, found by walking the segments from the start (reading only their
    headers); None when the file does not start as a JPEG or breaks before its frame."""
    if handle.read(2) != b"\xff\xd8":
        return None
    for _ in range(1000):  # a JPEG has a few dozen segments before its frame at most
        byte = handle.read(1)
        while byte == b"\xff":
            byte = handle.read(1)
        if not byte:
            return None
        marker = byte[0]
        if marker == 0x01 or 0xD0 <= marker <= 0xD8:
            continue  # markers without a length
        head = handle.read(2)
        if marker in (0xD9, 0xDA) or len(head) < 2 or int.from_bytes(head, "big") < 2:
            return None  # the image ends or its scan starts before any frame
        length = int.from_bytes(head, "big") - 2
        if marker not in _SOF:
            handle.seek(length, io.SEEK_CUR)
            if handle.read(1) != b"\xff":
                return None
            continue
        body = handle.read(length)
        if len(body) < 6 or len(body) < 6 + 3 * body[5] or body[5] == 0:
            return None
        count = body[5]
        sampling = [body[7 + 3 * i] for i in range(count)]
        across, down = max(max(s >> 4 for s in sampling), 1), max(max(s & 15 for s in sampling), 1)
        height, width = int.from_bytes(body[1:3], "big"), int.from_bytes(body[3:5], "big")
        mcus = -(-width // (8 * across)) * -(-height // (8 * down))
        return Frame(marker, width, height, count, mcus)
    return None


# --- decoding JPEGs strictly ----------------------------------------------------------------------
# Pillow drops libjpeg's warnings: a JPEG with garbage or zeros in its scan data, or cut short with an
# end marker appended, decodes without a word and prints grey or in wrong colours. simplejpeg wraps
# libjpeg-turbo's TurboJPEG API, which reports them (strict=True: a ValueError with libjpeg's text).
# TurboJPEG decodes on after a warning and keeps the text of the first one only (libjpeg-turbo
# src/turbojpeg.c my_emit_message; jerror.c emit_message "show only the first warning"), so the
# kind of that first warning decides. The warnings are jerror.h's JWRN_* messages:
_HARMLESS = (
    "extraneous bytes before marker",              # JWRN_EXTRANEOUS_DATA: stray bytes between segments, skipped
    "unknown JFIF revision number",                # JWRN_JFIF_MAJOR
    "Invalid SOS parameters for sequential JPEG",  # JWRN_NOT_SEQUENTIAL: ignored by the decoder
)
_DAMAGING = (
    "Corrupt JPEG data",                   # JWRN_HIT_MARKER, JWRN_HUFF_BAD_CODE, JWRN_MUST_RESYNC, JWRN_ARITH_BAD_CODE
    "Premature end of JPEG file",          # JWRN_JPEG_EOF
    "Inconsistent progression sequence",   # JWRN_BOGUS_PROGRESSION
    "Unknown Adobe color transform code",  # JWRN_ADOBE_XFORM: the colours are a guess
)
# Stray bytes that `_tidied` cannot take out lie after entropy-coded data: data the decoder did not
# need. A few are an encoder's quirk (webcams leave 1 to 4 before restart markers); more mean the
# data fell out of step with the picture, as a stretch zero-filled by an interrupted copy leaves it
# (zeros are valid Huffman codes: the decoder reads on through them and finishes early).
_LEFT_OVER = re.compile(r"(\d+) extraneous bytes before marker")
_QUIRK = 16  # bytes


WARNING = "catalog-decoder-warning"
"""The key `images._open_upright` leaves a harmless decoder warning under, in the image's info."""


class DamagedImage(OSError):
    """A JPEG that decodes only in part: libjpeg fills what it cannot read with grey. An OSError, as
    Pillow's own "image file is truncated" is; its text is what to say after "image <name> "."""


def _damaged(message: str) -> DamagedImage:
    why = "its data ends before the picture does; " if "premature end" in message.lower() else ""
    return DamagedImage(f"{DAMAGED} ({why}libjpeg: {message})")


def strict_pixels(data: bytes, colorspace: str, width: int = 0, height: int = 0) -> tuple[Any, str]:
    """The pixels as libjpeg-turbo decodes them, at the smallest DCT scale giving at least width ×
    height (0: full size; the entropy decoding, where damage shows, is whole at any scale), and a
    harmless warning that could not be stepped around ("" when none). Raises DamagedImage for a
    damaging warning, ValueError for a file TurboJPEG does not decode at all."""
    import simplejpeg  # when first needed: it brings numpy, not always needed

    run = _zero_filled(data)
    if run:
        raise DamagedImage(f"{DAMAGED} ({run:,} zero bytes in a row inside its picture data, which its own "
                           "Huffman tables cannot have written: a stretch of it was lost and zero-filled)")
    try:
        return simplejpeg.decode_jpeg(data, colorspace, min_height=height, min_width=width, strict=True), ""
    except ValueError as exc:
        first = str(exc)
    if not any(text in first for text in _HARMLESS):  # first: JWRN_EXTRANEOUS_DATA is "Corrupt JPEG data" too
        if any(text in first for text in _DAMAGING):
            raise _damaged(first) from None
        raise ValueError(first) from None
    tidied = _tidied(data)
    if tidied is not None and tidied != data:  # what libjpeg skipped is gone: any warning left is real
        pixels, later = strict_pixels(tidied, colorspace, width, height)
        # the file itself still holds the stray bytes ("Corrupt JPEG data"): named, and re-encoded from
        # these pixels, not handed byte for byte to a RIP whose decoder may take them less calmly
        return pixels, later or first
    left = _LEFT_OVER.search(first)
    if left is not None and int(left.group(1)) > _QUIRK:
        raise DamagedImage(f"{DAMAGED} (part of its data is left over after the picture; libjpeg: {first})")
    return simplejpeg.decode_jpeg(data, colorspace, min_height=height, min_width=width, strict=False), first


_ZEROS = bytes(64)
"""512 zero bits: with tables that do not code a flat block as zeros, more than any block's worth."""


def _zero_filled(data: bytes) -> int:
    """The length of a run of zero bytes in a baseline JPEG's scan data that its own Huffman tables
    cannot have written (0: none, or not judged). Zeros are valid codes, so a stretch lost and
    zero-filled (an interrupted copy, a bad sector) often decodes without a warning, wrong from there
    on. In canonical Huffman codes the all-zero code is the table's first symbol; unless that is
    "category 0" in every DC table and "end of block" in every AC table the scan uses (a flat block
    then codes as zeros, as optimised tables may make it), a long run of zero bits means many
    blocks whose every coefficient is -1: no photograph. Judged for one interleaved sequential scan,
    the kind that passes through; others are left to the decoder."""
    if not data.startswith(b"\xff\xd8"):
        return 0
    first: dict[tuple[int, int], int] = {}  # (class, table) -> the symbol coded as all zeros
    at, size, components = 2, len(data), 0
    while at + 4 <= size and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xFF or marker == 0x01 or 0xD0 <= marker <= 0xD8:
            at += 1 if marker == 0xFF else 2
            continue
        end = at + 2 + int.from_bytes(data[at + 2:at + 4], "big")
        if end > size or marker == 0xD9:
            return 0
        if marker in _SOF:
            if marker not in (0xC0, 0xC1) or end - at < 10:
                return 0  # progressive, lossless or arithmetic-coded: not judged here
            components = data[at + 9]
        elif marker == 0xC4:
            table = at + 4
            while table + 17 <= end:
                counts = data[table + 1:table + 17]
                if any(counts) and table + 17 < end:
                    first[(data[table] >> 4, data[table] & 15)] = data[table + 17]
                table += 17 + sum(counts)
        elif marker == 0xDA:
            count = data[at + 4]
            if count != components or end - at < 5 + 2 * count:
                return 0  # not one scan of every component
            flat = all(first.get((0, tables >> 4)) == 0 and first.get((1, tables & 15)) == 0
                       for tables in data[at + 6:at + 6 + 2 * count:2])
            stop = data.find(b"\xff\xd9", end)
            if flat or stop < 0 or data.find(b"\xff\xda", end, stop) >= 0:
                return 0
            found = data.find(_ZEROS, end, stop)
            return 0 if found < 0 else stop - found - len(data[found:stop].lstrip(b"\x00"))
        at = end
    return 0


def shows_damage(data: bytes) -> bool:
    """Whether a JPEG's bytes show, without decoding, what `strict_pixels` reports: stray bytes
    between segments or other structure libjpeg passes over with a warning (what `_tidied` takes
    out), a structure that cannot be followed, or a zero-filled stretch of its scan. False says
    nothing of damage inside entropy-coded data elsewhere: only decoding finds that."""
    return _tidied(data) != data or _zero_filled(data) > 0


_SCAN_END = re.compile(rb"\xff(?=[^\x00\xff\xd0-\xd7])")
"""Where entropy-coded data ends: the last FF before a byte that is not stuffing (00), fill (FF) or
a restart marker (D0 to D7); found in C, as a photograph's data holds an FF every 256 bytes or so."""


def _tidied(data: bytes) -> bytes | None:
    """A copy without what libjpeg passes over with a harmless warning: stray bytes between
    segments, a JFIF version above 1, scan parameters a sequential JPEG ignores. It decodes to the
    same pixels, so a warning it still gives is about the picture's data. Stray bytes between the
    scans of a progressive JPEG stay (where entropy-coded data ends is known only by decoding it).
    None when the structure cannot be followed."""
    if not data.startswith(b"\xff\xd8"):
        return None
    out, at, size, sequential = bytearray(b"\xff\xd8"), 2, len(data), True
    while at < size:
        if data[at] != 0xFF:  # stray bytes, skipped by libjpeg (JWRN_EXTRANEOUS_DATA): dropped
            at = data.find(b"\xff", at)
            if at < 0:
                return None
            continue
        while at + 1 < size and data[at + 1] == 0xFF:
            at += 1  # fill bytes
        if at + 1 >= size:
            return None
        marker = data[at + 1]
        if marker == 0xD9:
            return bytes(out + data[at:])
        if marker == 0x01 or 0xD0 <= marker <= 0xD8:
            out += data[at:at + 2]
            at += 2
            continue
        end = at + 2 + int.from_bytes(data[at + 2:at + 4], "big")
        if end <= at + 3 or end > size:
            return None
        segment = bytearray(data[at:end])
        if marker in _SOF:
            sequential = marker in (0xC0, 0xC1)
        elif marker == 0xE0 and segment[4:9] == b"JFIF\x00" and len(segment) > 9 and segment[9] > 1:
            segment[9] = 1  # JWRN_JFIF_MAJOR
        elif marker == 0xDA and sequential and len(segment) >= 8:
            segment[-3:] = b"\x00\x3f\x00"  # Ss, Se, Ah/Al of a sequential scan (JWRN_NOT_SEQUENTIAL)
        out += segment
        at = end
        if marker == 0xDA:  # entropy-coded data: up to the next marker that is not a restart or stuffing
            follows = _SCAN_END.search(data, at)
            if follows is None:
                return bytes(out + data[at:])
            out += data[at:follows.start()]
            at = follows.start()
    return bytes(out)
