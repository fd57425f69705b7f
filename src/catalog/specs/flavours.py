"""The PDF flavours a press profile may ask for (`pdf:`), as records: what each means for the file written
(its PDF version, a PDF/X version and output intent, object streams) and for the checks (whether RGB left in
a CMYK job breaks the standard). One place to read them, and to add a flavour."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Severity


@dataclass(frozen=True)
class PdfFlavour:
    name: str                 # as a press profile writes it
    label: str                # as messages name it
    pdfx_version: str | None  # GTS_PDFXVersion, in the Info dictionary and the XMP; None: not PDF/X
    pdf_version: str          # the file's header
    cmyk_only: bool           # no RGB at all (PDF/X-1a): RGB left in a CMYK job is an error, not a warning
    pdfx_conformance: str | None = None  # GTS_PDFXConformance: PDF/X-1:2001 names its conformance level apart

    @property
    def pdfx(self) -> bool:
        """A PDF/X file: it carries an output intent for the press's printing condition."""
        return self.pdfx_version is not None

    @property
    def object_streams(self) -> bool:
        """Object streams came with PDF 1.5: a file of an older version must not have them."""
        major, minor = (int(part) for part in self.pdf_version.split("."))
        return (major, minor) >= (1, 5)

    @property
    def rgb_severity(self) -> Severity:
        """How a check reports RGB in a CMYK job: an error where the flavour forbids RGB, else a warning."""
        return "error" if self.cmyk_only else "warning"


PLAIN = PdfFlavour("plain", "PDF", None, "1.6", cmyk_only=False)
X4 = PdfFlavour("x4", "PDF/X-4", "PDF/X-4", "1.6", cmyk_only=False)
# PDF/X-1a:2001 (ISO 15930-1:2001) is what print-on-demand and book printers ask for by name (IngramSpark's
# File Creation Guide: "PDF/X-1a:2001 or PDF/X-3:2002"; Bookpress: "PDF/X1a: 2001 Acrobat 4 version 1.3"):
# a PDF 1.3 file whose Info says GTS_PDFXVersion "PDF/X-1:2001" and GTS_PDFXConformance "PDF/X-1a:2001"
# (ISO 15930-1:2001, 6.1; the same two keys the Ruby `preflight` gem's PDFX1A profile matches).
X1A = PdfFlavour("x1a", "PDF/X-1a", "PDF/X-1:2001", "1.3", cmyk_only=True, pdfx_conformance="PDF/X-1a:2001")

FLAVOURS: dict[str, PdfFlavour] = {flavour.name: flavour for flavour in (PLAIN, X4, X1A)}
"""By name, in the order the schema lists them."""
