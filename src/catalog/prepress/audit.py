"""Checks on the written PDF itself: what the planner cannot see (fonts as embedded, colour spaces
as drawn, the output intent) and a slip in our own renderer would break."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pikepdf

from ..errors import Problem
from ..specs.press import PressProfile

_RGB_OPERATOR = re.compile(rb"(?<![\w/])(rg|RG)(?![\w])")
_STRING = re.compile(rb"\((?:\\.|[^\\)])*\)", re.DOTALL)


def inspect_pdf(path: Path, press: PressProfile) -> list[Problem]:
    with pikepdf.open(path) as pdf:
        findings = list(_fonts(pdf))
        if press.colour.space == "cmyk":
            findings.extend(_rgb(pdf, press))
        if press.flavour.pdfx and "/OutputIntents" not in pdf.Root:
            findings.append(Problem("the PDF/X file has no output intent", severity="error", code="pdfx",
                                    hint="please report this as a bug"))
    return findings


def _fonts(pdf: pikepdf.Pdf) -> Iterator[Problem]:
    seen: set[str] = set()
    for number, page in enumerate(pdf.pages, start=1):
        fonts = page.obj.get("/Resources", pikepdf.Dictionary()).get("/Font", pikepdf.Dictionary())
        for _, font in fonts.items():
            name = str(font.get("/BaseFont", "?"))
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font.DescendantFonts[0].get("/FontDescriptor")
            embedded = descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2",
                                                                                "/FontFile3"))
            if not embedded and name not in seen:
                seen.add(name)
                yield Problem(f"font {name} on page {number} is not embedded", severity="error",
                              code="font-not-embedded", page=number,
                              hint="print shops need every font in the file; use the layout's TTF fonts")


def _content(page: pikepdf.Dictionary) -> bytes:
    contents = page.get("/Contents")
    if contents is None:
        return b""
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    return b"\n".join(stream.read_bytes() for stream in streams)


def _rgb(pdf: pikepdf.Pdf, press: PressProfile) -> Iterator[Problem]:
    severity = press.flavour.rgb_severity
    for number, page in enumerate(pdf.pages, start=1):
        if _RGB_OPERATOR.search(_STRING.sub(b"()", _content(page.obj))):
            yield Problem(f"page {number} draws in RGB in a CMYK job", severity=severity, code="rgb-in-cmyk",
                          page=number, hint="please report this as a bug: layout colours should be converted")
