"""The press file's last step, with pikepdf: PDF/X output intent and version keys, XMP metadata,
ICC-tagged RGB images and a document ID derived from the content.

ReportLab writes none of these (it drops OutputIntents silently and its invariant /ID is the
same for every document), so they are added to the finished file here."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import struct
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, cast
from xml.sax.saxutils import escape

import pikepdf
from PIL import ImageCms

from ..errors import ImageError, Problem
from ..images.cache import read_prepared
from ..images.prepared import IMAGE_MARK
from ..plan.pages import Metadata
from ..specs.press import PressProfile
from .subsets import tag_subsets

SRGB_NAME = "sRGB IEC61966-2.1"


@dataclass(frozen=True)
class Stamp:
    """What the file says about itself: names and one date for Info and XMP alike."""

    meta: Metadata
    creator: str
    producer: str
    date: dt.datetime


def build_date() -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else a fixed date: never the wall clock,
    so that the same inputs give the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def srgb_profile_bytes() -> bytes:
    """LittleCMS's sRGB with a fixed creation date: it stamps the wall clock into the header,
    which changed the PDF's bytes from one second to the next."""
    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[24:36] = struct.pack(">6H", 2000, 1, 1, 0, 0, 0)
    if any(data[84:100]):  # a profile ID is the MD5 of the profile with these fields zeroed
        plain = bytearray(data)
        plain[44:48] = plain[64:68] = bytes(4)
        plain[84:100] = bytes(16)
        data[84:100] = hashlib.md5(plain, usedforsecurity=False).digest()
    return bytes(data)


def finalise(source: Path, target: Path, press: PressProfile, stamp: Stamp,
             images: Mapping[str, str]) -> None:
    """The drawn file made press-ready: images filled in (`images`: JPEG by resource name),
    colour tagged, PDF/X keys, metadata, a content-derived ID."""
    digest = hashlib.sha256(source.read_bytes()).hexdigest()  # the drawing names images by content hash
    with pikepdf.open(source) as pdf:
        fill_images(pdf, images)
        srgb = pdf.make_stream(srgb_profile_bytes(), N=3, Alternate=pikepdf.Name.DeviceRGB)
        _tag_rgb_images(pdf, srgb)
        if "/ID" in pdf.trailer:
            # ReportLab's invariant ID depends on the metadata, not the pages, and qpdf would keep its
            # first half: without it, both halves come from the content (deterministic_id below).
            del pdf.trailer["/ID"]
        version, conformance = press.flavour.pdfx_version, press.flavour.pdfx_conformance
        if version:
            pdf.Root.OutputIntents = pikepdf.Array([_output_intent(pdf, press, srgb)])
        _info(pdf, stamp, version, conformance)
        tag_subsets(pdf)
        pdf.Root.Metadata = pdf.make_stream(_xmp(stamp, version, digest, conformance).encode("utf-8"),
                                            Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)
        save(pdf, target, deterministic_id=True, force_version=press.flavour.pdf_version,
             object_stream_mode=(pikepdf.ObjectStreamMode.preserve if press.flavour.object_streams
                                 else pikepdf.ObjectStreamMode.disable),
             compress_streams=True, normalize_content=False, linearize=False)


def save(pdf: pikepdf.Pdf, target: Path, **options: Any) -> None:
    """pikepdf's save, where a full disk is an OSError like any other. qpdf writing a file itself, or
    through a Python file that raises, turns a write failing in its last flush into a C++ exception
    thrown where nothing may throw: the process aborts (exit 134), its temporary file left behind.
    So qpdf writes to a sink that never fails; the sink remembers the first error, raised here."""
    with target.open("wb") as handle:
        sink = _Sink(handle)
        # pikepdf writes to any binary stream with write(); its annotation names only typing.BinaryIO,
        # which an io.RawIOBase is not.
        pdf.save(cast(BinaryIO, sink), **options)
        if sink.error is not None:
            raise sink.error


class _Sink(io.RawIOBase):
    """A file that takes every write, keeping the first failure for later (see `save`)."""

    def __init__(self, handle: BinaryIO):
        super().__init__()
        self.handle: BinaryIO = handle
        self.error: OSError | None = None

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        size = len(memoryview(data))
        if self.error is None:
            try:
                self.handle.write(data)
            except OSError as exc:
                self.error = exc
        return size

    def flush(self) -> None:
        if self.error is None and not self.handle.closed:
            try:
                self.handle.flush()
            except OSError as exc:
                self.error = exc


def fill_images(pdf: pikepdf.Pdf, images: Mapping[str, str]) -> None:
    """Put each prepared image into the stub XObject that `render` drew for it, bytes unchanged:
    a JPEG as DCTDecode, anything else (halftones, which JPEG would smear) is zlib-compressed
    samples, FlateDecode. The bytes say which (a JPEG starts FF D8, a zlib stream never does), so
    a file passed through and a cache entry need no label. qpdf then holds them once, until it
    writes the file. Each file's bytes are checked against the SHA-256 the image stage named the
    image by (`cache.read_prepared`): a photo replaced during the build, or a cache entry damaged
    or removed meanwhile, stops the build by name instead of going in under the old image's size.
    Every such image is named in one ImageError."""
    seen: set[tuple[int, int]] = set()
    refused: list[Problem] = []
    for page in pdf.pages:
        for image in page.get_images().values():
            if image.objgen in seen:
                continue
            seen.add(image.objgen)
            raw = image.read_raw_bytes()
            if not raw.startswith(IMAGE_MARK):
                continue
            name = raw[len(IMAGE_MARK):].decode("ascii")
            try:
                data = read_prepared(images[name], name)
            except ImageError as exc:
                refused.extend(exc.problems)
                continue
            jpeg = data.startswith(b"\xff\xd8")
            image.write(data, filter=pikepdf.Name.DCTDecode if jpeg else pikepdf.Name.FlateDecode)
    if refused:
        raise ImageError(refused)


def _tag_rgb_images(pdf: pikepdf.Pdf, srgb: pikepdf.Stream) -> None:
    """Untagged RGB means 'whatever the device does'; our RGB images are sRGB, so say so."""
    for page in pdf.pages:
        for image in page.get_images().values():
            if image.get("/ColorSpace") == pikepdf.Name.DeviceRGB:
                image.ColorSpace = pikepdf.Array([pikepdf.Name.ICCBased, srgb])


def _output_intent(pdf: pikepdf.Pdf, press: PressProfile, srgb: pikepdf.Stream) -> pikepdf.Dictionary:
    colour = press.colour
    if colour.space == "cmyk" and colour.icc:
        profile = pdf.make_stream(colour.icc.read_bytes(), N=4, Alternate=pikepdf.Name.DeviceCMYK)
        identifier, condition = colour.condition, colour.condition_name or colour.condition
    else:
        profile, identifier, condition = srgb, SRGB_NAME, SRGB_NAME
    return pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=pikepdf.String(identifier),
        OutputCondition=pikepdf.String(condition),
        RegistryName=pikepdf.String(colour.registry),
        Info=pikepdf.String(condition),
        DestOutputProfile=profile,
    )


def _pdf_date(date: dt.datetime) -> str:
    return date.strftime("D:%Y%m%d%H%M%S+00'00'")


def _info(pdf: pikepdf.Pdf, stamp: Stamp, version: str | None, conformance: str | None = None) -> None:
    info = pdf.docinfo
    meta = stamp.meta
    for key, value in (("/Title", meta.title), ("/Author", meta.author), ("/Subject", meta.subject),
                       ("/Keywords", meta.keywords), ("/Creator", stamp.creator), ("/Producer", stamp.producer)):
        info[key] = pikepdf.String(value)
    info["/CreationDate"] = pikepdf.String(_pdf_date(stamp.date))
    info["/ModDate"] = pikepdf.String(_pdf_date(stamp.date))
    info["/Trapped"] = pikepdf.Name("/False")  # not Name.False_: attribute access keeps the underscore
    if version:
        info["/GTS_PDFXVersion"] = pikepdf.String(version)
    if conformance:
        info["/GTS_PDFXConformance"] = pikepdf.String(conformance)


def _xmp(stamp: Stamp, version: str | None, digest: str, conformance: str | None = None) -> str:
    """XMP that repeats the Info dictionary, as PDF/X requires; written out by hand so that it is
    byte-for-byte the same on every run. An X-1a:2001 conformance level goes beside the version."""
    meta = stamp.meta
    date = stamp.date.strftime("%Y-%m-%dT%H:%M:%SZ")
    document = uuid.UUID(digest[:32], version=4)
    pdfx = (f'\n   <pdfxid:GTS_PDFXVersion>{escape(version)}</pdfxid:GTS_PDFXVersion>' if version else "")
    if conformance:
        pdfx += f'\n   <pdfxid:GTS_PDFXConformance>{escape(conformance)}</pdfxid:GTS_PDFXConformance>'
    authors = "".join(f"<rdf:li>{escape(name.strip())}</rdf:li>" for name in meta.author.split(",") if name.strip())
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq>{authors}</rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.subject)}</rdf:li></rdf:Alt></dc:description>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>{escape(stamp.creator)}</xmp:CreatorTool>
   <xmpMM:DocumentID>uuid:{document}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:{document}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   <pdf:Producer>{escape(stamp.producer)}</pdf:Producer>
   <pdf:Keywords>{escape(meta.keywords)}</pdf:Keywords>
   <pdf:Trapped>False</pdf:Trapped>{pdfx}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
