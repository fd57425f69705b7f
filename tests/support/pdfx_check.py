"""An independent PDF/X structure checker, written against pypdf (the build writes its files with
ReportLab and pikepdf/qpdf, so it does not get to mark its own homework).

`pdfx_check(path)` returns one string per violation of the structural rules of ISO 15930-7
(PDF/X-4) that can be checked without colour measurement; `mode="x1a"` checks the stricter
PDF/X-1a:2001 rules instead (ISO 15930-1: PDF 1.3, CMYK and spot only, no transparency). An empty list means
the file passed. It checks:

- the header version (1.6 at most for X-4, 1.3 for X-1a; a catalog /Version counts too) and, for
  X-1a, no object or cross-reference streams (PDF 1.5 features);
- the trailer /ID (two strings), no /Encrypt;
- the Info dictionary: GTS_PDFXVersion (for X-1a also GTS_PDFXConformance "PDF/X-1a:2001"),
  /Trapped /True or /False, Title, CreationDate, ModDate;
- the catalog's XMP metadata, repeating the Info values (version, dates, Trapped, title) and
  carrying xmpMM:DocumentID, VersionID and RenditionClass;
- exactly one GTS_PDFX output intent, with an OutputConditionIdentifier and an embedded ICC
  DestOutputProfile whose header colour space agrees with its /N;
- every page: a TrimBox or an ArtBox (not both), TrimBox inside BleedBox inside MediaBox;
- every font reachable from a page (resources, form XObjects, patterns, Type 3 glyph resources,
  annotation appearances, Type 0 descendants) embedded;
- no JavaScript or Launch actions anywhere in the file;
- with a CMYK output intent, no DeviceRGB: not in colour-space resources, images, shadings,
  transparency groups or inline images, and no rg/RG operator or /DeviceRGB operand in a
  content stream (strings, comments and inline image data are skipped before matching);
- for X-1a: no ICCBased or other device-independent colour outside the output intent, and no
  transparency (soft masks, constant alpha below 1, blend modes, transparency groups).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
)

MODES = {"x4": ("PDF/X-4", "1.6"), "x1a": ("PDF/X-1:2001", "1.3")}

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfxid": "http://www.npes.org/pdfx/ns/id/",
    "xml": "http://www.w3.org/XML/1998/namespace",
}

ICC_SPACES = {b"CMYK": 4, b"RGB ": 3, b"GRAY": 1}
TOLERANCE = 0.01  # points, for box comparisons


def pdfx_check(path: Path | str, mode: str = "x4") -> list[str]:
    """Every PDF/X violation found in the file at `path`, as readable sentences."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {sorted(MODES)}, not {mode!r}")
    return _Checker(Path(path), mode).run()


# -- small helpers --------------------------------------------------------------------------------


def _resolve(obj: object) -> object:
    while isinstance(obj, IndirectObject):
        obj = obj.get_object()
    return obj


def _key(obj: object) -> tuple[int, int] | int:
    """An identity for cycle detection: the object number when indirect, else the Python id."""
    if isinstance(obj, IndirectObject):
        return (obj.idnum, obj.generation)
    return id(obj)


def _version(text: str) -> tuple[int, int]:
    match = re.match(r"(\d+)\.(\d+)", text)
    return (int(match.group(1)), int(match.group(2))) if match else (99, 99)


_PDF_DATE = re.compile(
    r"D:(?P<Y>\d{4})(?P<m>\d{2})?(?P<d>\d{2})?(?P<H>\d{2})?(?P<M>\d{2})?(?P<S>\d{2})?"
    r"(?:(?P<z>Z)|(?P<sign>[+-])(?P<oh>\d{2})'?(?P<om>\d{2})?'?)?$")
_XMP_DATE = re.compile(
    r"(?P<Y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})(?:T(?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
    r"(?:(?P<z>Z)|(?P<sign>[+-])(?P<oh>\d{2}):(?P<om>\d{2}))?)?)?)?$")


def _date(match: re.Match[str] | None) -> dt.datetime | None:
    if match is None:
        return None
    g = match.groupdict()
    try:
        value = dt.datetime(int(g["Y"]), int(g["m"] or 1), int(g["d"] or 1), int(g["H"] or 0), int(g["M"] or 0),
                            int(g["S"] or 0))
    except ValueError:
        return None
    if g["z"]:
        return value.replace(tzinfo=dt.UTC)
    if g["sign"]:
        offset = dt.timedelta(hours=int(g["oh"]), minutes=int(g["om"] or 0))
        return value.replace(tzinfo=dt.timezone(offset if g["sign"] == "+" else -offset))
    return value


def pdf_date(text: str) -> dt.datetime | None:
    """An Info dictionary date (D:YYYYMMDDHHmmSS+HH'mm'), or None when it is not one."""
    return _date(_PDF_DATE.match(text.strip()))


def xmp_date(text: str) -> dt.datetime | None:
    """An XMP (ISO 8601) date, or None when it is not one."""
    return _date(_XMP_DATE.match(text.strip()))


def _same_instant(a: dt.datetime, b: dt.datetime) -> bool:
    if (a.tzinfo is None) != (b.tzinfo is None):  # one side without a zone: compare the wall time
        return a.replace(tzinfo=None) == b.replace(tzinfo=None)
    return a == b


# -- content streams --------------------------------------------------------------------------------

_DELIMITERS = b"()<>[]{}/%"
_TOKEN = re.compile(rb"/[^\s()<>\[\]{}/%]*|<<|>>|[\[\]{}]|[^\s()<>\[\]{}/%]+")
_INLINE_IMAGE = re.compile(rb"(?<![^\s\[\]{}()<>/%])BI\s(?P<dict>.*?)\sID\s.*?(?<=\s)EI(?![^\s\[\]{}()<>/%])",
                           re.DOTALL)


def strip_content(data: bytes) -> tuple[bytes, list[bytes]]:
    """The content stream with string literals, hex strings and comments blanked out, and inline
    image data removed; with the inline images' dictionaries (their operand text) returned apart."""
    inline: list[bytes] = []
    out = bytearray()
    i, n = 0, len(data)
    while i < n:
        c = data[i]
        if c == 0x28:  # ( ... ) with nesting and escapes
            depth, i = 1, i + 1
            while i < n and depth:
                if data[i] == 0x5C:
                    i += 2
                    continue
                depth += {0x28: 1, 0x29: -1}.get(data[i], 0)
                i += 1
            out += b"()"
        elif c == 0x3C and i + 1 < n and data[i + 1] != 0x3C:  # <hex>, not <<
            end = data.find(b">", i + 1)
            i = n if end < 0 else end + 1
            out += b"<>"
        elif c == 0x3C:
            out += b"<<"
            i += 2
        elif c == 0x25:  # % comment to the end of the line
            while i < n and data[i] not in b"\r\n":
                i += 1
        elif data.startswith(b"BI", i) and (i == 0 or data[i - 1] in b" \t\r\n\f\x00" + _DELIMITERS):
            match = _INLINE_IMAGE.match(data, i)
            if match:
                inline.append(match.group("dict"))
                out += b" "
                i = match.end()
            else:
                out += b"BI"
                i += 2
        else:
            out.append(c)
            i += 1
    return bytes(out), inline


def content_tokens(data: bytes) -> list[bytes]:
    return _TOKEN.findall(data)


# -- the checker -----------------------------------------------------------------------------------


@dataclass
class _Walk:
    """What a walk over the page tree's resources found."""

    fonts: list[tuple[int, str, DictionaryObject]] = field(default_factory=list)
    images: list[tuple[int, str, DictionaryObject]] = field(default_factory=list)
    spaces: list[tuple[int, str, object]] = field(default_factory=list)       # (page, where, colour space)
    states: list[tuple[int, str, DictionaryObject]] = field(default_factory=list)
    groups: list[tuple[int, str, DictionaryObject]] = field(default_factory=list)
    contents: list[tuple[int, str, bytes]] = field(default_factory=list)


class _Checker:
    def __init__(self, path: Path, mode: str):
        self.path, self.mode = path, mode
        self.want_version, self.max_version = MODES[mode]
        self.problems: list[str] = []

    def fail(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)

    def run(self) -> list[str]:
        try:
            reader = PdfReader(self.path)
        except Exception as exc:  # a file pypdf cannot even open fails every rule at once
            return [f"the file cannot be read as a PDF: {exc}"]
        if reader.is_encrypted:
            self.fail("the file is encrypted (/Encrypt in the trailer); PDF/X forbids encryption")
            try:
                reader.decrypt("")
            except Exception:
                return self.problems
        self.reader = reader
        self.root = _resolve(reader.trailer["/Root"])
        self._version()
        self._identifier()
        info = self._info()
        self._xmp(info)
        cmyk = self._output_intent()
        walk = self._walk_pages()
        self._boxes()
        self._fonts(walk)
        self._actions()
        if cmyk:
            self._no_rgb(walk)
        if self.mode == "x1a":
            self._x1a_colour(walk)
            self._x1a_transparency(walk)
        return self.problems

    # header, trailer --------------------------------------------------------------------------

    def _version(self) -> None:
        header = self.reader.pdf_header.removeprefix("%PDF-")
        effective = _version(header)
        catalog_version = self.root.get("/Version")
        if catalog_version is not None:
            effective = max(effective, _version(str(catalog_version).lstrip("/")))
        if effective > _version(self.max_version):
            self.fail(f"PDF version {effective[0]}.{effective[1]} is above the {self.max_version} that "
                      f"{self.want_version} allows")
        if self.mode == "x1a":
            raw = self.path.read_bytes()
            start = raw.rfind(b"startxref")
            offset = re.match(rb"startxref\s+(\d+)", raw[start:]) if start >= 0 else None
            if offset and not raw[int(offset.group(1)):].lstrip().startswith(b"xref"):
                self.fail("the file uses a cross-reference stream, a PDF 1.5 feature that PDF/X-1a forbids")
            if re.search(rb"/Type\s*/ObjStm\b", raw):
                self.fail("the file uses object streams, a PDF 1.5 feature that PDF/X-1a forbids")

    def _identifier(self) -> None:
        ids = _resolve(self.reader.trailer.get("/ID"))
        if ids is None:
            self.fail("the trailer has no /ID")
        elif not isinstance(ids, ArrayObject) or len(ids) != 2 or not all(
                isinstance(_resolve(v), (str, bytes)) for v in ids):
            self.fail(f"the trailer /ID must be an array of two strings, not {ids!r}")

    # Info and XMP -----------------------------------------------------------------------------------

    def _info(self) -> dict[str, object]:
        info = _resolve(self.reader.trailer.get("/Info"))
        if not isinstance(info, DictionaryObject):
            self.fail("the file has no Info dictionary")
            return {}
        values = {key: _resolve(value) for key, value in info.items()}
        version = values.get("/GTS_PDFXVersion")
        if version is None:
            self.fail("Info has no GTS_PDFXVersion")
        elif self.mode == "x4" and not str(version).startswith("PDF/X-4"):
            self.fail(f"Info GTS_PDFXVersion is {str(version)!r}, not PDF/X-4")
        elif self.mode == "x1a" and str(version) != "PDF/X-1:2001":
            self.fail(f"Info GTS_PDFXVersion is {str(version)!r}, not 'PDF/X-1:2001'")
        if self.mode == "x1a" and str(values.get("/GTS_PDFXConformance")) != "PDF/X-1a:2001":
            self.fail("Info GTS_PDFXConformance is not 'PDF/X-1a:2001'")
        trapped = values.get("/Trapped")
        if trapped is None:
            self.fail("Info has no /Trapped key")
        elif not isinstance(trapped, NameObject) or trapped not in ("/True", "/False"):
            self.fail(f"Info /Trapped is {trapped!r}; PDF/X needs the name /True or /False")
        title = values.get("/Title")
        if not title or not str(title).strip():
            self.fail("Info has no Title")
        for key in ("/CreationDate", "/ModDate"):
            if key not in values:
                self.fail(f"Info has no {key[1:]}")
            elif pdf_date(str(values[key])) is None:
                self.fail(f"Info {key[1:]} {str(values[key])!r} is not a PDF date")
        return values

    def _xmp(self, info: dict[str, object]) -> None:
        stream = _resolve(self.root.get("/Metadata"))
        if not isinstance(stream, StreamObject):
            self.fail("the catalog has no /Metadata (XMP) stream")
            return
        try:
            tree = ET.fromstring(stream.get_data())
        except ET.ParseError as exc:
            self.fail(f"the XMP metadata is not well-formed XML: {exc}")
            return
        descriptions = tree.findall(f".//{{{NS['rdf']}}}Description")

        def prop(prefix: str, name: str) -> str | None:
            tag = f"{{{NS[prefix]}}}{name}"
            for description in descriptions:
                if tag in description.attrib:
                    return description.attrib[tag].strip()
                element = description.find(tag)
                if element is not None:
                    items = element.findall(f".//{{{NS['rdf']}}}li")
                    if items:
                        default = [li for li in items if li.get(f"{{{NS['xml']}}}lang") == "x-default"]
                        return ((default or items)[0].text or "").strip()
                    return (element.text or "").strip()
            return None

        version, info_version = prop("pdfxid", "GTS_PDFXVersion"), info.get("/GTS_PDFXVersion")
        if version is None:
            self.fail("the XMP has no pdfxid:GTS_PDFXVersion")
        elif info_version is not None and version != str(info_version):
            self.fail(f"XMP pdfxid:GTS_PDFXVersion {version!r} differs from Info's {str(info_version)!r}")
        for name, key in (("CreateDate", "/CreationDate"), ("ModifyDate", "/ModDate")):
            text = prop("xmp", name)
            if text is None:
                self.fail(f"the XMP has no xmp:{name}")
                continue
            ours = xmp_date(text)
            theirs = pdf_date(str(info[key])) if key in info else None
            if ours is None:
                self.fail(f"XMP xmp:{name} {text!r} is not a date")
            elif theirs is not None and not _same_instant(ours, theirs):
                self.fail(f"XMP xmp:{name} {text} differs from Info {key[1:]} {info[key]}")
        for name in ("DocumentID", "VersionID", "RenditionClass"):
            if not prop("xmpMM", name):
                self.fail(f"the XMP has no xmpMM:{name}")
        trapped, info_trapped = prop("pdf", "Trapped"), info.get("/Trapped")
        if trapped is None:
            self.fail("the XMP has no pdf:Trapped")
        elif info_trapped is not None and trapped != str(info_trapped).lstrip("/"):
            self.fail(f"XMP pdf:Trapped {trapped!r} differs from Info /Trapped {info_trapped}")
        title, info_title = prop("dc", "title"), info.get("/Title")
        if title is None:
            self.fail("the XMP has no dc:title")
        elif info_title is not None and title != str(info_title):
            self.fail(f"XMP dc:title {title!r} differs from Info Title {str(info_title)!r}")

    # output intent ---------------------------------------------------------------------------------

    def _output_intent(self) -> bool:
        """True when the PDF/X output intent is a CMYK one."""
        intents = _resolve(self.root.get("/OutputIntents"))
        if not isinstance(intents, ArrayObject) or not intents:
            self.fail("the catalog has no /OutputIntents")
            return False
        pdfx = [_resolve(i) for i in intents if _resolve(_resolve(i).get("/S")) == "/GTS_PDFX"]
        if len(pdfx) != 1:
            self.fail(f"there must be exactly one /GTS_PDFX output intent, not {len(pdfx)}")
            if not pdfx:
                return False
        intent = pdfx[0]
        identifier = _resolve(intent.get("/OutputConditionIdentifier"))
        if not identifier or not str(identifier).strip():
            self.fail("the output intent has no OutputConditionIdentifier")
        profile = _resolve(intent.get("/DestOutputProfile"))
        if not isinstance(profile, StreamObject):
            self.fail("the output intent has no embedded DestOutputProfile (ICC stream)")
            return False
        data = profile.get_data()
        n = _resolve(profile.get("/N"))
        if len(data) < 128 or data[36:40] != b"acsp":
            self.fail("the DestOutputProfile is not an ICC profile (no 'acsp' signature)")
            return False
        space = data[16:20]
        if space not in ICC_SPACES:
            self.fail(f"the DestOutputProfile's colour space {space!r} is not CMYK, RGB or grey")
        elif n != ICC_SPACES[space]:
            self.fail(f"the DestOutputProfile says /N {n} but its ICC header says {space.decode().strip()} "
                      f"({ICC_SPACES[space]} components)")
        return space == b"CMYK"

    # pages and resources ---------------------------------------------------------------------------

    def _boxes(self) -> None:
        for number, page in enumerate(self.reader.pages, start=1):
            has_trim, has_art = "/TrimBox" in page, "/ArtBox" in page
            if not (has_trim or has_art):
                self.fail(f"page {number} has neither a TrimBox nor an ArtBox")
            elif has_trim and has_art:
                self.fail(f"page {number} has both a TrimBox and an ArtBox")
            media = [float(v) for v in page.mediabox]
            bleed = [float(v) for v in page.bleedbox]  # pypdf falls back to the CropBox, then MediaBox
            if not _inside(bleed, media):
                self.fail(f"page {number}: BleedBox {_fmt(bleed)} is not inside MediaBox {_fmt(media)}")
            if has_trim:
                trim = [float(v) for v in page.trimbox]
                if not _inside(trim, bleed):
                    self.fail(f"page {number}: TrimBox {_fmt(trim)} is not inside BleedBox {_fmt(bleed)}")

    def _walk_pages(self) -> _Walk:
        walk = _Walk()
        self._seen: set[object] = set()
        for number, page in enumerate(self.reader.pages, start=1):
            contents = page.get_contents()
            walk.contents.append((number, "page content", contents.get_data() if contents is not None else b""))
            group = _resolve(page.get("/Group"))
            if isinstance(group, DictionaryObject):
                walk.groups.append((number, "page group", group))
            self._resources(_resolve(page.get("/Resources")), number, "page", walk)
            for annotation in _resolve(page.get("/Annots")) or []:
                appearances = _resolve(_resolve(annotation).get("/AP")) or {}
                for state in appearances.values():
                    state = _resolve(state)
                    forms = [state] if isinstance(state, StreamObject) else [_resolve(v) for v in state.values()]
                    for form in forms:
                        self._form(form, number, "annotation appearance", walk)
        return walk

    def _resources(self, resources: object, page: int, where: str, walk: _Walk) -> None:
        resources = _resolve(resources)
        if not isinstance(resources, DictionaryObject) or id(resources) in self._seen:
            return
        self._seen.add(id(resources))
        for name, font in (_resolve(resources.get("/Font")) or {}).items():
            font = _resolve(font)
            walk.fonts.append((page, f"{where} font {name}", font))
            if font.get("/Subtype") == "/Type3":
                self._resources(font.get("/Resources"), page, f"{where} Type 3 font {name}", walk)
                for glyph in (_resolve(font.get("/CharProcs")) or {}).values():
                    walk.contents.append((page, f"{where} Type 3 font {name} glyph", _resolve(glyph).get_data()))
        for name, space in (_resolve(resources.get("/ColorSpace")) or {}).items():
            walk.spaces.append((page, f"{where} colour space {name}", space))
        for name, state in (_resolve(resources.get("/ExtGState")) or {}).items():
            state = _resolve(state)
            walk.states.append((page, f"{where} ExtGState {name}", state))
            mask = _resolve(state.get("/SMask"))
            if isinstance(mask, DictionaryObject):
                self._form(mask.get("/G"), page, f"{where} soft mask {name}", walk)
        for name, shading in (_resolve(resources.get("/Shading")) or {}).items():
            walk.spaces.append((page, f"{where} shading {name}", _resolve(shading).get("/ColorSpace")))
        for name, pattern in (_resolve(resources.get("/Pattern")) or {}).items():
            pattern = _resolve(pattern)
            if pattern.get("/PatternType") == 1:
                self._form(pattern, page, f"{where} pattern {name}", walk)
            else:
                shading = _resolve(pattern.get("/Shading"))
                if isinstance(shading, DictionaryObject):
                    walk.spaces.append((page, f"{where} pattern {name}", shading.get("/ColorSpace")))
        for name, xobject in (_resolve(resources.get("/XObject")) or {}).items():
            stream = _resolve(xobject)
            subtype = stream.get("/Subtype")
            if subtype == "/Image":
                walk.images.append((page, f"{where} image {name}", stream))
                if "/ColorSpace" in stream:
                    walk.spaces.append((page, f"{where} image {name}", stream["/ColorSpace"]))
                mask = _resolve(stream.get("/SMask"))
                if isinstance(mask, DictionaryObject):
                    walk.images.append((page, f"{where} image {name} soft mask", mask))
            elif subtype == "/Form":
                self._form(xobject, page, f"{where} form {name}", walk)
            elif subtype == "/PS":
                self.fail(f"page {page}: {where} XObject {name} is PostScript, which PDF/X forbids")

    def _form(self, form: object, page: int, where: str, walk: _Walk) -> None:
        key = _key(form)
        stream = _resolve(form)
        if not isinstance(stream, StreamObject) or key in self._seen:
            return
        self._seen.add(key)
        walk.contents.append((page, where, stream.get_data()))
        group = _resolve(stream.get("/Group"))
        if isinstance(group, DictionaryObject):
            walk.groups.append((page, f"{where} group", group))
        self._resources(stream.get("/Resources"), page, where, walk)

    # fonts -----------------------------------------------------------------------------------------

    def _fonts(self, walk: _Walk) -> None:
        for page, where, font in walk.fonts:
            subtype = font.get("/Subtype")
            if subtype == "/Type3":
                continue  # glyphs are content streams, nothing to embed
            name = str(font.get("/BaseFont", "?")).lstrip("/")
            descriptors = []
            if subtype == "/Type0":
                for descendant in _resolve(font.get("/DescendantFonts")) or []:
                    descriptors.append(_resolve(_resolve(descendant).get("/FontDescriptor")))
            else:
                descriptors.append(_resolve(font.get("/FontDescriptor")))
            if not descriptors or not all(
                    isinstance(d, DictionaryObject) and any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                    for d in descriptors):
                self.fail(f"page {page}: font {name} ({where}) is not embedded")

    # actions ---------------------------------------------------------------------------------------

    def _actions(self) -> None:
        names = _resolve(self.root.get("/Names"))
        if isinstance(names, DictionaryObject) and "/JavaScript" in names:
            self.fail("the catalog's name tree holds JavaScript")
        for where, obj in self._every_dictionary():
            action = obj.get("/S")
            if action in ("/JavaScript", "/Launch"):
                self.fail(f"{where} holds a {str(action)[1:]} action, which PDF/X forbids")
            elif "/JS" in obj:
                self.fail(f"{where} holds JavaScript (/JS)")

    def _every_dictionary(self) -> Iterator[tuple[str, DictionaryObject]]:
        """Every dictionary reachable from the trailer, stream dictionaries included (data not read)."""
        seen: set[object] = set()
        stack: list[tuple[str, object]] = [("the trailer", self.reader.trailer)]
        while stack:
            where, item = stack.pop()
            if isinstance(item, IndirectObject):
                key = (item.idnum, item.generation)
                if key in seen:
                    continue
                seen.add(key)
                where = f"object {item.idnum}"
                item = item.get_object()
            if isinstance(item, DictionaryObject):
                yield where, item
                for name, value in item.items():
                    if name not in ("/Parent", "/P"):
                        stack.append((where, value))
            elif isinstance(item, ArrayObject):
                stack.extend((where, value) for value in item)

    # colour ----------------------------------------------------------------------------------------

    def _no_rgb(self, walk: _Walk) -> None:
        for page, where, space in walk.spaces:
            if "DeviceRGB" in _families(space):
                self.fail(f"page {page}: {where} uses DeviceRGB in a file with a CMYK output intent")
        for page, where, group in walk.groups:
            if "/CS" in group and "DeviceRGB" in _families(group["/CS"]):
                self.fail(f"page {page}: {where} blends in DeviceRGB in a file with a CMYK output intent")
        for page, where, data in walk.contents:
            stripped, inline = strip_content(data)
            tokens = content_tokens(stripped)
            operators = {t for t in tokens if t in (b"rg", b"RG")}
            for operator in sorted(operators):
                self.fail(f"page {page}: {where} sets DeviceRGB colour with '{operator.decode()}' "
                          f"in a file with a CMYK output intent")
            for index, token in enumerate(tokens[:-1]):
                if token == b"/DeviceRGB" and tokens[index + 1] in (b"cs", b"CS"):
                    self.fail(f"page {page}: {where} selects /DeviceRGB with '{tokens[index + 1].decode()}' "
                              f"in a file with a CMYK output intent")
            for entries in inline:
                words = content_tokens(entries)
                for index, word in enumerate(words[:-1]):
                    if word in (b"/CS", b"/ColorSpace") and words[index + 1] in (b"/RGB", b"/DeviceRGB"):
                        self.fail(f"page {page}: {where} has an inline image in DeviceRGB")

    def _x1a_colour(self, walk: _Walk) -> None:
        for page, where, space in walk.spaces:
            found = _families(space) & {"ICCBased", "CalRGB", "CalGray", "Lab"}
            for family in sorted(found):
                self.fail(f"page {page}: {where} uses {family}, which PDF/X-1a allows only in the output intent")
        for page, where, data in walk.contents:
            tokens = content_tokens(strip_content(data)[0])
            for index, token in enumerate(tokens[:-1]):
                if token in (b"/CalRGB", b"/CalGray", b"/Lab") and tokens[index + 1] in (b"cs", b"CS"):
                    self.fail(f"page {page}: {where} selects {token.decode()[1:]}, which PDF/X-1a forbids")

    def _x1a_transparency(self, walk: _Walk) -> None:
        for page, where, state in walk.states:
            mask = state.get("/SMask")
            if mask is not None and _resolve(mask) != "/None":
                self.fail(f"page {page}: {where} has a soft mask (transparency), which PDF/X-1a forbids")
            for key in ("/CA", "/ca"):
                if key in state and float(_resolve(state[key])) != 1.0:
                    self.fail(f"page {page}: {where} sets {key[1:]} {float(_resolve(state[key])):g} "
                              f"(transparency), which PDF/X-1a forbids")
            blend = _resolve(state.get("/BM"))
            blends = [_resolve(b) for b in blend] if isinstance(blend, ArrayObject) else [blend]
            if blend is not None and not all(b in ("/Normal", "/Compatible") for b in blends):
                self.fail(f"page {page}: {where} sets blend mode {blend}, which PDF/X-1a forbids")
        for page, where, image in walk.images:
            if "/SMask" in image or int(_resolve(image.get("/SMaskInData", 0)) or 0):
                self.fail(f"page {page}: {where} has a soft mask (transparency), which PDF/X-1a forbids")
        for page, where, group in walk.groups:
            if group.get("/S") == "/Transparency":
                self.fail(f"page {page}: {where} is a transparency group, which PDF/X-1a forbids")


def _families(space: object) -> set[str]:
    """The colour space families a colour space uses: its own and any base or alternate space,
    except an ICCBased space's /Alternate (only a fallback for readers without colour management)."""
    space = _resolve(space)
    if isinstance(space, NameObject):
        return {str(space)[1:]}
    if isinstance(space, ArrayObject) and space:
        family = str(_resolve(space[0]))[1:]
        found = {family}
        if family in ("Indexed", "Pattern") and len(space) > 1:  # the base space
            found |= _families(space[1])
        elif family in ("Separation", "DeviceN") and len(space) > 2:  # the alternate space
            found |= _families(space[2])
        return found
    return set()


def _inside(inner: list[float], outer: list[float]) -> bool:
    il, ib, ir, it = min(inner[0], inner[2]), min(inner[1], inner[3]), max(inner[0], inner[2]), max(inner[1], inner[3])
    ol, ob, orr, ot = min(outer[0], outer[2]), min(outer[1], outer[3]), max(outer[0], outer[2]), max(outer[1], outer[3])
    return (il >= ol - TOLERANCE and ib >= ob - TOLERANCE and ir <= orr + TOLERANCE and it <= ot + TOLERANCE)


def _fmt(box: list[float]) -> str:
    return "[" + " ".join(f"{v:g}" for v in box) + "]"
