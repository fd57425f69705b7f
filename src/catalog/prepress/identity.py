"""What a file derived from the press file (printer sheets) keeps of it: its PDF/X identity (the output
intent, GTS_PDFXVersion in the Info dictionary and the XMP, Trapped), its PDF version and its names,
so a PDF/X preflight at the printer accepts the sheets as it accepts the pages. PDF/X requires Info and
XMP to agree, so the new title and subject are written into both."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from xml.sax.saxutils import escape

import pikepdf

_KEPT = ("/Author", "/Keywords", "/Creator", "/Producer", "/CreationDate", "/ModDate", "/Trapped",
         "/GTS_PDFXVersion", "/GTS_PDFXConformance")


def carry(source: pikepdf.Pdf, target: pikepdf.Pdf, title: str, subject: str) -> str:
    """Copy `source`'s identity into `target` with `title` and `subject`; the PDF version to write."""
    if "/OutputIntents" in source.Root:
        # Written direct by the press stage; copy_foreign takes indirect objects only.
        target.Root.OutputIntents = pikepdf.Array(
            [target.copy_foreign(source.make_indirect(intent)) for intent in source.Root.OutputIntents])
    info = source.docinfo if "/Info" in source.trailer else pikepdf.Dictionary()
    for key in _KEPT:
        if key in info:
            target.docinfo[key] = info[key]
    target.docinfo.Title = pikepdf.String(title)
    target.docinfo.Subject = pikepdf.String(subject)
    if "/Metadata" in source.Root:
        xmp = _retitled(source.Root.Metadata.read_bytes().decode("utf-8"), title, subject)
        target.Root.Metadata = target.make_stream(xmp.encode("utf-8"), Type=pikepdf.Name.Metadata,
                                                  Subtype=pikepdf.Name.XML)
    return str(source.pdf_version)


def object_streams(version: str) -> pikepdf.ObjectStreamMode:
    """Object streams came with PDF 1.5: an older file (PDF/X-1a) must not gain them."""
    major, minor = (int(part) for part in version.split(".")[:2])
    return pikepdf.ObjectStreamMode.preserve if (major, minor) >= (1, 5) else pikepdf.ObjectStreamMode.disable


def _retitled(xmp: str, title: str, subject: str) -> str:
    """The source's XMP with the new title and description, and an instance ID of its own (a derived
    rendition keeps the DocumentID), derived from the old one so the bytes stay the same run to run."""
    for tag, text in (("dc:title", title), ("dc:description", subject)):
        xmp = re.sub(rf"(<{tag}><rdf:Alt><rdf:li[^>]*>).*?(</rdf:li>)", _replacing(escape(text)), xmp, count=1,
                     flags=re.S)

    def instance(match: re.Match[str]) -> str:
        derived = uuid.uuid5(uuid.NAMESPACE_URL, f"{match[2]}#{title}")
        return f"{match[1]}uuid:{derived}{match[3]}"

    return re.sub(r"(<xmpMM:InstanceID>)(.*?)(</xmpMM:InstanceID>)", instance, xmp, count=1)


def _replacing(text: str) -> Callable[[re.Match[str]], str]:
    """A re.sub replacement that puts `text` between the match's two groups, taken literally."""
    return lambda match: f"{match[1]}{text}{match[2]}"
