"""The parts of `catalog import` one at a time: the CSV reader, header mapping for the museums' exports, row
values, artist names, photo and work matching, natural sort, and editing a works entry in place."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from catalog.authoring.matching import Photos, Works, is_draft, match_key, named_in
from catalog.authoring.sheet import columns, delimiter, read_row, read_rows
from catalog.authoring.workedit import set_fields, works_items
from catalog.model import natural_key
from tests.support.projects import write_image

# Header rows as published (sources: sheet.py's comment). The Met's begins with a BOM in the file.
MOMA = ("Title,Artist,ConstituentID,ArtistBio,Nationality,BeginDate,EndDate,Gender,Date,Medium,Dimensions,CreditLine,"
        "AccessionNumber,Classification,Department,DateAcquired,Cataloged,ObjectID,URL,ImageURL,OnView,"
        "Circumference (cm),Depth (cm),Diameter (cm),Height (cm),Length (cm),Weight (kg),Width (cm),"
        "Seat Height (cm),Duration (sec.)")
MET = ("Object Number,Is Highlight,Is Timeline Work,Is Public Domain,Object ID,Gallery Number,Department,AccessionYear,"
       "Object Name,Title,Culture,Period,Dynasty,Reign,Portfolio,Constituent ID,Artist Role,Artist Prefix,"
       "Artist Display Name,Artist Display Bio,Artist Suffix,Artist Alpha Sort,Artist Nationality,Artist Begin Date,"
       "Artist End Date,Artist Gender,Artist ULAN URL,Artist Wikidata URL,Object Date,Object Begin Date,"
       "Object End Date,Medium,Dimensions,Credit Line,Geography Type,City,State,County,Country,Region,Subregion,"
       "Locale,Locus,Excavation,River,Classification,Rights and Reproduction,Link Resource,Object Wikidata URL,"
       "Metadata Date,Repository,Tags,Tags AAT URL,Tags Wikidata URL")
TATE = ("id,accession_number,artist,artistRole,artistId,title,dateText,medium,creditLine,year,acquisitionYear,"
        "dimensions,width,height,depth,units,inscription,thumbnailCopyright,thumbnailUrl,url")
WHITNEY = ("id,title,display_date,classification,medium,accession_number,dimensions,publication_info,edition,"
           "credit_line,credit_line_repro,artists,artist_ids")
GALLERY = "Stock Number,Artist,Title,Year,Medium,Height,Width,Depth,Units,Edition,Retail Price,Availability,Courtesy"


def test_the_issues_title_with_doubled_quotes_is_one_cell(tmp_path: Path) -> None:
    """csv.Sniffer guessed doublequote=False on this and split the row in two; RFC 4180 reads it as one cell."""
    path = tmp_path / "w.csv"
    path.write_text('title,year,image\n"Opening, ""Spaces"" Exhibition, New York",c. 1968,a.jpg\n', encoding="utf-8")
    assert read_rows(path) == [["title", "year", "image"], ['Opening, "Spaces" Exhibition, New York', "c. 1968",
                                                             "a.jpg"]]


@pytest.mark.parametrize(("text", "expected"), [
    ('a,b,c\n"x; y",2,3\n', ","),
    ('a;b;c\n"x, y";"2,5";3\n', ";"),
    ("a\tb\tc\nx, y; z\t2\t3\n", "\t"),
    ("title\nDune\n", ","),
])
def test_the_delimiter_is_the_one_that_splits_the_rows_alike(text: str, expected: str) -> None:
    assert delimiter(text) == expected


def test_a_bom_embedded_line_breaks_and_semicolons_are_read(tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    path.write_bytes('\ufeffTitle;Dimensions\r\nA;"Sheet: 1 × 2 in.\r\nImage: 1 × 1 in."\r\n'.encode())
    assert read_rows(path) == [["Title", "Dimensions"], ["A", "Sheet: 1 × 2 in.\r\nImage: 1 × 1 in."]]


@pytest.mark.parametrize(("header", "fields", "artists", "sides"), [
    (MOMA, {"title": 0, "year": 8, "medium": 9, "dimensions": 10, "credit": 11, "accession": 12},
     (1,), {"depth": 22, "height": 24, "width": 27}),
    (MET, {"accession": 0, "title": 9, "year": 28, "medium": 31, "dimensions": 32, "credit": 33,
           "copyright": 46, "collection": 50}, (18, 21), {}),
    (TATE, {"accession": 1, "title": 5, "year": 6, "medium": 7, "credit": 8, "dimensions": 11}, (2,),
     {"width": 12, "height": 13, "depth": 14}),
    (WHITNEY, {"title": 1, "year": 2, "medium": 4, "accession": 5, "dimensions": 6, "edition": 8, "credit": 9,
               "copyright": 10}, (11,), {}),
    (GALLERY, {"accession": 0, "title": 2, "year": 3, "medium": 4, "edition": 9, "price": 10, "status": 11,
               "courtesy": 12}, (1,), {"height": 5, "width": 6, "depth": 7}),
])
def test_museum_and_gallery_headers_map_to_works_fields(header: str, fields: dict[str, int],
                                                        artists: tuple[int, ...], sides: dict[str, int]) -> None:
    found = columns(header.split(","))
    assert found.fields == fields
    assert found.artists == artists and found.sides == sides


def test_moma_units_come_from_the_header_and_tates_from_its_units_column() -> None:
    moma = columns(MOMA.split(","))
    assert moma.units == {"depth": "cm", "height": "cm", "width": "cm"} and moma.unit is None
    tate = columns(TATE.split(","))
    assert tate.units == {} and tate.unit == 15
    assert "'year' (column 10), a second 'year' column" in tate.unused  # dateText, the date as printed, comes first


def test_sides_without_a_unit_are_not_guessed() -> None:
    found = columns(["Title", "Height", "Width"])
    assert found.sides == {}
    assert found.unused == ("'Height' (column 2), a height without a unit (name it in the header, e.g. 'Height (cm)', "
                            "or add a 'Units' column)", "'Width' (column 3), a width without a unit (name it in the "
                            "header, e.g. 'Height (cm)', or add a 'Units' column)")


def test_numeric_sides_become_structured_dimensions_and_text_wins() -> None:
    found = columns(TATE.split(","))
    cells = ["1035", "A00001", "Blake, Robert", "artist", "38", "A Figure", "date not known", "Watercolour",
             "Presented", "", "1922", "", "394", "419", "", "mm", "", "", "", ""]
    row = read_row(2, cells, found)
    assert row.values["dimensions"] == {"width": 394, "height": 419, "unit": "mm"}
    assert row.values["year"] == "n.d." and row.cleaned == ["date 'date not known' written as n.d."]
    cells[11] = "support: 394 x 419 mm"
    assert read_row(2, cells, found).values["dimensions"] == "support: 394 x 419 mm"
    cells[11], cells[15] = "", "furlongs"
    bad = read_row(2, cells, found)
    assert "dimensions" not in bad.values
    assert bad.problems == ["the unit of height and width (furlongs) is not one of cm, mm or in; dimensions imported "
                            "without them"]


def test_row_values_as_museums_write_them() -> None:
    found = columns([*WHITNEY.split(","), "status", "bleed"])
    row = read_row(7, ["40328", "Colorado", "c. 1968–1972", "Photographs", "Gelatin silver print", "P.2011.27",
                       "Sheet: 5 7/8 × 7 1/2 in.\nImage: 5 7/8 × 7 1/2 in.<br>Mount: 12 15/16 in.", "", "48/80",
                       "Promised gift", "© Robert Adams<br>Courtesy Fraenkel Gallery", "Robert Adams", "4418",
                       "On Hold", "maybe"], found)
    assert (row.number, row.title, row.artists) == (7, "Colorado", ("Robert Adams",))
    assert row.values == {"year": "c. 1968–1972", "medium": "Gelatin silver print", "accession": "P.2011.27",
                          "dimensions": "Sheet: 5 7/8 × 7 1/2 in.\nImage: 5 7/8 × 7 1/2 in.\nMount: 12 15/16 in.",
                          "edition": "48/80", "credit": "Promised gift", "copyright": "© Robert Adams",
                          "courtesy": "Courtesy Fraenkel Gallery", "status": "reserved"}
    assert row.problems == ["bleed 'maybe' is not yes or no; imported without it"]


@pytest.mark.parametrize("date", ["c. 1968, printed 1981", "ca. 1936", "circa 1936", "n.d.", "1960s",
                                  "1979, print date unknown", "c.1970", "2010 1992–1996"])
def test_dates_as_museums_write_them_are_kept(date: str) -> None:
    row = read_row(2, ["Work", date], columns(["Title", "Date"]))
    assert row.values == {"year": date} and not row.problems


def test_natural_sort_counts_as_people_do() -> None:
    names = ["Colorado (10).jpg", "colorado (2).jpg", "Colorado (1).jpg", "b.jpg", "A.jpg", "98.40.12.jpg",
             "98.40.2.jpg"]
    assert sorted(names, key=natural_key) == ["98.40.2.jpg", "98.40.12.jpg", "A.jpg", "b.jpg", "Colorado (1).jpg",
                                              "colorado (2).jpg", "Colorado (10).jpg"]


def test_artist_names_match_in_any_case_accents_and_order() -> None:
    assert match_key("Jean-Pierre Hébert") == match_key("jean pierre hebert")
    assert "robert adams" in named_in("Adams, Robert")
    assert "robert adams" in named_in("ROBERT ADAMS")
    assert "martin wong" in named_in("John Ahearn, Andrew Castrucci, Crash, Martin Wong")
    assert "robert adams" in named_in("Lewis Baltz|Robert Adams")
    assert "robert adams" not in named_in("Shelby Lee Adams")


def test_photos_are_found_by_name_with_or_without_suffix_accession_or_title(tmp_path: Path) -> None:
    for name in ("98.40.1.jpg", "Motel, Colorado Springs.tif", "dune.jpg", "dune.png", "P-2011-27.jpg"):
        write_image(tmp_path / "images" / name, (40, 30))
    photos = Photos(tmp_path)
    assert photos.files == ["98.40.1.jpg", "dune.jpg", "dune.png", "Motel, Colorado Springs.tif", "P-2011-27.jpg"]
    assert photos.named("98.40.1") == ("images/98.40.1.jpg", "")  # '.1' is no suffix: the issue's refused name
    assert photos.named("98.40.1.jpeg") == ("images/98.40.1.jpg", "")
    assert photos.named("dune.png") == ("images/dune.png", "")
    image, reason = photos.named("dune")
    assert image is None and "could be any of dune.jpg, dune.png" in reason
    assert photos.spelled("P.2011.27") == "images/P-2011-27.jpg"
    assert photos.spelled("motel colorado springs") == "images/Motel, Colorado Springs.tif"
    assert photos.spelled("dune") is None  # two photos spell it


def test_works_are_found_by_image_accession_or_a_title_nobody_else_has() -> None:
    works = Works([{"image": "images/a.jpg", "title": "Colorado"}, {"title": "Colorado", "accession": "P.2011.9"},
                   {"title": {"en": "Evening", "ru": "Вечер"}}, {"title": "Untitled"}],
                  ["Colorado", "Вечер", "Untitled", "Untitled"])
    assert works.find("images/a.jpg", "", "x").index == 0  # type: ignore[union-attr]
    assert works.find(None, "p 2011 9", "x").index == 1  # type: ignore[union-attr]
    assert works.find(None, "", "вечер").index == 2  # type: ignore[union-attr]
    assert works.find(None, "", "Colorado") is None  # two works are called so
    assert works.find(None, "", "Untitled") is None  # two rows are
    assert works.described(0) == "works[1] 'Colorado' (images/a.jpg)"
    assert is_draft({"title": "x", "medium": "TODO"}) and is_draft({"title": {"en": "TODO"}})
    assert not is_draft({"title": "x", "medium": "Oil"})


ENTRY = """\
# works, in hanging order
works:
  - image: images/a.jpg
    title: Colorado (2)        # my working title
    # year:                    # e.g. 2019
    medium: TODO               # fill in, e.g. Archival pigment print
    dimensions:                # measured in 2023
      height: 10
      width: 8
    # edition:                 # e.g. 5 + 2 AP
  - title: Listed only   # no photo
    year: 1970

# the sequence
"""


def test_fields_are_set_in_place_keeping_the_authors_comments() -> None:
    items = works_items(ENTRY)
    assert items is not None and [(item.start, item.stop, item.indent) for item in items] == [(2, 10, 4), (10, 13, 4)]
    text = set_fields(ENTRY, items[0], {"title": "Colorado", "year": "c. 1970", "medium": "Gelatin silver print",
                                        "dimensions": "Sheet: 6 × 7 in.\nImage: 5 × 6 in.", "accession": "P.2011.16"})
    assert text == """\
# works, in hanging order
works:
  - image: images/a.jpg
    title: Colorado            # my working title
    year: c. 1970
    medium: Gelatin silver print
    dimensions: |-             # measured in 2023
      Sheet: 6 × 7 in.
      Image: 5 × 6 in.
    accession: P.2011.16
    # edition:                 # e.g. 5 + 2 AP
  - title: Listed only   # no photo
    year: 1970

# the sequence
"""
    second = works_items(text)[1]  # type: ignore[index]
    again = set_fields(text, second, {"title": "Listed, only", "year": "1971", "edition": "48/80"})
    assert again.endswith("  - title: Listed, only  # no photo\n    year: 1971\n    edition: 48/80\n\n# the sequence\n")
    assert yaml.safe_load(again)["works"][1] == {"title": "Listed, only", "year": 1971, "edition": "48/80"}


def test_a_flow_written_works_list_or_entry_is_not_edited() -> None:
    assert works_items("works: [{title: A}]\n") is None
    items = works_items("works:\n  - {title: A}\n  - title: B\n")
    assert items is not None and items[0].flow and not items[1].flow
