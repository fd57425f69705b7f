"""Text as people really write it, built into real PDFs: markup characters print as written, NFD and
NFC print the same, long words and URLs break inside their frames, and text too long for its frame
is reported with its file and line instead of being cut silently."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pikepdf
import pypdfium2 as pdfium
import pytest
from typer.testing import CliRunner

from catalog.builder import BuildOptions, BuildResult, build, check, plan_project
from catalog.cli.app import app
from catalog.errors import Problem
from catalog.plan import DocumentPlan, TextLine
from catalog.plan.geometry import Geometry
from catalog.specs.layouts import LayoutSpec, load_layout
from catalog.text import fonts
from catalog.text.items import LEFT_HANG, RIGHT_HANG
from catalog.text.lines import Line, Run, Setting
from catalog.text.typeset import set_text
from tests.support import REPO
from tests.support.pdfcheck import glyphs, images, page_texts
from tests.support.projects import artist_data, make_project, write_image

ANNA = Path("content/artists/anna-test/artist.yaml")
LIT = "<b>bold</b> & <script> &amp;"
URL = "https://example.org/a/very/long/path/with-many-segments/and?query=strings&more=values"
URL_BREAKS = "/.?&-="
CAPS = "ACGT" * 30  # 120 characters in capitals: no hyphenation points, so a break anywhere is the only way
WORD = ("pneumonoultramicroscopicsilicovolcanoconiosis" * 3)[:120]  # captions do not hyphenate
runner = CliRunner()


# --- helpers -----------------------------------------------------------------------------------

def built(project: Path, layout: str | None = None) -> BuildResult:
    return build(project, BuildOptions(layout=layout, press="screen", out=project / "out.pdf", jobs=1, cache=False))


def planned(project: Path, layout: str | None = None) -> tuple[DocumentPlan, LayoutSpec]:
    """The plan exactly as `build` makes it for the screen press."""
    made = plan_project(project, BuildOptions(layout=layout, press="screen"))
    return made.plan, made.setup.pressed


def flat(text: str) -> str:
    """Page text with line breaks and runs of spaces as single spaces."""
    return " ".join(text.split())


def pdf_texts(result: BuildResult) -> list[str]:
    """Each page's text. PDFium reports a hyphen at a line's end as \x02 (it takes it for a soft
    hyphen): put the hyphen back, so that what was drawn is what is compared."""
    return [text.replace("\x02", "-") for text in page_texts(result.pdf)]


def texts_above_foot(result: BuildResult, spec: LayoutSpec) -> list[str]:
    """Each page's text without the foot margin's folio and running head, so that text running on
    from one page to the next reads continuously when the pages are joined."""
    doc = pdfium.PdfDocument(str(result.pdf))
    try:
        out = []
        for page in doc:
            left, bottom, right_, top = page.get_trimbox()
            textpage = page.get_textpage()
            text = textpage.get_text_bounded(left - 1, bottom + spec.page.margins.bottom - 1, right_ + 1, top + 1)
            out.append(text.replace("\r\n", "\n").replace("\x02", "-"))
            textpage.close()
            page.close()
        return out
    finally:
        doc.close()


def overflows(project: Path, **options: Any) -> list[Problem]:
    return [f for f in check(project, BuildOptions(press="screen", **options)).findings if f.code == "overflow"]


def work_line(project: Path, image: str = "images/work-1.jpg") -> int:
    lines = (project / ANNA).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if f"image: {image}" in line)


def right(line: TextLine) -> float:
    """Where the line's text ends, less what its last mark hangs into the margin (justified text, optical margins)."""
    last = line.pieces[-1]
    hang = RIGHT_HANG.get(last.text[-1], 0.0) * fonts.width(last.text[-1], last.font, last.size)
    return line.x + last.x + fonts.width(last.text, last.font, last.size, last.tracking) - hang


def assert_glyphs_inside_text_area(result: BuildResult, spec: LayoutSpec) -> None:
    """No character runs past the text area's sides, nor off the page at the top or bottom. A mark at a justified
    line's end or start may hang into the margin by its width (optical margins); a hyphen reads as U+FFFE or U+0002."""
    geometry = Geometry(spec.page)
    for number, found in enumerate(glyphs(result.pdf), start=1):
        area = geometry.text_area(number)
        for char, left, bottom, right_, top in found:
            hangs_right = char in RIGHT_HANG or char in ("\ufffe", "\x02")
            outer, inner = (right_ - left if hangs_right else 0.0), (right_ - left if char in LEFT_HANG else 0.0)
            assert area.x - 1.0 - inner <= left and right_ <= area.right + 1.0 + outer, (number, char, left, right_)
            assert bottom >= 0.0 and top <= spec.page.height, (number, char, bottom, top)


def joined(lines: list[TextLine]) -> tuple[str, list[int]]:
    """The lines' text run together (justified lines draw no spaces), and where each line ends."""
    text, ends = "", []
    for line in lines:
        text += line.text
        ends.append(len(text))
    return text, ends


def assert_breaks_inside(text: str, ends: list[int], part: str, allowed: str | None) -> int:
    """`part` is printed whole with nothing added; the lines break inside it only after a character
    in `allowed` (any character when None). Returns how many times it is broken."""
    start = text.index(part)
    inside = [end - start for end in ends if start < end < start + len(part)]
    for cut in inside:
        if allowed is not None:
            assert part[cut - 1] in allowed, (part[:cut], part[cut:])
    return len(inside)


# --- markup characters print as written --------------------------------------------------------

def test_markup_characters_print_literally_in_titles_captions_and_bio(tmp_path: Path) -> None:
    data = artist_data("Anna Test", works=1,
                       bio=f"Bio: {LIT} and **real bold** [red]x[/red].\n\nSecond <i>para</i> &lt;p&gt; done.")
    data["works"][0].update(title=f"Work {LIT}", medium=LIT)
    project = make_project(tmp_path / "p", {"anna-test": data}, catalog={"title": f"Cat {LIT}"})
    result = built(project)
    texts = pdf_texts(result)
    plan, spec = planned(project)
    kinds = {page.kind: page.number for page in reversed(plan.pages)}  # first page of each kind

    assert flat(texts[0]) == f"Cat {LIT} A fixture"
    bio = flat(texts[kinds["biography"] - 1].replace("-\n", ""))
    assert f"Bio: {LIT} and real bold [red]x[/red]. Second <i>para</i> &lt;p&gt; done." in bio
    assert flat(texts[kinds["plate"] - 1]).startswith(f"Work {LIT}, 2020 {LIT}, 60 × 40 cm Edition of 5")
    assert f"Work {LIT}, 2020. {LIT}, 60 × 40 cm. Edition of 5." in flat(texts[kinds["works"] - 1])
    assert flat(texts[kinds["half_title"] - 1]) == f"Cat {LIT}"
    assert flat(texts[kinds["title_page"] - 1]).startswith(f"Cat {LIT} A fixture")
    assert f"Cat {LIT}" in flat(texts[plan.anchors["imprint"] - 1])  # classic's colophon lines are on the imprint

    # Tags set nothing in bold; only the Markdown asterisks do.
    book = fonts.register(spec.fonts)
    pieces = [piece for page in plan.pages for item in page.items if isinstance(item, TextLine)
              and item.style == "body" for piece in item.pieces]
    assert {p.font for p in pieces if "<b>bold</b>" in p.text} == {book.name("text", "regular")}
    assert {p.font for p in pieces if p.text.strip() in ("real", "bold", "real bold")} == {book.name("text", "bold")}

    with pikepdf.open(result.pdf) as pdf:
        assert str(pdf.docinfo["/Title"]) == f"Cat {LIT}: A fixture"
        with pdf.open_outline() as outline:
            assert [entry.title for entry in outline.root][:1] == [f"Cat {LIT}"]


# --- NFD and NFC print the same ----------------------------------------------------------------

NATIVE = "Йолдыз Ёлкина Қайратқызы"
TITLE = "Ёлка мен қайың, Ӓй"
BIO = "Жаңа жылдық ёлка. Йогурт пен қымыз; Ұлы дала, Әуезов, Өскемен, Үшқоңыр, Һ, Ғ, І."


def test_the_example_letters_really_decompose() -> None:
    """NFD splits й, ё and ӓ into a base letter and a combining mark; the Kazakh letters Қ, Ә, Ғ,
    Ң, Ө, Ұ, Ү, Һ, І have no canonical decomposition, so NFD leaves them as they are."""
    assert unicodedata.normalize("NFD", "й") == "и\u0306"
    assert unicodedata.normalize("NFD", "Ё") == "Е\u0308"
    assert unicodedata.normalize("NFD", "ӓ") == "а\u0308"
    for letter in "ҚқӘәҒғҢңӨөҰұҮүҺһІі":
        assert unicodedata.decomposition(letter) == ""
        assert unicodedata.normalize("NFD", letter) == letter


def nfd_project(root: Path, form: str) -> Path:
    def n(text: str) -> str:
        return unicodedata.normalize(form, text)

    data = artist_data(n("Ёлдос Йсқақов"), works=1, name_native=n(NATIVE), bio="bio.md")
    data["works"][0].update(title=n(TITLE), title_native=n(NATIVE))
    project = make_project(root, {"anna-test": data}, catalog={"title": n("Каталог: ёлка"), "language": "kk"})
    (project / "content/artists/anna-test/bio.md").write_bytes(n(f"{BIO}\n\n{BIO} {TITLE}\n").encode("utf-8"))
    return project


def test_nfd_and_nfc_cyrillic_and_kazakh_print_identically(tmp_path: Path) -> None:
    nfc, nfd = nfd_project(tmp_path / "nfc", "NFC"), nfd_project(tmp_path / "nfd", "NFD")
    assert (nfc / ANNA).read_bytes() != (nfd / ANNA).read_bytes()  # the sources really differ
    first, second = built(nfc), built(nfd)
    assert first.pdf.read_bytes() == second.pdf.read_bytes()
    texts = pdf_texts(second)
    assert texts == pdf_texts(first)
    everything = "\n".join(texts)
    assert not {"\u0306", "\u0308"} & set(everything)
    assert NATIVE in everything
    assert TITLE in everything
    assert "ЁЛДОС ЙСҚАҚОВ" in everything  # the running head, in capitals
    assert BIO in flat(everything.replace("-\n", ""))

    def found(result: BuildResult) -> list[tuple[str, str, int | None, int | None]]:
        return [(f.code, f.message, f.line, f.page) for f in result.findings]

    assert found(first) == found(second)


# --- long words and URLs break inside their frames ---------------------------------------------

@pytest.mark.parametrize("layout", ["classic", "zine"])
def test_long_words_and_urls_break_inside_the_frame(tmp_path: Path, layout: str) -> None:
    data = artist_data("Anna Test", works=1, bio=f"Read {URL} for the notes. The sequence {CAPS} closes it.")
    data["works"][0].update(title=f"Study {WORD}", credit=f"Courtesy {URL}")
    folder = tmp_path / "p" / "content/artists/anna-test"
    write_image(folder / "images/work-1.jpg", (200, 600))  # upright and narrow: the caption is the wider
    project = make_project(tmp_path / "p", {"anna-test": data})
    result = built(project, layout)
    plan, spec = planned(project, layout)
    geometry = Geometry(spec.page)
    assert overflows(project, layout=layout) == []

    bio = next(page for page in plan.pages if page.kind == "biography")
    body = [item for item in bio.items if isinstance(item, TextLine) and item.style == "body"]
    columns = geometry.columns(geometry.text_area(bio.number))
    for line in body:
        assert any(c.x - 0.01 <= line.x and right(line) <= c.right + 0.01 for c in columns), line.text
    text, ends = joined(body)
    assert assert_breaks_inside(text, ends, URL, URL_BREAKS) >= 1  # after / . ? & - =, no hyphen added
    assert assert_breaks_inside(text, ends, CAPS, None) >= 1  # anywhere, as a last resort, no hyphen added

    plate = next(page for page in plan.pages if page.kind == "plate")
    area = geometry.text_area(plate.number)
    for style, part, allowed in (("caption_title", WORD, None), ("caption", URL, URL_BREAKS)):
        lines = [item for item in plate.items if isinstance(item, TextLine) and item.style == style]
        for line in lines:
            assert area.x - 0.01 <= line.x and right(line) <= area.right + 0.01, line.text
            assert area.y <= line.y <= area.top
        text, ends = joined(lines)
        assert assert_breaks_inside(text, ends, part, allowed) >= 1

    assert_glyphs_inside_text_area(result, spec)
    pages = [text.replace("\n", "") for text in pdf_texts(result)]
    assert URL in pages[bio.number - 1] and CAPS in pages[bio.number - 1]
    assert URL in pages[plate.number - 1] and WORD in pages[plate.number - 1]


@pytest.mark.parametrize("address", ["www.example-archive.org/collections/photography/steppe/index.html",
                                     "mailto:curator.of.photographs@example-museum.kz",
                                     "curator.of.photographs@example-museum.kz"])
def test_addresses_break_after_separators_and_never_get_a_hyphen(address: str) -> None:
    font = fonts.register(load_layout("classic", REPO).fonts).name("text", "regular")
    lines: tuple[Line, ...] = set_text((Run(f"See {address} today", font, 9.5),),
                                       Setting(70.0, "left", hyphenate=True))
    assert not any(line.hyphenated for line in lines)
    text = "".join(line.text for line in lines)
    ends = [sum(len(line.text) for line in lines[:i + 1]) for i in range(len(lines))]
    assert assert_breaks_inside(text, ends, address, "/.?&-=@") >= 1
    assert all(line.width <= 70.0 + 0.01 for line in lines)


# --- text too long for its frame is printed whole or reported ----------------------------------

LONG = " ".join(["Untitled (steppe, horses and a river at dusk)"] * 9)[:400]


def test_a_400_character_work_title_prints_whole(tmp_path: Path) -> None:
    data = artist_data("Anna Test", works=1)
    data["works"][0]["title"] = LONG
    project = make_project(tmp_path / "p", {"anna-test": data})
    assert len(LONG) == 400
    assert overflows(project) == []
    result = built(project)
    plan, _ = planned(project)
    texts = pdf_texts(result)
    plate = next(page for page in plan.pages if page.kind == "plate")
    works = next(page for page in plan.pages if page.kind == "works")
    assert flat(texts[plate.number - 1]).startswith(f"{LONG}, 2020 Pigment print")
    assert f"{LONG}, 2020. Pigment print" in flat(texts[works.number - 1])


def test_a_caption_that_cannot_fit_is_reported_with_file_and_line(tmp_path: Path) -> None:
    data = artist_data("Anna Test", works=1)
    data["works"][0]["title"] = " ".join([LONG] * 12)  # 4800 characters: more than a page of caption
    project = make_project(tmp_path / "p", {"anna-test": data})
    plan, spec = planned(project)
    plate = next(page for page in plan.pages if page.kind == "plate")
    (found,) = overflows(project)
    assert (found.severity, found.file, found.line, found.where, found.page) == (
        "warning", project / ANNA, work_line(project), "works[1]", plate.number)
    assert found.message.startswith(f"the caption of works[1] does not fit on page {plate.number}: ")
    assert found.message.endswith("run outside the text area")

    # The image still prints, at a quarter of the text area's height at least.
    result = built(project)
    (image,) = [img for img in images(result.pdf) if img.page == plate.number]
    assert image.bounds[3] - image.bounds[1] >= 0.25 * Geometry(spec.page).text_area(plate.number).height - 0.5
    assert flat(pdf_texts(result)[plate.number - 1]).startswith(LONG[:200])

    code, output = cli("check", str(project))
    assert code == 0
    assert f"{ANNA}:{work_line(project)} works[1]: the caption of works[1] does not fit on page" in output
    assert cli("check", str(project), "--strict")[0] == 3


def cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--press", "screen"])
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes is not None else "")


def test_over_long_catalog_title_and_artist_name(tmp_path: Path) -> None:
    """The cover cannot hold a 400-character title at 40 pt: reported, and printed whole in the
    colophon's lines (classic's imprint). The opener holds a 400-character name. Running heads get one
    line: shortened at a word with an ellipsis, and reported. The title page, which sets the title large,
    cannot hold it either: reported too."""
    name = LONG.replace("(", "").replace(")", "")
    # Two works: the second plate is a left-hand page, whose running head is the catalog's title (the
    # only page of so small a book in classic that prints it, now the colophon's lines are on the imprint).
    project = make_project(tmp_path / "p", {"anna-test": artist_data(name, works=2)}, catalog={"title": LONG})
    result = built(project)
    plan, spec = planned(project)
    findings = overflows(project)
    title_page = plan.anchors["title_page"]
    on_title_page = [f for f in findings if f.page == title_page]
    assert on_title_page and all(f.file == project / "catalog.yaml" and f.message.startswith(
        f"the title page does not fit on page {title_page}: ") for f in on_title_page)
    found = sorted(((f.file.name if f.file else ""), f.line or 0, f.message) for f in findings
                   if f.page != title_page)
    assert [(file, line) for file, line, _ in found] == [("artist.yaml", 1), ("catalog.yaml", 1), ("catalog.yaml", 1),
                                                         ("catalog.yaml", 6)]
    assert found[1][2].startswith("the cover title does not fit on page 1: ")
    assert found[3][2] == ("the subtitle on the cover does not fit on page 1: 1 line(s), from 'A fixture', "
                           "run outside the text area")
    heads = [line for page in plan.pages for line in page.items
             if isinstance(line, TextLine) and line.style == "running_head"]
    assert len({line.text for line in heads if line.text.endswith("…")}) == 2
    for source, message in ((LONG, found[2][2]), (name, found[0][2])):
        (printed,) = {line.text[:-1] for line in heads
                      if line.text.endswith("…") and source.upper().startswith(line.text[:-1])}
        assert source[len(printed)] == " "  # shortened between words
        assert message == (f"the running head '{source[:37]}...' is too long for its line in the foot margin; "
                           f"it prints as '{source[:len(printed)]}…'")
    width = Geometry(spec.page).text_area(1).width / 2
    assert all(right(line) - line.x <= width + 0.01 for line in heads)

    texts = pdf_texts(result)
    opener = next(page for page in plan.pages if page.kind == "opener")
    assert flat(texts[opener.number - 1]).startswith(name)
    assert LONG in flat(texts[plan.anchors["imprint"] - 1])


def test_a_heading_taller_than_the_page_goes_on_and_is_reported(tmp_path: Path) -> None:
    title = " ".join(f"Part {i} of a very long title." for i in range(1, 121))
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=1)},
                           catalog={"texts": [{"title": title, "author": "A. Writer", "text": "Body text. " * 40}]})
    result = built(project)
    plan, spec = planned(project)
    pages = [page.number for page in plan.pages if page.kind == "text"]
    headings = [f for f in overflows(project) if "heading" in f.message]
    assert [(f.file, f.line, f.page, f.message) for f in headings] == [(
        project / "catalog.yaml", line_of(project / "catalog.yaml", "- title: Part 1"), pages[0],
        f"the heading '{title[:37]}...' is taller than the text area of page {pages[0]} and goes on to the "
        f"next page")]
    texts = texts_above_foot(result, spec)
    printed = flat(" ".join(texts[number - 1] for number in pages))
    assert printed == f"{title} A. Writer " + " ".join(["Body text."] * 40)
    assert_glyphs_inside_text_area(result, spec)


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_a_statement_longer_than_a_page_flows_on_into_the_biography(tmp_path: Path) -> None:
    """Too long for the opener, the statement opens the biography: across pages, all of it."""
    statement = " ".join(f"Sentence {i} of the statement." for i in range(1, 301))
    data = artist_data("Anna Test", works=1, statement=statement, bio="The biography follows.")
    project = make_project(tmp_path / "p", {"anna-test": data})
    result = built(project)
    plan, spec = planned(project)
    assert overflows(project) == []
    pages = [page.number for page in plan.pages if page.kind == "biography"]
    assert len(pages) >= 3
    texts = texts_above_foot(result, spec)
    printed = flat(" ".join(texts[number - 1] for number in pages))
    assert printed == f"ANNA TEST Biography STATEMENT {statement} The biography follows."  # labelled as the artist's
    assert_glyphs_inside_text_area(result, spec)
