"""catalog proof: thumbnails in reader's spreads, findings on their pages, index.html that a real
browser shows, and the caption checklist."""

from __future__ import annotations

import csv
import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from catalog.builder import BuildOptions, BuildResult, build, plan_project
from catalog.cli.app import app
from catalog.errors import Problem
from catalog.review.proof import THUMB_HEIGHT, Caption, captions_of, page_of, proof, spreads, write_proof
from tests.support.pdfcheck import page_texts
from tests.support.projects import artist_data, make_project

OPTIONS = BuildOptions(press="digital", cache=False, jobs=1)  # small images: low-ppi warnings on the plates


def _captions(project: Path) -> list[Caption]:
    planned = plan_project(project, OPTIONS)
    return captions_of(planned.plan, planned.setup.loaded.catalog, project.resolve())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    project = make_project(tmp_path_factory.mktemp("proof") / "project")
    return project, build(project, OPTIONS)


@pytest.fixture(scope="module")
def proofed(built: tuple[Path, BuildResult]) -> Path:
    project, result = built
    return proof(project, OPTIONS, result).folder


def test_spreads_put_page_one_alone_on_the_right() -> None:
    assert spreads(1) == [(None, 1)]
    assert spreads(4) == [(None, 1), (2, 3), (4, None)]
    assert spreads(5) == [(None, 1), (2, 3), (4, 5)]
    assert spreads(0) == []


def test_findings_map_to_pages_by_field_or_message() -> None:
    assert page_of(Problem("x", page=3), 10) == 3
    assert page_of(Problem("image prints at 90 ppi on page 7, below 300"), 10) == 7
    assert page_of(Problem("ink 320 % (first on page 4)"), 10) == 4
    assert page_of(Problem("20 pages is not a multiple of 8"), 10) is None
    assert page_of(Problem("on page 12"), 10) is None  # not a page of this PDF


def test_proof_has_a_thumbnail_per_page_and_the_pages_in_spreads(built: tuple[Path, BuildResult],
                                                                 proofed: Path) -> None:
    project, result = built
    assert proofed == project / "build" / "proof"
    drawn = 0
    for number in range(1, result.pages + 1):
        with Image.open(proofed / f"page-{number:03d}.png") as thumb:
            assert thumb.height == THUMB_HEIGHT
            drawn += thumb.getextrema() != ((255, 255),) * 3
        assert (proofed / f"page-{number:03d}-large.png").is_file()
    assert drawn > result.pages // 2  # the blank versos are blank; the rest are drawn
    assert not (proofed / f"page-{result.pages + 1:03d}.png").exists()
    index = (proofed / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'alt="Page (\d+)"', index) == [str(n) for n in range(1, result.pages + 1)]
    assert 'aria-label="Pages 2–3"' in index and 'aria-label="Pages 1"' in index
    assert "http://" not in index and "https://" not in index and "<script" not in index  # nothing external
    with Image.open(proofed / "contact-sheet.png") as sheet:
        assert sheet.width > 4 * THUMB_HEIGHT


def test_findings_are_marked_on_their_pages_and_listed_under_the_spread(built: tuple[Path, BuildResult],
                                                                        proofed: Path) -> None:
    _, result = built
    low = [f for f in result.findings if f.code == "low-ppi"]
    assert low, "the fixture's small images should print below 300 ppi"
    index = (proofed / "index.html").read_text(encoding="utf-8")
    for finding in low:
        figure = re.search(rf'<figure id="page-{finding.page}" class="(\w+) (\w+)"', index)
        assert figure and figure.group(2) == "warning", finding.page
        section = index[index.index(f'id="page-{finding.page}"'):]
        section = section[:section.index("</section>")]
        assert f"p. {finding.page}: " in section and "ppi" in section
    flagged = {page_of(f, result.pages) for f in result.findings}
    for number in range(1, result.pages + 1):
        plain = re.search(rf'<figure id="page-{number}" class="(left|right)" ', index)
        assert (plain is None) == (number in flagged), number


def test_caption_checklist_names_every_work_with_its_plate_page(built: tuple[Path, BuildResult],
                                                                proofed: Path) -> None:
    """Each caption as printed (naming the artist: the catalog has two), at the page it is printed on."""
    project, result = built
    with (proofed / "captions.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["artist"], r["work"]) for r in rows] == [
        ("Anna Test", "Work 1"), ("Anna Test", "Work 2"),
        ("Boris Test", "Work 1"), ("Boris Test", "Work 2"), ("Boris Test", "Work 3")]
    assert rows[0]["caption as printed"] == ("Anna Test\nWork 1, 2020\nPigment print, 60\u00a0×\u00a040\u00a0cm\n"
                                             "Edition of 5")
    assert rows[0]["source"] == "content/artists/anna-test/artist.yaml:26"
    captions = _captions(project)
    assert [int(r["page"]) for r in rows] == [c.page for c in captions]
    texts = page_texts(result.pdf)
    for row in rows:
        assert row["caption as printed"].startswith(f"{row['artist']}\n{row['work']}, ")
        # The PDF's text reads a no-break space as a space.
        assert row["caption as printed"].replace("\u00a0", " ") in texts[int(row["page"]) - 1], row
    page = (proofed / "captions.html").read_text(encoding="utf-8")
    assert page.count("☐") == 5 and page.count("Signature") == 2
    assert "Pigment print, 60\u00a0×\u00a040\u00a0cm" in page


def test_proof_is_deterministic_and_drops_stale_pages(built: tuple[Path, BuildResult], proofed: Path) -> None:
    project, result = built
    captions = _captions(project)
    again = result.pdf.parent / "again"  # beside build/proof: the same relative link to the PDF
    again.mkdir()
    (again / "page-999.png").write_bytes(b"stale")
    (again / "notes.txt").write_text("mine")
    write_proof(result.pdf, result.findings, captions, again, title="Test Catalog", project=project)
    assert not (again / "page-999.png").exists() and (again / "notes.txt").exists()
    for name in ("index.html", "captions.html", "captions.csv", "contact-sheet.png", "page-007.png"):
        assert (again / name).read_bytes() == (proofed / name).read_bytes(), name
    shutil.rmtree(again)


def test_cli_proof_and_a_bad_project(built: tuple[Path, BuildResult], tmp_path: Path) -> None:
    runner = CliRunner()
    project, _ = built
    out = tmp_path / "v3.pdf"
    done = runner.invoke(app, ["proof", str(project), "--press", "digital", "--no-cache", "--no-large",
                               "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "v3-proof" / "index.html").is_file()
    assert not (tmp_path / "v3-proof" / "page-001-large.png").exists()
    missing = runner.invoke(app, ["proof", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2
    assert "Traceback" not in missing.output and "catalog.yaml" in missing.output


BROWSER = next((found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))),
               None)


@pytest.mark.skipif(BROWSER is None, reason="no headless browser (chromium) installed; "
                    "apt-get install chromium to run this test")
def test_index_opens_in_a_real_browser(built: tuple[Path, BuildResult], proofed: Path, tmp_path: Path) -> None:
    """The DOM a browser builds from index.html has every page's image, and the images load: a
    screenshot of the page is not blank."""
    _, result = built
    args = [str(BROWSER), "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}", "--allow-file-access-from-files"]
    url = (proofed / "index.html").as_uri()
    dom = subprocess.run([*args, "--dump-dom", url], capture_output=True, text=True, timeout=90, check=True).stdout
    assert re.findall(r'<img src="page-(\d+)\.png" alt="Page (\d+)"', dom) == [
        (f"{n:03d}", str(n)) for n in range(1, result.pages + 1)]
    shot = tmp_path / "shot.png"
    subprocess.run([*args, "--window-size=1200,900", f"--screenshot={shot}", url], capture_output=True,
                   timeout=90, check=True)
    with Image.open(shot) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 50  # thumbnails drawn, not an empty page


def test_caption_csv_cells_cannot_run_as_formulas_while_the_checklist_shows_titles_as_printed(
        tmp_path: Path) -> None:
    """Titles are the artists' and the galleries' text: one starting with = + - @ (or a tab or carriage return)
    would be a formula to a spreadsheet opening captions.csv (OWASP "CSV Injection"). In the CSV each such cell
    starts with a ' (text to every spreadsheet); the HTML checklist shows the caption exactly as printed."""
    titles = ['=HYPERLINK("http://x","y")', "-2+3", "@SUM(A1)", "+7 days"]
    artist = artist_data("=Anna", works=len(titles))
    for work, title in zip(artist["works"], titles, strict=True):
        work["title"] = title
    project = make_project(tmp_path / "project", {"anna-test": artist})
    result = build(project, OPTIONS)
    captions = _captions(project)
    folder = write_proof(result.pdf, result.findings, captions, tmp_path / "proof", project=project, large=False)
    with (folder.folder / "captions.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    printed = [c.work for c in captions]
    assert printed[1:] == titles[1:] and printed[0].startswith("=HYPERLINK(")  # as the typography prints them
    assert [row[1] for row in rows[1:]] == ["'" + title for title in printed]
    assert {row[0] for row in rows[1:]} == {"'=Anna"}
    assert [row[3].split("\n")[0] for row in rows[1:]] == ["'" + c.lines[0] for c in captions]
    for row in rows:
        assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in row), row
    page = (folder.folder / "captions.html").read_text(encoding="utf-8")
    for caption in captions:
        assert html.escape(caption.lines[0], quote=True) + "<br>" in page
    assert "'=" not in page and "'-2" not in page


def test_the_proof_takes_the_plan_the_build_made(built: tuple[Path, BuildResult],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The build keeps its plan; the proof reads the captions from it instead of planning the book again."""
    project, result = built
    assert result.planned is not None and result.planned.plan.pages

    def planned_again(*_: object) -> None:
        raise AssertionError("the proof planned the book again")

    monkeypatch.setattr("catalog.review.proof.plan_project", planned_again)
    out = proof(project, OPTIONS, result).folder
    assert (out / "captions.csv").is_file()


def test_a_bound_books_proof_shows_its_cover_sheet_whole(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", catalog={"binding": "jacket", "paper": {"caliper": "0.1mm", "board": "2mm"}})
    options = BuildOptions(cache=False, jobs=1)
    result = build(root, options)
    made = proof(root, options, result, large=False)
    sheet = Image.open(made.folder / "cover-sheet.png")
    ratio = sheet.width / sheet.height
    planned = result.planned.cover  # type: ignore[union-attr]
    assert ratio == pytest.approx(planned.width / planned.height, rel=0.01)  # the whole sheet, trimmed
    assert 'src="cover-sheet.png"' in made.index.read_text(encoding="utf-8")
    saddle = build(root, BuildOptions(cache=False, jobs=1, binding="saddle"))
    again = proof(root, BuildOptions(binding="saddle"), saddle, large=False)
    assert not (again.folder / "cover-sheet.png").exists()  # a self-covered book has none; the old one is gone


def test_alt_text_is_proofread_beside_its_caption(tmp_path: Path) -> None:
    """What each image shows, for readers who cannot see it, is checked with the caption it belongs to."""
    artist = artist_data("Anna Test", works=2)
    artist["works"][0]["alt"] = "A woman in a felt hat at a market stall"
    project = make_project(tmp_path / "project", {"anna-test": artist})
    result = build(project, OPTIONS)
    folder = write_proof(result.pdf, result.findings, _captions(project), tmp_path / "proof", project=project,
                         large=False)
    with (folder.folder / "captions.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["alt text"] for row in rows] == ["A woman in a felt hat at a market stall", ""]
    page = (folder.folder / "captions.html").read_text(encoding="utf-8")
    assert "Alt text: A woman in a felt hat at a market stall" in page
