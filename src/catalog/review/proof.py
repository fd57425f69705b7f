"""Proofs for people, not presses: page thumbnails in spreads with the preflight findings marked on
the pages they concern, an index.html to open in any browser, and a caption checklist for the
artists to sign off. Everything is rendered from the built PDF itself, so the proof shows what
will be printed, not what the planner meant to print."""

from __future__ import annotations

import contextlib
import csv
import html
import io
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

from ..builder import BuildOptions, BuildResult, plan_project
from ..content.fields import caption_rows
from ..errors import OutputError, Problem, printable
from ..model import Artist, Catalog
from ..plan.pages import DocumentPlan, TextLine
from ..resources import builtin_dir
from ..specs.press import DEFAULT_PRESS

THUMB_HEIGHT = 200   # px: a spread of two fits a phone's width, a whole catalog fits a few screens
LARGE_HEIGHT = 1000  # px: enough to read a caption
SHEET_ROW = 4        # spreads per row of the contact sheet
COLOURS = {"error": (200, 30, 30), "warning": (230, 140, 0), "info": (40, 110, 200)}
RANK = {"error": 0, "warning": 1, "info": 2}
_ON_PAGE = re.compile(r"\bon page (\d+)\b")
_OURS = re.compile(r"^(page-\d{3,}(-large)?\.png|(contact|cover)-sheet\.png|index\.html|captions\.(html|csv))$")
COVER_HEIGHT = 500   # px: a bound book's cover sheet, whole, to look at before it goes to the printer


@dataclass(frozen=True)
class Caption:
    """One work's caption as the plate page prints it, for the artist's checklist."""

    artist: str
    work: str
    page: int | None       # the plate page; None when the layout prints no plate for it
    lines: tuple[str, ...]  # the caption's lines as printed (or as written, when not printed)
    source: str             # file:line of the work, to find it for a correction
    alt: str = ""           # what the image shows, for readers who cannot see it: proofread with the caption


@dataclass(frozen=True)
class ProofResult:
    folder: Path
    index: Path
    captions: Path
    pages: int
    marked: int  # pages with at least one finding


def proof_folder(project: Path, options: BuildOptions, result: BuildResult, catalog_layout: str,
                 catalog_press: str | None = None) -> Path:
    """build/proof/ beside the catalog's own default PDF; <stem>-proof/ beside any other, so a zine's
    proof, or another press's, never overwrites the catalog's."""
    own_press = catalog_press is None or result.press == catalog_press
    if (options.out is None and result.layout == catalog_layout and own_press
            and result.pdf.parent == project / "build"):
        return project / "build" / "proof"
    return result.pdf.with_name(f"{result.pdf.stem}-proof")


def captions_of(plan: DocumentPlan, catalog: Catalog, project: Path) -> list[Caption]:
    """Each work's caption as printed on its plate, from the plan the build made."""
    return _captions(plan, catalog.artists, project)


def _captions(plan: DocumentPlan, artists: Iterable[Artist], project: Path) -> list[Caption]:
    found: list[Caption] = []
    for artist in artists:
        for index, work in enumerate(artist.works):
            number = plan.anchors.get(f"work:{artist.slug}:{index}")
            lines: tuple[str, ...] = ()
            if number is not None:
                # On its plate, or (a full-bleed plate) on the facing page: the page to check it on.
                facing = number + 1 if number % 2 == 0 else number - 1
                for at in (number, facing):
                    if 1 <= at <= len(plan.pages):
                        lines = tuple(item.text for item in plan.pages[at - 1].items if isinstance(item, TextLine)
                                      and item.style in ("caption_title", "caption") and item.origin == work.origin)
                        if lines:
                            number = at
                            break
            if not lines:  # not printed with the plate (bleed_caption: none): as written
                title = work.title + (f", {work.year}" if work.year else "")
                rows = [title, *caption_rows(work)]
                lines = tuple(row for row in rows if row)
            origin = work.origin
            source = ""
            if origin.file:
                with contextlib.suppress(ValueError):
                    source = origin.file.resolve().relative_to(project).as_posix()
                source = (source or origin.file.name) + (f":{origin.line}" if origin.line else "")
            found.append(Caption(artist.name, work.title, number, lines, source, work.alt or ""))
    return found


def page_of(problem: Problem, pages: int) -> int | None:
    """The page a finding concerns: its `page`, else 'on page N' in its message."""
    number = problem.page
    if number is None:
        match = _ON_PAGE.search(problem.message)
        number = int(match.group(1)) if match else None
    return number if number is not None and 1 <= number <= pages else None


def spreads(pages: int) -> list[tuple[int | None, int | None]]:
    """Reader's spreads: page 1 alone on the right, then 2|3, 4|5, ...; a last even page alone on the left."""
    if pages <= 0:
        return []
    result: list[tuple[int | None, int | None]] = [(None, 1)]
    for left in range(2, pages + 1, 2):
        result.append((left, left + 1 if left + 1 <= pages else None))
    return result


def write_proof(pdf: Path, findings: Sequence[Problem], captions: Sequence[Caption], folder: Path, *,
                title: str = "", project: Path | None = None, large: bool = True,
                cover: Path | None = None) -> ProofResult:
    """Render every page of `pdf` (and a bound book's `cover` sheet, whole) and write the proof into
    `folder`. Earlier proof files there that this proof does not write again (a catalog that lost pages)
    are removed; nothing else is touched."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        thumbs = _render(pdf, folder, large)
        sheet = None
        if cover is not None:
            document = pdfium.PdfDocument(str(cover))
            try:
                sheet = _trimmed(document[0], COVER_HEIGHT)
            finally:
                document.close()
            _save_png(sheet, folder / "cover-sheet.png")
        count = len(thumbs)
        by_page: dict[int | None, list[Problem]] = {}
        for problem in sorted(findings, key=lambda p: (RANK[p.severity], p.sort_key())):
            by_page.setdefault(page_of(problem, count), []).append(problem)
        written = {f"page-{n:03d}.png" for n in range(1, count + 1)}
        if large:
            written |= {f"page-{n:03d}-large.png" for n in range(1, count + 1)}
        _contact_sheet(thumbs, by_page).save(folder / "contact-sheet.png", optimize=True)
        link = Path(os.path.relpath(pdf, folder)).as_posix()
        _write(folder / "index.html", _index(title or pdf.stem, link, thumbs, by_page, project, large, sheet))
        _write(folder / "captions.html", _captions_html(title or pdf.stem, link, captions))
        _write(folder / "captions.csv", _captions_csv(captions))
        written |= {"contact-sheet.png", "index.html", "captions.html", "captions.csv"} | (
            {"cover-sheet.png"} if sheet else set())
        for stale in folder.iterdir():
            if _OURS.match(stale.name) and stale.name not in written:
                stale.unlink()
    except OSError as exc:
        raise OutputError(Problem(f"cannot write the proof in {folder}: {exc.strerror or exc}",
                                  hint="check that the folder is writable and the disk is not full")) from None
    marked = sum(1 for n in by_page if n is not None)
    return ProofResult(folder, folder / "index.html", folder / "captions.html", count, marked)


def _render(pdf: Path, folder: Path, large: bool) -> list[Image.Image]:
    """Each page's trim box (what the reader sees; marks and bleed are the printer's business) as
    page-NNN.png, THUMB_HEIGHT px high, and page-NNN-large.png."""
    thumbs = []
    document = pdfium.PdfDocument(str(pdf))
    try:
        for index in range(len(document)):
            page = document[index]
            name = f"page-{index + 1:03d}"
            if large:
                _save_png(_trimmed(page, LARGE_HEIGHT), folder / f"{name}-large.png")
            thumb = _trimmed(page, THUMB_HEIGHT)
            _save_png(thumb, folder / f"{name}.png")
            thumbs.append(thumb)
            page.close()
    finally:
        document.close()
    return thumbs


def _trimmed(page: pdfium.PdfPage, height: int) -> Image.Image:
    """The page's trim box rendered `height` px high."""
    left, bottom, right, top = page.get_cropbox()
    t_left, t_bottom, t_right, t_top = page.get_trimbox()
    crop = (max(t_left - left, 0), max(t_bottom - bottom, 0), max(right - t_right, 0), max(top - t_top, 0))
    points = (t_top - t_bottom) or (top - bottom)
    return _exact(page.render(scale=height / points, crop=crop).to_pil(), height)


def _exact(image: Image.Image, height: int) -> Image.Image:
    """PDFium rounds the page and the crop separately, so a page can come out a pixel short; every
    thumbnail is exactly `height` high so spreads line up."""
    image = image.convert("RGB")
    if image.height == height:
        return image
    return image.resize((max(round(image.width * height / image.height), 1), height), Image.Resampling.LANCZOS)


def _save_png(image: Image.Image, path: Path) -> None:
    """Only rewritten when the pixels changed, so an unchanged page keeps its file (and its mtime)."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=6)
    data = buffer.getvalue()
    if path.is_file() and path.read_bytes() == data:
        return
    path.write_bytes(data)


def _write(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8", newline="\n")
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    folder = builtin_dir("fonts")
    if folder and (folder / "PTSans-Bold.ttf").is_file():
        return ImageFont.truetype(str(folder / "PTSans-Bold.ttf"), size)
    return ImageFont.load_default()


def _contact_sheet(thumbs: Sequence[Image.Image], by_page: dict[int | None, list[Problem]]) -> Image.Image:
    """All spreads, SHEET_ROW to a row, page numbers under the pages and each page with findings in a
    frame of its worst severity, with their count in a badge."""
    if not thumbs:
        return Image.new("RGB", (200, 100), "white")
    width = max(t.width for t in thumbs)
    pad, label = 24, 28
    cell_w, cell_h = 2 * width + pad, THUMB_HEIGHT + label
    rows = spreads(len(thumbs))
    columns = min(SHEET_ROW, len(rows))
    sheet = Image.new("RGB", (columns * cell_w + pad, -(-len(rows) // SHEET_ROW) * (cell_h + pad) + pad),
                      (236, 236, 232))
    draw = ImageDraw.Draw(sheet)
    font, small = _font(15), _font(13)
    marks = []  # drawn after every page is pasted, so a page never covers its neighbour's frame
    for index, spread in enumerate(rows):
        x0 = pad + (index % SHEET_ROW) * cell_w
        y0 = pad + (index // SHEET_ROW) * (cell_h + pad)
        for side, number in enumerate(spread):
            if number is None:
                continue
            thumb = thumbs[number - 1]
            x = x0 + (width - thumb.width if side == 0 else width)
            sheet.paste(thumb, (x, y0))
            draw.rectangle((x, y0, x + thumb.width - 1, y0 + thumb.height - 1), outline=(160, 160, 160))
            draw.text((x + thumb.width / 2, y0 + thumb.height + label / 2), str(number), fill=(40, 40, 40),
                      font=font, anchor="mm")
            if by_page.get(number):
                marks.append((number, side, x, y0, thumb))
    for number, side, x, y, thumb in marks:
        problems = by_page[number]
        colour = COLOURS[problems[0].severity]
        draw.rectangle((x - 3, y - 3, x + thumb.width + 2, y + thumb.height + 2), outline=colour, width=4)
        badge = str(len(problems))
        box = draw.textbbox((0, 0), badge, font=small)
        size = max(box[2] - box[0], box[3] - box[1]) + 10
        corner = x if side == 0 else x + thumb.width  # the outer corner: a spread's two badges never meet
        bx, by = corner - size // 2, y - size // 2
        draw.ellipse((bx, by, bx + size, by + size), fill=colour)
        draw.text((bx + size / 2, by + size / 2), badge, fill="white", font=small, anchor="mm")
    return sheet


_CSS = """
body { font: 15px/1.4 system-ui, sans-serif; margin: 24px; background: #ecece8; color: #222; }
h1 { font-size: 22px; margin: 0 0 4px; }
.meta { color: #555; margin: 0 0 20px; }
.general { margin-bottom: 24px; }
.spreads { display: flex; flex-wrap: wrap; gap: 28px 36px; }
.spread { background: #fff; padding: 12px; border-radius: 4px; max-width: 100%; }
.pages { display: flex; gap: 0; justify-content: center; }
figure { margin: 0; position: relative; width: var(--w); }
figure.empty { visibility: hidden; }
figure img { display: block; width: var(--w); height: auto; outline: 1px solid #aaa; }
.left .badge { left: -10px; } .right .badge { right: -10px; }
figcaption { text-align: center; font-weight: 600; padding-top: 4px; }
figure.error img { outline: 4px solid #c81e1e; } figure.warning img { outline: 4px solid #e68c00; }
figure.info img { outline: 4px solid #286ec8; }
figure.error, figure.warning, figure.info { z-index: 1; }
.badge { position: absolute; top: -10px; min-width: 22px; height: 22px; border-radius: 11px;
  color: #fff; font-size: 13px; font-weight: 700; text-align: center; line-height: 22px; }
.badge.error { background: #c81e1e; } .badge.warning { background: #e68c00; } .badge.info { background: #286ec8; }
ul.findings { margin: 10px 0 0; padding: 0 0 0 18px; font-size: 13px; max-width: 560px; }
li.error::marker { color: #c81e1e; } li.warning::marker { color: #e68c00; } li.info::marker { color: #286ec8; }
.sev { font-weight: 700; } .sev.error { color: #c81e1e; } .sev.warning { color: #b06a00; } .sev.info { color: #286ec8; }
table { border-collapse: collapse; background: #fff; width: 100%; }
th, td { border: 1px solid #999; padding: 6px 8px; vertical-align: top; text-align: left; }
td.box { width: 28px; font-size: 20px; text-align: center; } td.note { width: 30%; }
.sign { margin-top: 32px; line-height: 3; }
@media print { body { background: #fff; margin: 0; } }
"""


def _head(title: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{_e(title)}</title>\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<style>{_CSS}</style>\n'
            "</head>\n<body>\n")


def _e(text: str) -> str:
    return html.escape(printable(text), quote=True)


def _finding(problem: Problem, project: Path | None, number: int | None) -> str:
    where = f"p. {number}: " if number else ""
    return (f'<li class="{problem.severity}"><span class="sev {problem.severity}">{problem.severity}</span> '
            f"{_e(where)}{_e(problem.format(project))}</li>")


def _index(title: str, link: str, thumbs: Sequence[Image.Image], by_page: dict[int | None, list[Problem]],
           project: Path | None, large: bool, sheet: Image.Image | None = None) -> str:
    counts = {s: sum(1 for v in by_page.values() for p in v if p.severity == s) for s in RANK}
    parts = [_head(f"Proof: {title}"), f"<h1>Proof: {_e(title)}</h1>\n",
             f'<p class="meta">{len(thumbs)} pages from <a href="{_e(link)}">{_e(Path(link).name)}</a>; '
             f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} note(s). "
             '<a href="captions.html">Caption checklist</a> · <a href="contact-sheet.png">contact sheet</a></p>\n']
    general = by_page.get(None, [])
    if general:
        parts.append('<section class="general"><h2>The whole document</h2>\n<ul class="findings">\n')
        parts.extend(_finding(p, project, None) + "\n" for p in general)
        parts.append("</ul></section>\n")
    if sheet is not None:
        parts.append('<section class="cover"><h2>The cover sheet</h2><a href="cover-sheet.png"><img '
                     f'src="cover-sheet.png" alt="The cover sheet" width="{sheet.width}" height="{sheet.height}">'
                     '</a></section>\n')
    parts.append('<main class="spreads">\n')
    for spread in spreads(len(thumbs)):
        numbers = [n for n in spread if n is not None]
        label = "–".join(str(n) for n in numbers)
        parts.append(f'<section class="spread" id="spread-{label.replace("–", "-")}" aria-label="Pages {label}">'
                     '<div class="pages">')
        width = max((thumbs[n - 1].width for n in numbers), default=0)
        for side, number in zip(("left", "right"), spread, strict=True):
            if number is None:
                parts.append(f'<figure class="empty" style="--w:{width}px"></figure>')
                continue
            thumb = thumbs[number - 1]
            problems = by_page.get(number, [])
            severity = f' class="{side} {problems[0].severity}"' if problems else f' class="{side}"'
            image = (f'<img src="page-{number:03d}.png" alt="Page {number}" width="{thumb.width}" '
                     f'height="{thumb.height}">')
            if large:
                image = f'<a href="page-{number:03d}-large.png">{image}</a>'
            badge = (f'<span class="badge {problems[0].severity}" title="{len(problems)} finding(s)">'
                     f"{len(problems)}</span>" if problems else "")
            parts.append(f'<figure id="page-{number}"{severity} style="--w:{thumb.width}px">{image}{badge}'
                         f"<figcaption>{number}</figcaption></figure>")
        parts.append("</div>")
        listed = [(n, p) for n in numbers for p in by_page.get(n, [])]
        if listed:
            parts.append('\n<ul class="findings">\n')
            parts.extend(_finding(p, project, n) + "\n" for n, p in listed)
            parts.append("</ul>")
        parts.append("</section>\n")
    parts.append("</main>\n</body>\n</html>\n")
    return "".join(parts)


def _captions_html(title: str, link: str, captions: Sequence[Caption]) -> str:
    parts = [_head(f"Captions: {title}"), f"<h1>Captions: {_e(title)}</h1>\n",
             '<p class="meta">Every caption as printed in <a href="' + _e(link) + '">' + _e(Path(link).name)
             + "</a>. Tick each one that is right, or write the correction beside it, then sign below. "
             '<a href="index.html">Back to the proof</a></p>\n']
    for artist in dict.fromkeys(c.artist for c in captions):
        parts.append(f"<h2>{_e(artist)}</h2>\n<table>\n<tr><th>Page</th><th>Caption as printed</th>"
                     "<th>OK</th><th>Correction</th></tr>\n")
        for caption in (c for c in captions if c.artist == artist):
            page = (f'<a href="index.html#page-{caption.page}">{caption.page}</a>' if caption.page
                    else "not printed")
            lines = "<br>".join(_e(line) for line in caption.lines)
            if caption.alt:
                lines += f'<br><small>Alt text: {_e(caption.alt)}</small>'
            parts.append(f'<tr><td>{page}</td><td>{lines}<br><small>{_e(caption.source)}</small></td>'
                         '<td class="box">☐</td><td class="note"></td></tr>\n')
        parts.append('</table>\n<p class="sign">Approved by ____________________________ '
                     "Signature ____________________ Date ____________</p>\n")
    parts.append("</body>\n</html>\n")
    return "".join(parts)


# A cell starting with one of these is a formula to Excel, LibreOffice Calc and Google Sheets, and captions hold
# the artists' and galleries' own text ("-2+3", "=HYPERLINK(...)"). OWASP, "CSV Injection"
# (https://owasp.org/www-community/attacks/CSV_Injection): prepend a single quote to such cells, which every
# spreadsheet then shows as text; the csv module already quotes cells and doubles their double quotes.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """Caption text for captions.csv: printable as UTF-8, and never read as a formula (see _FORMULA_START)."""
    text = printable(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _captions_csv(captions: Sequence[Caption]) -> str:
    """The checklist for a spreadsheet: every text cell neutralised against formula injection; the HTML
    checklist, which no spreadsheet evaluates, shows the captions exactly as printed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["artist", "work", "page", "caption as printed", "source", "alt text", "ok", "correction",
                     "signed"])
    for caption in captions:
        writer.writerow([_cell(caption.artist), _cell(caption.work), caption.page or "",
                         _cell("\n".join(caption.lines)), _cell(caption.source), _cell(caption.alt), "", "", ""])
    return buffer.getvalue()


def proof(project: Path, options: BuildOptions, result: BuildResult, large: bool = True) -> ProofResult:
    """The proof of a build that just finished: its PDF and findings, the captions from its plan."""
    project = project.resolve()
    planned = result.planned or plan_project(project, options)  # a result made by hand may lack its plan
    catalog = planned.setup.loaded.catalog
    folder = proof_folder(project, options, result, catalog.layout, catalog.press or DEFAULT_PRESS)
    return write_proof(result.pdf, result.findings, captions_of(planned.plan, catalog, project), folder,
                       title=catalog.title, project=project, large=large, cover=result.cover)


__all__ = ["Caption", "ProofResult", "page_of", "proof", "proof_folder", "spreads", "write_proof"]
