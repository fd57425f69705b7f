"""`catalog import` with a real museum spreadsheet as published: slices of the Whitney's CC0 artworks.csv
(tests/data/whitney, README there). Every row gets its work, dates and dimensions as the museum prints them;
`new artist --images` then `import` fills the drafts in; an update after editing the sheet changes exactly the
edited fields and keeps the author's comments."""

from __future__ import annotations

import csv
import difflib
import io
from pathlib import Path

import yaml
from PIL import Image

from catalog.authoring.artist import new_artist
from catalog.authoring.importcsv import import_works
from catalog.builder import check
from catalog.content.fields import shown
from catalog.content.load import load_project
from catalog.model import Work
from tests.authoring.test_import_matching import GALLERY, MET, MOMA, TATE
from tests.support.cli import run
from tests.support.projects import artist_data, make_project, write_image

DATA = Path(__file__).resolve().parents[1] / "data" / "whitney"
ADAMS, ALBERS = DATA / "adams.csv", DATA / "albers.csv"
ARTISTS = {"kenneth-m-adams": "Kenneth M. Adams", "pat-adams": "Pat Adams", "robert-adams": "Robert Adams",
           "shelby-lee-adams": "Shelby Lee Adams"}


def artist_file(project: Path, slug: str) -> Path:
    return project / "content" / "artists" / slug / "artist.yaml"


def by_accession(project: Path, slug: str) -> dict[str, Work]:
    catalog = load_project(project).catalog
    artist = next(a for a in catalog.artists if a.slug == slug)
    return {str(work.accession): work for work in artist.works}


def plain(text: str | None) -> str:
    """Printed text with the typesetter's no-break spaces as spaces, to compare with the sheet."""
    return (text or "").replace("\u00a0", " ").replace("\u202f", " ")


def test_the_whitney_slice_as_published_gives_every_row_its_work(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {slug: artist_data(name, works=0) for slug, name in ARTISTS.items()})
    results = {slug: import_works(ADAMS, project, slug) for slug in ARTISTS}
    assert {slug: len(result.added) for slug, result in results.items()} == {
        "kenneth-m-adams": 1, "pat-adams": 1, "robert-adams": 36, "shelby-lee-adams": 4}
    assert all(result.complete and result.other_artists == 42 - len(result.added) for result in results.values())
    assert not [p for p in check(project).findings if p.severity == "error"]

    works = by_accession(project, "robert-adams")
    assert len(works) == 36
    colorado = works["P.2011.27"]
    assert colorado.title == "Colorado" and colorado.year == "c. 1968–1972"
    assert plain(shown(colorado, "dimensions")).split("\n") == [
        "Sheet: 5 7/8 × 7 1/2 in. (14.9 × 19.1 cm)", "Image: 5 7/8 × 7 1/2 in. (14.9 × 19.1 cm)",
        "Mount: 12 15/16 × 10 13/16 × 1/16 in. (32.9 × 27.5 × 0.2 cm)"]
    assert colorado.credit == "Promised gift of Thea Westreich Wagner and Ethan Wagner"
    assert colorado.copyright == "© Robert Adams"
    assert colorado.courtesy == "Courtesy Fraenkel Gallery, San Francisco & Matthew Marks Gallery, New York"
    assert {accession: works[accession].year for accession in ("96.12", "P.2011.28", "P.2011.16", "P.2011.11",
                                                                "2006.91")} == {
        "96.12": "1969, printed c. 1970", "P.2011.28": "n.d.", "P.2011.16": "c.1970",
        "P.2011.11": "1979, print date unknown", "2006.91": "c. 1981, printed 1985"}
    later = works["2010.64"]
    assert shown(later, "edition") == "Edition 1/30" and later.copyright == "© Robert Adams" and not later.courtesy
    assert plain(shown(works["P.2011.5"], "edition")) == "1/3 | Vintage, 2 APs"  # words: as the museum wrote them
    assert by_accession(project, "shelby-lee-adams")["2003.3"].edition == "7/25"


def test_new_artist_with_photos_then_import_fills_in_the_drafts(tmp_path: Path) -> None:
    """The README's order: photos named by accession number or by title become drafts, the sheet fills them in
    (the draft's offered EXIF year gives way to the museum's date), a photo the sheet does not know stays a draft."""
    project = make_project(tmp_path / "p", {})
    photos = tmp_path / "photos"
    for name in ("P.2011.27.jpg", "96.12.jpg", "Harney County, Oregon.jpg", "kerstin-next-to-an-old-growth-stump.png",
                 "studio wall.jpg"):
        write_image(photos / name, (90, 60))
    with Image.open(photos / "P.2011.27.jpg") as image:  # scanned in 2013
        exif = Image.Exif()
        exif[306] = "2013:05:01 10:00:00"
        image.save(photos / "P.2011.27.jpg", exif=exif)
    made = new_artist(project, "Robert Adams", photos)
    assert made.works == 5
    assert "    # year: 2013" in artist_file(project, "robert-adams").read_text(encoding="utf-8")

    result = import_works(ADAMS, project, "Robert Adams")
    assert result.complete and len(result.added) == 32 and result.other_artists == 6
    assert sorted((change.row, change.filled) for change in result.changed) == [
        (4, True), (9, True), (35, True), (36, True)]
    data = yaml.safe_load(artist_file(project, "robert-adams").read_text(encoding="utf-8"))
    drafts = {work["image"]: work for work in data["works"][:5]}
    assert drafts["images/P.2011.27.jpg"]["title"] == "Colorado"
    assert drafts["images/P.2011.27.jpg"]["year"] == "c. 1968–1972"
    assert drafts["images/96.12.jpg"]["title"] == "Motel, Colorado Springs"
    assert drafts["images/Harney County, Oregon.jpg"]["accession"] == "2006.98"
    assert drafts["images/kerstin-next-to-an-old-growth-stump.png"]["accession"] == "2006.99"
    assert drafts["images/studio wall.jpg"]["medium"] == "TODO"
    text = artist_file(project, "robert-adams").read_text(encoding="utf-8")
    assert "# year: 2013" not in text and "fill in, e.g." in text  # only the draft no row matched keeps its notes
    unfilled = [p for p in check(project).findings if p.code == "unfilled"]
    assert {p.where for p in unfilled} == {"works[5]"}


def edited(source: Path, target: Path, changes: dict[tuple[str, str], str]) -> Path:
    """The sheet with cells changed, found by accession number and column, written back as a spreadsheet would."""
    rows = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8"), newline="")))
    header = rows[0]
    for (accession, column), value in changes.items():
        row = next(r for r in rows[1:] if r[header.index("accession_number")] == accession)
        row[header.index(column)] = value
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    target.write_text(out.getvalue(), encoding="utf-8")
    return target


def test_an_update_after_editing_the_sheet_changes_exactly_the_edited_fields(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"robert-adams": artist_data("Robert Adams", works=0)})
    code, output = run("import", str(ADAMS), "--artist", "robert-adams", "-C", str(project))
    assert code == 0 and "Added 36 work(s)" in output and "6 row(s) for other artists left out" in output, output
    path = artist_file(project, "robert-adams")
    text = path.read_text(encoding="utf-8")
    text = text.replace("    medium: Gelatin silver print mounted on paperboard\n",
                        "    medium: Gelatin silver print mounted on paperboard   # seen at the museum, 2024\n")
    text = text.replace("  - title: Untitled\n    year: 1981\n",
                        "  # the one printed in the 1983 show\n  - title: Untitled\n    year: 1981\n"
                        "    lender: Private collection\n")
    path.write_text(text, encoding="utf-8")

    sheet = edited(ADAMS, tmp_path / "edited.csv", {
        ("96.12", "medium"): "Gelatin silver print on paperboard",
        ("P.2011.29", "display_date"): "c. 1973",
        ("2010.64", "edition"): "2/30"})
    code, output = run("import", str(sheet), "--artist", "robert-adams", "-C", str(project))
    assert code == 0
    assert "36 row(s) match works already filled in: left as they are (--update refreshes" in output, output
    assert path.read_text(encoding="utf-8") == text  # without --update, works already filled in are kept

    code, output = run("import", str(sheet), "--artist", "robert-adams", "--update", "-C", str(project))
    assert code == 0, output
    assert "Added 0 work(s), updated 3" in output and "33 row(s) match works that already say" in output
    after = path.read_text(encoding="utf-8")
    changed = [line for line in difflib.ndiff(text.splitlines(), after.splitlines()) if line[:1] in "+-"]
    assert changed == [
        "-     year: c. 1973–1974", "+     year: c. 1973",
        "-     medium: Gelatin silver print mounted on paperboard   # seen at the museum, 2024",
        "+     medium: Gelatin silver print on paperboard           # seen at the museum, 2024",
        "-     edition: 1/30", "+     edition: 2/30"]
    assert "  # the one printed in the 1983 show\n" in after and "    lender: Private collection\n" in after

    code, output = run("import", str(sheet), "--artist", "robert-adams", "--update", "-C", str(project))
    assert code == 0 and "36 row(s) match works that already say what the sheet says" in output
    assert path.read_text(encoding="utf-8") == after
    assert not [p for p in check(project).findings if p.severity == "error"]


def test_doubled_quotes_collaborations_and_artists_not_in_the_sheet(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"josef-albers": artist_data("Josef Albers", works=0),
                                            "martin-wong": artist_data("Martin Wong", works=0),
                                            "anna-test": artist_data("Anna Test", works=0)})
    albers = import_works(ALBERS, project, "josef-albers")
    assert len(albers.added) == 21 and albers.other_artists == 18 and albers.complete
    assert albers.added[2] == 'Homage to the Square: "Ascending"'
    assert yaml.safe_load(artist_file(project, "josef-albers").read_text(encoding="utf-8"))["works"][2]["title"] \
        == 'Homage to the Square: "Ascending"'
    assert import_works(ALBERS, project, "martin wong").added == ("The Usual Suspects",)  # one of eight artists

    before = artist_file(project, "anna-test").read_text(encoding="utf-8")
    code, output = run("import", str(ALBERS), "--artist", "anna-test", "-C", str(project))
    assert code == 2 and "no row names Anna Test in the 'artists' column (it names Josef Albers, Doug Aitken" in output
    assert "--every-row" in output and "Traceback" not in output
    assert artist_file(project, "anna-test").read_text(encoding="utf-8") == before
    code, output = run("import", str(ALBERS), "--artist", "anna-test", "--every-row", "-C", str(project))
    assert code == 0 and "Added 39 work(s)" in output, output


def test_a_sheet_with_a_bad_row_imports_the_rest_and_exits_3(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"robert-adams": artist_data("Robert Adams", works=0)})
    sheet = edited(ADAMS, tmp_path / "bad.csv", {("P.2011.28", "title"): "", ("96.10", "display_date"): "spring"})
    code, output = run("import", str(sheet), "--artist", "robert-adams", "-C", str(project))
    assert code == 3, output
    assert "bad.csv: row 5 skipped: no title" in output
    assert "bad.csv: row 7: date 'spring' names no year" in output and "imported without it" in output
    assert "Added 35 work(s)" in output and "1 row(s) skipped" in output
    code, output = run("import", str(ADAMS), "--artist", "robert-adams", "-C", str(project))
    assert code == 0 and "Added 1 work(s)" in output, output  # fixed: the missing row is added, no other twice


def test_moma_met_tate_and_gallery_exports_import_by_their_own_headers(tmp_path: Path) -> None:
    """The published header rows (tests/authoring/test_import_matching.py) with one row each, written here in the
    museums' style: every export gives the work its fields, and numeric sides become structured dimensions."""
    project = make_project(tmp_path / "p", {"robert-adams": artist_data("Robert Adams", works=0)})
    moma = [""] * len(MOMA.split(","))
    moma[:13] = ["Pikes Peak Park", "Robert Adams", "61", "(American, born 1937)", "(American)", "(1937)", "(0)",
                 "(Male)", "1969", "Gelatin silver print", "", "Gift of the photographer", "123.1971"]
    moma[24], moma[27] = "15.2", "15.1"
    met = [""] * len(MET.split(","))
    met[0], met[9], met[18], met[21], met[28], met[31], met[33], met[46], met[50] = (
        "1987.1100.1", "Denver", "Robert Adams", "Adams, Robert", "ca. 1970", "Gelatin silver print",
        "Gift of the artist, 1987", "© Robert Adams", "Metropolitan Museum of Art, New York, NY")
    tate = ["1", "P00001", "Adams, Robert", "artist", "1", "Longmont", "c.1973", "Photograph", "Presented 1980", "1973",
            "1980", "", "152", "151", "", "mm", "", "", "", ""]
    gallery = ["RA-001", "Robert Adams", "Eden", "1968", "Gelatin silver print", "6", "6", "", "in", "5/25", "$ 9,000",
               "Sold", ""]
    expected = {
        "moma": {"title": "Pikes Peak Park", "year": 1969, "medium": "Gelatin silver print",
                 "dimensions": {"height": 15.2, "width": 15.1, "unit": "cm"}, "credit": "Gift of the photographer",
                 "accession": "123.1971"},
        "met": {"title": "Denver", "year": "ca. 1970", "medium": "Gelatin silver print",
                "credit": "Gift of the artist, 1987", "accession": "1987.1100.1", "copyright": "© Robert Adams",
                "collection": "Metropolitan Museum of Art, New York, NY"},
        "tate": {"title": "Longmont", "year": "c.1973", "medium": "Photograph", "credit": "Presented 1980",
                 "accession": "P00001", "dimensions": {"width": 152, "height": 151, "unit": "mm"}},
        "gallery": {"title": "Eden", "year": 1968, "medium": "Gelatin silver print", "edition": "5/25",
                    "accession": "RA-001", "price": "$ 9,000", "status": "sold",
                    "dimensions": {"height": 6, "width": 6, "unit": "in"}},
    }
    for name, header, row in (("moma", MOMA, moma), ("met", MET, met), ("tate", TATE, tate),
                              ("gallery", GALLERY, gallery)):
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\r\n").writerows([header.split(","), row])
        table = tmp_path / f"{name}.csv"
        table.write_text(("\ufeff" if name == "met" else "") + out.getvalue(), encoding="utf-8", newline="")
        result = import_works(table, project, "robert-adams")
        assert result.complete and len(result.added) == 1, (name, result)
        work = yaml.safe_load(artist_file(project, "robert-adams").read_text(encoding="utf-8"))["works"][-1]
        assert work == expected[name], name
    assert not [p for p in check(project).findings if p.severity == "error"]


def test_a_photo_put_in_place_later_gives_its_listed_work_a_plate(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"robert-adams": artist_data("Robert Adams", works=0)})
    first = import_works(ADAMS, project, "robert-adams")
    assert len(first.imageless) == 36
    write_image(project / "content/artists/robert-adams/images/P.2011.29.jpg", (90, 60))
    again = import_works(ADAMS, project, "robert-adams")
    assert [(change.row, change.fields, change.filled) for change in again.changed] == [(6, ("image",), True)]
    assert again.kept == 35 and not again.added
    works = by_accession(project, "robert-adams")
    assert works["P.2011.29"].image is not None and works["P.2011.29"].image.name == "P.2011.29.jpg"
