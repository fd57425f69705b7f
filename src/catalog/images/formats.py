"""Files that are not printable images: what they are (HEIC, AVIF, camera RAW, PDF, a damaged
JPEG), told by their first bytes before their names, so the message says what to do."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

DAMAGED = "cannot be decoded: it is damaged or cut short"
REEXPORT = "export the image again from its original"
CONVERT = "export it as JPEG or TIFF from your photo software"

_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1",
                 b"mif2"}
_FOREIGN_SUFFIXES = {
    ".heic": "a HEIC image", ".heif": "a HEIF image", ".hif": "a HEIF image", ".avif": "an AVIF image",
    ".cr2": "a Canon CR2 camera RAW file", ".cr3": "a Canon CR3 camera RAW file",
    ".crw": "a Canon CRW camera RAW file", ".nef": "a Nikon NEF camera RAW file",
    ".nrw": "a Nikon NRW camera RAW file", ".arw": "a Sony ARW camera RAW file",
    ".srf": "a Sony SRF camera RAW file", ".sr2": "a Sony SR2 camera RAW file",
    ".dng": "a DNG camera RAW file", ".orf": "an Olympus ORF camera RAW file",
    ".rw2": "a Panasonic RW2 camera RAW file", ".raf": "a Fujifilm RAF camera RAW file",
    ".pef": "a Pentax PEF camera RAW file", ".srw": "a Samsung SRW camera RAW file",
    ".x3f": "a Sigma X3F camera RAW file", ".3fr": "a Hasselblad 3FR camera RAW file",
    ".fff": "a Hasselblad FFF camera RAW file", ".iiq": "a Phase One IIQ camera RAW file",
    ".erf": "an Epson ERF camera RAW file", ".kdc": "a Kodak KDC camera RAW file",
    ".mrw": "a Minolta MRW camera RAW file", ".mos": "a Leaf MOS camera RAW file",
    ".rwl": "a Leica RWL camera RAW file", ".raw": "a camera RAW file",
}
_IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")
_DNG_VERSION = 50706  # the TIFF tag that makes a TIFF a DNG


def unreadable(path: Path) -> tuple[str, str]:
    """What to say of a file Pillow cannot open, and the hint: by its first bytes, else by its name."""
    kind = foreign(path)
    if kind == "damaged":
        return DAMAGED, REEXPORT
    if kind == "TIFF":
        return ("is a TIFF that cannot be read: damaged, or of an unusual kind (16-bit Lab, 32-bit colour...)",
                "save it again as an 8- or 16-bit RGB TIFF, or as a JPEG")
    if kind:
        hint = "save the picture in it as JPEG, PNG or TIFF" if "PDF" in kind else CONVERT
        return f"is {kind}, which cannot be printed directly", hint
    return "is not an image format that can be read", "save it as JPEG, PNG or TIFF"


def foreign(path: Path) -> str | None:
    """What a file Pillow cannot open is, by its first bytes, else by its name: HEIC and AVIF
    (without their Pillow plugins), the camera RAW formats, PDF; "TIFF" for one Pillow does not
    read; "damaged" for one that starts like a JPEG, PNG or GIF but is broken within its header."""
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        head = b""
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand == b"crx ":
            return "a Canon CR3 camera RAW file"
        if brand in _HEIF_BRANDS:
            return "a HEIC image" if brand.startswith(b"he") else "a HEIF image"
        if brand in (b"avif", b"avis"):
            return "an AVIF image"
    if head.startswith(b"FUJIFILMCCD-RAW"):
        return "a Fujifilm RAF camera RAW file"
    if head[:4] in (b"IIRO", b"IIRS", b"MMOR"):
        return "an Olympus ORF camera RAW file"
    if head[:4] == b"IIU\x00":
        return "a Panasonic RW2 camera RAW file"
    if head.startswith(b"%PDF"):
        return "a PDF document"
    by_name = _FOREIGN_SUFFIXES.get(path.suffix.lower())
    if head[:4] in (b"II*\x00", b"MM\x00*"):  # most camera RAW formats are TIFFs
        if head[8:10] == b"CR":
            return "a Canon CR2 camera RAW file"
        return by_name if by_name and "RAW" in by_name else "TIFF"
    if head.startswith(_IMAGE_SIGNATURES):  # a JPEG, PNG or GIF that Pillow cannot even identify
        return "damaged"
    return by_name


def raw_kind(path: Path, image: Image.Image) -> str | None:
    """Camera RAW files built on TIFF open in Pillow as their small embedded preview (or fail at
    decoding): recognised by signature (CR2), tag (DNG) or, for a TIFF only, by name. A JPEG
    named .nef is a JPEG: the content decides."""
    if image.format != "TIFF":
        return None
    try:
        with path.open("rb") as handle:
            head = handle.read(12)
    except OSError:
        head = b""
    if head[:4] == b"II*\x00" and head[8:10] == b"CR":
        return "a Canon CR2 camera RAW file"
    tags = getattr(image, "tag_v2", {})
    if _DNG_VERSION in tags:
        return "a DNG camera RAW file"
    kind = _FOREIGN_SUFFIXES.get(path.suffix.lower())
    return kind if kind and "RAW" in kind else None
