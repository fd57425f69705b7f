"""The PDF/X checker itself: a small file that passes, and that file broken one way at a time, each
of which the checker must catch. A checker that passes everything would make the press tests
worthless."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from tests.support import REPO
from tests.support.pdfx_check import content_tokens, pdf_date, pdfx_check, strip_content, xmp_date

ICC = (REPO / "presses/FOGRA39L-l300.icc").read_bytes()
TITLE = "Checker fixture"
DATE = "D:20240102030405+00'00'"
ISO = "2024-01-02T03:04:05Z"
FONT = "PTSansPdfxCheck"

XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <xmp:CreateDate>{iso}</xmp:CreateDate>
   <xmp:ModifyDate>{iso}</xmp:ModifyDate>
   <xmpMM:DocumentID>uuid:6b1c4a8e-1d1f-4c59-9a57-0e8e2f1d9c11</xmpMM:DocumentID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   <pdf:Trapped>False</pdf:Trapped>
   <pdfxid:GTS_PDFXVersion>{version}</pdfxid:GTS_PDFXVersion>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""

Edit = Callable[[pikepdf.Pdf], None]


@lru_cache(maxsize=1)
def drawn() -> bytes:
    """One page drawn by ReportLab in CMYK: embedded TrueType text, a tint, a CMYK JPEG."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(REPO / "fonts/PTSans-Regular.ttf")))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(240, 240), invariant=1, initialFontName=FONT, enforceColorSpace="cmyk")
    canvas.setFillColorCMYK(0, 0, 0, 1)
    canvas.setFont(FONT, 12)
    canvas.drawString(40, 120, "Checker")
    canvas.setFillColorCMYK(0.2, 0.5, 0, 0)
    canvas.rect(40, 40, 50, 20, stroke=0, fill=1)
    jpeg = io.BytesIO()
    Image.new("CMYK", (8, 8), (0, 128, 255, 0)).save(jpeg, "JPEG")
    jpeg.seek(0)
    canvas.drawImage(ImageReader(jpeg), 140, 40, 40, 40)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def write_pdfx(path: Path, mode: str = "x4", edit: Edit | None = None, xmp: Callable[[str], str] | None = None,
               patch: Callable[[bytes], bytes] | None = None, version: str | None = None,
               encryption: pikepdf.Encryption | None = None, object_streams: bool = False) -> Path:
    """The drawn page made into a PDF/X file (X-4 or X-1a) by hand, then broken by `edit` (on the
    open file), `xmp` (on the metadata text) or `patch` (on the saved bytes)."""
    pdfx = "PDF/X-4" if mode == "x4" else "PDF/X-1:2001"
    with pikepdf.open(io.BytesIO(drawn())) as pdf:
        page = pdf.pages[0].obj
        page.MediaBox = pikepdf.Array([0, 0, 240, 240])
        page.BleedBox = pikepdf.Array([11, 11, 229, 229])
        page.TrimBox = pikepdf.Array([20, 20, 220, 220])
        info = pdf.docinfo
        info.Title = pikepdf.String(TITLE)
        info.CreationDate = pikepdf.String(DATE)
        info.ModDate = pikepdf.String(DATE)
        info.Trapped = pikepdf.Name("/False")
        info.GTS_PDFXVersion = pikepdf.String(pdfx)
        if mode == "x1a":
            info.GTS_PDFXConformance = pikepdf.String("PDF/X-1a:2001")
        text = XMP.format(title=TITLE, iso=ISO, version=pdfx)
        text = xmp(text) if xmp else text
        pdf.Root.Metadata = pdf.make_stream(text.encode("utf-8"), Type=pikepdf.Name.Metadata,
                                            Subtype=pikepdf.Name.XML)
        profile = pdf.make_stream(ICC, N=4, Alternate=pikepdf.Name.DeviceCMYK)
        pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
            OutputConditionIdentifier=pikepdf.String("FOGRA39"), RegistryName=pikepdf.String("http://www.color.org"),
            Info=pikepdf.String("Coated FOGRA39"), DestOutputProfile=profile)])
        if edit:
            edit(pdf)
        buffer = io.BytesIO()
        pdf.save(buffer, force_version=version or ("1.6" if mode == "x4" else "1.3"),
                 deterministic_id=encryption is None,
                 fix_metadata_version=False, encryption=encryption or False,
                 object_stream_mode=(pikepdf.ObjectStreamMode.generate if object_streams
                                     else pikepdf.ObjectStreamMode.disable))
    data = buffer.getvalue()
    path.write_bytes(patch(data) if patch else data)
    return path


# -- edits ---------------------------------------------------------------------------------------


def page(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    return pdf.pages[0].obj


def draw(operators: bytes) -> Edit:
    def edit(pdf: pikepdf.Pdf) -> None:
        pdf.pages[0].contents_add(pdf.make_stream(operators), prepend=False)
    return edit


def info(key: str, value: object = None) -> Edit:
    def edit(pdf: pikepdf.Pdf) -> None:
        if value is None:
            del pdf.docinfo[key]
        else:
            pdf.docinfo[key] = value
    return edit


def catalog(key: str, value: Callable[[pikepdf.Pdf], object] | None = None) -> Edit:
    def edit(pdf: pikepdf.Pdf) -> None:
        if value is None:
            del pdf.Root[key]
        else:
            pdf.Root[key] = value(pdf)
    return edit


def intent(key: str, value: Callable[[pikepdf.Pdf], object] | None = None) -> Edit:
    def edit(pdf: pikepdf.Pdf) -> None:
        target = pdf.Root.OutputIntents[0]
        if value is None:
            del target[key]
        else:
            target[key] = value(pdf)
    return edit


def box(key: str, value: list[float] | None) -> Edit:
    def edit(pdf: pikepdf.Pdf) -> None:
        if value is None:
            del page(pdf)[key]
        else:
            page(pdf)[key] = pikepdf.Array(value)
    return edit


def resource(kind: str, name: str, make: Callable[[pikepdf.Pdf], object], draw_with: bytes = b"") -> Edit:
    """A resource added to the page (and drawn with `draw_with` when given)."""
    def edit(pdf: pikepdf.Pdf) -> None:
        resources = page(pdf).Resources
        if kind not in resources:
            resources[kind] = pikepdf.Dictionary()
        resources[kind][name] = make(pdf)
        if draw_with:
            draw(draw_with)(pdf)
    return edit


def helvetica(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    return pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))


def form(content: bytes, resources: Callable[[pikepdf.Pdf], pikepdf.Dictionary] | None = None
         ) -> Callable[[pikepdf.Pdf], pikepdf.Stream]:
    def make(pdf: pikepdf.Pdf) -> pikepdf.Stream:
        stream = pdf.make_stream(content, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                                 BBox=pikepdf.Array([0, 0, 100, 100]))
        stream.Resources = resources(pdf) if resources else pikepdf.Dictionary()
        return stream
    return make


def image(colour_space: Callable[[pikepdf.Pdf], object], **extra: object) -> Callable[[pikepdf.Pdf], pikepdf.Stream]:
    def make(pdf: pikepdf.Pdf) -> pikepdf.Stream:
        return pdf.make_stream(b"\x80\x80\x80", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=1,
                               Height=1, BitsPerComponent=8, ColorSpace=colour_space(pdf), **extra)
    return make


def srgb(pdf: pikepdf.Pdf) -> pikepdf.Array:
    from PIL import ImageCms
    data = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return pikepdf.Array([pikepdf.Name.ICCBased, pdf.make_stream(data, N=3, Alternate=pikepdf.Name.DeviceRGB)])


def name(text: str) -> Callable[[pikepdf.Pdf], pikepdf.Name]:
    return lambda pdf: pikepdf.Name(text)


def xmp_drop(tag: str) -> Callable[[str], str]:
    return lambda text: re.sub(rf"\s*<{tag}>.*?</{tag}>", "", text, flags=re.DOTALL)


def xmp_set(tag: str, value: str) -> Callable[[str], str]:
    return lambda text: re.sub(rf"<{tag}>.*?</{tag}>", f"<{tag}>{value}</{tag}>", text, flags=re.DOTALL)


def drop_id(data: bytes) -> bytes:
    assert data.count(b"/ID [") == 1
    return data.replace(b"/ID [", b"/IX [")  # same length: the cross-reference offsets stay right


def one_id(data: bytes) -> bytes:
    match = re.search(rb"/ID \[\s*<[0-9a-fA-F]*>\s*(<[0-9a-fA-F]*>)", data)
    assert match
    start, end = match.span(1)
    return data[:start] + b" " * (end - start) + data[end:]


# -- the cases -------------------------------------------------------------------------------------

BROKEN: list[tuple[str, dict, str]] = [
    # header and trailer
    ("pdf-1.7", {"version": "1.7"}, "PDF version 1.7 is above the 1.6"),
    ("catalog-version", {"edit": catalog("/Version", name("/1.7"))}, "PDF version 1.7 is above the 1.6"),
    ("no-id", {"patch": drop_id}, "the trailer has no /ID"),
    ("one-id-string", {"patch": one_id}, "/ID must be an array of two strings"),
    ("encrypted", {"encryption": pikepdf.Encryption(owner="owner", user="", R=3, aes=False, metadata=False)},
     "encrypted"),
    # Info
    ("no-info-version", {"edit": info("/GTS_PDFXVersion")}, "Info has no GTS_PDFXVersion"),
    ("x3-info-version", {"edit": info("/GTS_PDFXVersion", pikepdf.String("PDF/X-3:2002"))},
     "Info GTS_PDFXVersion is 'PDF/X-3:2002', not PDF/X-4"),
    ("trapped-underscore", {"edit": info("/Trapped", pikepdf.Name("/False_"))}, "Info /Trapped is '/False_'"),
    ("trapped-string", {"edit": info("/Trapped", pikepdf.String("False"))}, "Info /Trapped is 'False'"),
    ("no-trapped", {"edit": info("/Trapped")}, "Info has no /Trapped"),
    ("no-title", {"edit": info("/Title")}, "Info has no Title"),
    ("no-creation-date", {"edit": info("/CreationDate")}, "Info has no CreationDate"),
    ("no-mod-date", {"edit": info("/ModDate")}, "Info has no ModDate"),
    ("bad-date", {"edit": info("/ModDate", pikepdf.String("yesterday"))}, "Info ModDate 'yesterday' is not a PDF date"),
    # XMP
    ("no-metadata", {"edit": catalog("/Metadata")}, "no /Metadata (XMP) stream"),
    ("broken-xml", {"xmp": lambda text: text.replace("</x:xmpmeta>", "")}, "not well-formed XML"),
    ("xmp-no-version", {"xmp": xmp_drop("pdfxid:GTS_PDFXVersion")}, "no pdfxid:GTS_PDFXVersion"),
    ("xmp-other-version", {"xmp": xmp_set("pdfxid:GTS_PDFXVersion", "PDF/X-4p")},
     "pdfxid:GTS_PDFXVersion 'PDF/X-4p' differs from Info's 'PDF/X-4'"),
    ("xmp-no-create-date", {"xmp": xmp_drop("xmp:CreateDate")}, "no xmp:CreateDate"),
    ("xmp-create-date-off", {"xmp": xmp_set("xmp:CreateDate", "2024-01-02T03:04:06Z")},
     "xmp:CreateDate 2024-01-02T03:04:06Z differs from Info CreationDate"),
    ("xmp-modify-date-zone", {"xmp": xmp_set("xmp:ModifyDate", "2024-01-02T03:04:05+02:00")},
     "xmp:ModifyDate 2024-01-02T03:04:05+02:00 differs from Info ModDate"),
    ("xmp-not-a-date", {"xmp": xmp_set("xmp:ModifyDate", "soon")}, "xmp:ModifyDate 'soon' is not a date"),
    ("xmp-no-document-id", {"xmp": xmp_drop("xmpMM:DocumentID")}, "no xmpMM:DocumentID"),
    ("xmp-no-version-id", {"xmp": xmp_drop("xmpMM:VersionID")}, "no xmpMM:VersionID"),
    ("xmp-no-rendition", {"xmp": xmp_drop("xmpMM:RenditionClass")}, "no xmpMM:RenditionClass"),
    ("xmp-no-trapped", {"xmp": xmp_drop("pdf:Trapped")}, "no pdf:Trapped"),
    ("xmp-trapped-differs", {"xmp": xmp_set("pdf:Trapped", "True")}, "pdf:Trapped 'True' differs"),
    ("xmp-no-title", {"xmp": xmp_drop("dc:title")}, "no dc:title"),
    ("xmp-title-differs", {"xmp": lambda text: text.replace(f">{TITLE}</rdf:li>", ">Another</rdf:li>")},
     "dc:title 'Another' differs from Info Title"),
    # output intent
    ("no-output-intents", {"edit": catalog("/OutputIntents")}, "no /OutputIntents"),
    ("two-output-intents", {"edit": lambda pdf: pdf.Root.OutputIntents.append(pdf.Root.OutputIntents[0])},
     "exactly one /GTS_PDFX output intent, not 2"),
    ("pdfa-intent-only", {"edit": intent("/S", name("/GTS_PDFA1"))}, "exactly one /GTS_PDFX output intent, not 0"),
    ("no-condition-identifier", {"edit": intent("/OutputConditionIdentifier")}, "no OutputConditionIdentifier"),
    ("no-profile", {"edit": intent("/DestOutputProfile")}, "no embedded DestOutputProfile"),
    ("profile-not-icc", {"edit": intent("/DestOutputProfile", lambda pdf: pdf.make_stream(b"not a profile" * 20, N=4))},
     "not an ICC profile"),
    ("profile-n-3", {"edit": lambda pdf: pdf.Root.OutputIntents[0].DestOutputProfile.__setitem__("/N", 3)},
     "says /N 3 but its ICC header says CMYK (4 components)"),
    # boxes
    ("no-trim-box", {"edit": box("/TrimBox", None)}, "page 1 has neither a TrimBox nor an ArtBox"),
    ("trim-and-art-box", {"edit": box("/ArtBox", [20, 20, 220, 220])}, "page 1 has both a TrimBox and an ArtBox"),
    ("bleed-beyond-media", {"edit": box("/BleedBox", [-5, 11, 229, 229])}, "BleedBox [-5 11 229 229] is not inside"),
    ("trim-beyond-bleed", {"edit": box("/TrimBox", [5, 20, 220, 220])}, "TrimBox [5 20 220 220] is not inside"),
    # fonts
    ("helvetica-on-page", {"edit": resource("/Font", "/F9", helvetica, b"BT /F9 9 Tf 30 30 Td (x) Tj ET")},
     "font Helvetica (page font /F9) is not embedded"),
    ("helvetica-in-form", {"edit": resource(
        "/XObject", "/Fm9", form(b"BT /F9 9 Tf (x) Tj ET", lambda pdf: pikepdf.Dictionary(
            Font=pikepdf.Dictionary(F9=helvetica(pdf)))), b"/Fm9 Do")},
     "font Helvetica (page form /Fm9 font /F9) is not embedded"),
    ("helvetica-in-nested-form", {"edit": resource(
        "/XObject", "/Fm8", form(b"/Fm9 Do", lambda pdf: pikepdf.Dictionary(XObject=pikepdf.Dictionary(
            Fm9=form(b"BT /F9 9 Tf (x) Tj ET", lambda pdf: pikepdf.Dictionary(
                Font=pikepdf.Dictionary(F9=helvetica(pdf))))(pdf)))), b"/Fm8 Do")},
     "font Helvetica (page form /Fm8 form /Fm9 font /F9) is not embedded"),
    ("type0-descendant-not-embedded", {"edit": resource("/Font", "/F8", lambda pdf: pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0, BaseFont=pikepdf.Name("/NotoSans"),
        Encoding=pikepdf.Name("/Identity-H"), DescendantFonts=pikepdf.Array([pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.CIDFontType2, BaseFont=pikepdf.Name("/NotoSans"),
            FontDescriptor=pikepdf.Dictionary(Type=pikepdf.Name.FontDescriptor,
                                              FontName=pikepdf.Name("/NotoSans"), Flags=4))])))},
     "font NotoSans (page font /F8) is not embedded"),
    ("font-file-dropped", {"edit": lambda pdf: page(pdf).Resources.Font["/F1+0"].FontDescriptor.__delitem__(
        "/FontFile2")}, "font AAAAAA+PTSans-Regular (page font /F1+0) is not embedded"),
    # actions
    ("javascript-open-action", {"edit": catalog("/OpenAction", lambda pdf: pikepdf.Dictionary(
        S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")))}, "JavaScript action"),
    ("javascript-name-tree", {"edit": catalog("/Names", lambda pdf: pikepdf.Dictionary(
        JavaScript=pikepdf.Dictionary(Names=pikepdf.Array())))}, "name tree holds JavaScript"),
    ("launch-annotation", {"edit": lambda pdf: page(pdf).__setitem__("/Annots", pikepdf.Array([
        pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
                                             Rect=pikepdf.Array([30, 30, 60, 60]), A=pikepdf.Dictionary(
                                                 S=pikepdf.Name.Launch, F=pikepdf.String("calc.exe"))))]))},
     "Launch action"),
    # RGB in a CMYK job
    ("rg-operator", {"edit": draw(b"1 0 0 rg 0 0 10 10 re f")}, "sets DeviceRGB colour with 'rg'"),
    ("RG-operator", {"edit": draw(b"0 0 1 RG 0 0 m 10 10 l S")}, "sets DeviceRGB colour with 'RG'"),
    ("rg-after-string", {"edit": draw(b"BT /F1+0 9 Tf (a \\) b) Tj ET 0.5 0.5 0.5 rg")},
     "sets DeviceRGB colour with 'rg'"),
    ("devicergb-cs", {"edit": draw(b"/DeviceRGB cs 1 0 0 sc 0 0 10 10 re f")}, "selects /DeviceRGB with 'cs'"),
    ("rg-in-form", {"edit": resource("/XObject", "/Fm7", form(b"1 0 0 rg 0 0 5 5 re f"), b"/Fm7 Do")},
     "page form /Fm7 sets DeviceRGB colour with 'rg'"),
    ("rgb-image", {"edit": resource("/XObject", "/Im9", image(name("/DeviceRGB")), b"q 9 0 0 9 0 0 cm /Im9 Do Q")},
     "page image /Im9 uses DeviceRGB"),
    ("indexed-rgb-image", {"edit": resource("/XObject", "/Im8", image(lambda pdf: pikepdf.Array([
        pikepdf.Name.Indexed, pikepdf.Name.DeviceRGB, 0, pikepdf.String(b"\xff\x00\x00")])))},
     "page image /Im8 uses DeviceRGB"),
    ("rgb-colour-space-resource", {"edit": resource("/ColorSpace", "/CS9", name("/DeviceRGB"))},
     "page colour space /CS9 uses DeviceRGB"),
    ("separation-rgb-alternate", {"edit": resource("/ColorSpace", "/CS8", lambda pdf: pikepdf.Array([
        pikepdf.Name.Separation, pikepdf.Name("/Gold"), pikepdf.Name.DeviceRGB,
        pikepdf.Dictionary(FunctionType=2, Domain=pikepdf.Array([0, 1]), N=1, C0=pikepdf.Array([1, 1, 1]),
                           C1=pikepdf.Array([0.8, 0.6, 0.2]))]))},
     "page colour space /CS8 uses DeviceRGB"),
    ("rgb-inline-image", {"edit": draw(b"q 9 0 0 9 0 0 cm BI /W 1 /H 1 /BPC 8 /CS /RGB ID \xff\x00\x00 EI Q")},
     "inline image in DeviceRGB"),
    ("rgb-group", {"edit": lambda pdf: page(pdf).__setitem__("/Group", pikepdf.Dictionary(
        S=pikepdf.Name.Transparency, CS=pikepdf.Name.DeviceRGB))}, "page group blends in DeviceRGB"),
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pdfx")


def test_the_fixture_passes(folder: Path) -> None:
    assert pdfx_check(write_pdfx(folder / "good.pdf")) == []


@pytest.mark.parametrize(("kwargs", "expected"), [pytest.param(k, e, id=i) for i, k, e in BROKEN])
def test_each_violation_is_caught(folder: Path, request: pytest.FixtureRequest, kwargs: dict, expected: str) -> None:
    path = write_pdfx(folder / f"{request.node.callspec.id}.pdf", **kwargs)
    found = pdfx_check(path)
    assert any(expected in problem for problem in found), found


ALLOWED: list[tuple[str, dict]] = [
    # things that look like violations to a careless checker, but are not
    ("rg-inside-a-string", {"edit": draw(b"BT /F1+0 9 Tf (1 0 0 rg \\(RG\\)) Tj <72672052470a> Tj ET")}),
    ("rg-in-a-comment", {"edit": draw(b"% 1 0 0 rg\n0 0 0 1 k")}),
    ("rg-as-a-name", {"edit": resource("/ExtGState", "/rg", lambda pdf: pikepdf.Dictionary(Type=pikepdf.Name.ExtGState,
                                                                                         LW=1), b"/rg gs")}),
    ("rg-bytes-in-inline-image-data", {"edit": draw(b"q 9 0 0 9 0 0 cm BI /W 2 /H 1 /BPC 8 /CS /G ID rg EI Q")}),
    ("icc-rgb-image-in-x4", {"edit": resource("/XObject", "/Im7", image(srgb), b"q 9 0 0 9 0 0 cm /Im7 Do Q")}),
    ("transparency-in-x4", {"edit": resource("/ExtGState", "/GS9", lambda pdf: pikepdf.Dictionary(
        Type=pikepdf.Name.ExtGState, ca=0.5, CA=0.5), b"/GS9 gs")}),
    ("art-box-instead-of-trim-box", {"edit": lambda pdf: (box("/TrimBox", None)(pdf),
                                                          box("/ArtBox", [20, 20, 220, 220])(pdf))}),
    ("same-instant-other-zone", {"xmp": xmp_set("xmp:CreateDate", "2024-01-02T05:04:05+02:00")}),
    ("xmp-properties-as-attributes", {"xmp": lambda text: xmp_drop("xmpMM:VersionID")(text).replace(
        'rdf:about=""', 'rdf:about="" xmpMM:VersionID="2"')}),
    ("rgb-with-an-rgb-output-intent", {"edit": lambda pdf: (
        intent("/DestOutputProfile", lambda pdf: srgb(pdf)[1])(pdf), draw(b"1 0 0 rg 0 0 9 9 re f")(pdf))}),
]


@pytest.mark.parametrize("kwargs", [pytest.param(k, id=i) for i, k in ALLOWED])
def test_what_pdfx4_allows_passes(folder: Path, request: pytest.FixtureRequest, kwargs: dict) -> None:
    path = write_pdfx(folder / f"ok-{request.node.callspec.id}.pdf", **kwargs)
    assert pdfx_check(path) == []


# -- PDF/X-1a ----------------------------------------------------------------------------------------


def test_an_x1a_fixture_passes_as_x1a_but_not_as_x4(folder: Path) -> None:
    path = write_pdfx(folder / "x1a.pdf", mode="x1a")
    assert pdfx_check(path, mode="x1a") == []
    assert "Info GTS_PDFXVersion is 'PDF/X-1:2001', not PDF/X-4" in pdfx_check(path)


def test_an_x4_file_is_not_x1a(folder: Path) -> None:
    found = pdfx_check(write_pdfx(folder / "x4.pdf"), mode="x1a")
    assert "PDF version 1.6 is above the 1.3 that PDF/X-1:2001 allows" in found
    assert "Info GTS_PDFXVersion is 'PDF/X-4', not 'PDF/X-1:2001'" in found
    assert "Info GTS_PDFXConformance is not 'PDF/X-1a:2001'" in found


X1A_BROKEN: list[tuple[str, dict, str]] = [
    ("object-streams", {"object_streams": True, "version": "1.5",
                        "patch": lambda data: data.replace(b"%PDF-1.5", b"%PDF-1.3", 1)}, "object streams"),
    ("xref-stream", {"object_streams": True, "version": "1.5",
                     "patch": lambda data: data.replace(b"%PDF-1.5", b"%PDF-1.3", 1)}, "cross-reference stream"),
    ("icc-image", {"edit": resource("/XObject", "/Im7", image(srgb), b"q 9 0 0 9 0 0 cm /Im7 Do Q")},
     "page image /Im7 uses ICCBased"),
    ("lab-colour-space", {"edit": resource("/ColorSpace", "/CS7", lambda pdf: pikepdf.Array([
        pikepdf.Name.Lab, pikepdf.Dictionary(WhitePoint=pikepdf.Array([0.9505, 1, 1.089]))]))},
     "page colour space /CS7 uses Lab"),
    ("constant-alpha", {"edit": resource("/ExtGState", "/GS9", lambda pdf: pikepdf.Dictionary(
        Type=pikepdf.Name.ExtGState, ca=0.5), b"/GS9 gs")}, "sets ca 0.5"),
    ("soft-mask", {"edit": resource("/ExtGState", "/GS8", lambda pdf: pikepdf.Dictionary(
        Type=pikepdf.Name.ExtGState, SMask=pikepdf.Dictionary(S=pikepdf.Name.Luminosity, G=form(b"")(pdf))),
        b"/GS8 gs")}, "ExtGState /GS8 has a soft mask"),
    ("blend-mode", {"edit": resource("/ExtGState", "/GS7", lambda pdf: pikepdf.Dictionary(
        Type=pikepdf.Name.ExtGState, BM=pikepdf.Name.Multiply), b"/GS7 gs")}, "blend mode /Multiply"),
    ("image-soft-mask", {"edit": resource("/XObject", "/Im6", lambda pdf: image(
        name("/DeviceCMYK"), SMask=image(name("/DeviceGray"))(pdf))(pdf))}, "image /Im6 has a soft mask"),
    ("transparency-group", {"edit": lambda pdf: page(pdf).__setitem__("/Group", pikepdf.Dictionary(
        S=pikepdf.Name.Transparency, CS=pikepdf.Name.DeviceCMYK))}, "page group is a transparency group"),
]


@pytest.mark.parametrize(("kwargs", "expected"), [pytest.param(k, e, id=i) for i, k, e in X1A_BROKEN])
def test_each_x1a_violation_is_caught(folder: Path, request: pytest.FixtureRequest, kwargs: dict,
                                     expected: str) -> None:
    path = write_pdfx(folder / f"x1a-{request.node.callspec.id}.pdf", mode="x1a", **kwargs)
    found = pdfx_check(path, mode="x1a")
    assert any(expected in problem for problem in found), found


def test_an_unreadable_file_is_one_violation(tmp_path: Path) -> None:
    path = tmp_path / "not.pdf"
    path.write_bytes(b"%PDF-1.6\nnothing here\n")
    (problem,) = pdfx_check(path)
    assert problem.startswith("the file cannot be read as a PDF")


# -- the pieces ---------------------------------------------------------------------------------------


def test_dates_are_read_as_instants() -> None:
    assert pdf_date("D:20231114221320+00'00'") == xmp_date("2023-11-14T22:13:20Z")
    assert pdf_date("D:20231114231320+01'00'") == xmp_date("2023-11-14T22:13:20Z")
    assert pdf_date("D:2023") is not None and xmp_date("2023-11-14") is not None
    assert pdf_date("20231114") is None and xmp_date("14/11/2023") is None


def test_strings_comments_and_inline_images_are_skipped() -> None:
    stripped, inline = strip_content(b"(a (nested \\) rg) RG) Tj % 1 0 0 rg\n<7267> Tj BI /CS /RGB ID rg EI 0 g")
    assert content_tokens(stripped) == [b"Tj", b"Tj", b"0", b"g"]
    assert content_tokens(inline[0]) == [b"/CS", b"/RGB"]
