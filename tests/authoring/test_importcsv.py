"""catalog import: a gallery's spreadsheet of works appended to artist.yaml, every unusable row and value explained."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from catalog.authoring import sheet
from catalog.authoring.importcsv import append_works, import_works, map_columns
from catalog.builder import check
from catalog.cli.app import app
from catalog.content.fields import SYNONYMS
from catalog.content.load import load_project
from catalog.content.schemas import ARTIST_SCHEMA
from catalog.errors import CatalogError
from catalog.source.schema import ListOf
from tests.support.cli import run
from tests.support.projects import artist_data, make_project, write_image

runner = CliRunner()
ARTIST = Path("content/artists/anna-test/artist.yaml")


@pytest.fixture
def gallery(tmp_path: Path) -> Path:
    """A project whose artist.yaml is written by hand, with comments, and a few photos not yet in it."""
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=1)})
    (project / ARTIST).write_text(
        "# Anna Test: the facts.\nname: Anna Test   # as printed\n\n# The works, in order.\nworks:\n"
        "  - image: images/work-1.jpg\n    title: Work 1   # keep\n    year: 2020\n\n# the end\n", encoding="utf-8")
    for name in ("dune.jpg", "river.png", "salt.tif"):
        write_image(project / ARTIST.parent / "images" / name, (200, 150))
    return project


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_rows_become_works_after_the_existing_ones_keeping_comments(gallery: Path, tmp_path: Path) -> None:
    table = write_csv(tmp_path / "works.csv",
                      "Title,Year,Technique,Size,Edition,File,Location,Collection\n"
                      'Dune,2019,Pigment print,"60 × 40 cm",Edition of 5,dune.jpg,1200,"Private: Almaty"\n'
                      "River,2018–2019,,,,images/river.png,900,\n")
    code, output = run("import", str(table), "--artist", "anna-test", "-C", str(gallery))
    assert code == 0, output
    assert "Added 2 work(s)" in output
    assert "not imported: column 'Location' (column 7)" in output
    text = (gallery / ARTIST).read_text(encoding="utf-8")
    assert text.startswith("# Anna Test: the facts.\nname: Anna Test   # as printed\n\n# The works, in order.\n")
    assert "    title: Work 1   # keep\n" in text and text.endswith("# the end\n")
    works = yaml.safe_load(text)["works"]
    assert works[1:] == [
        {"image": "images/dune.jpg", "title": "Dune", "year": 2019, "medium": "Pigment print",
         "dimensions": "60 × 40 cm", "edition": "Edition of 5", "collection": "Private: Almaty"},
        {"image": "images/river.png", "title": "River", "year": "2018–2019"},
    ]
    assert not [p for p in check(gallery).findings if p.severity == "error"]


def test_unusable_rows_and_values_are_reported_with_row_number_and_reason(gallery: Path, tmp_path: Path) -> None:
    """A row without a title, or naming a photo that is not there, is skipped; a value that cannot be used is left
    out and the row imported; a row without a photo is a work listed without a plate. Each is said with its row."""
    table = write_csv(tmp_path / "works.csv",
                      "title,year,image\n"
                      ",2019,dune.jpg\n"             # 2: no title
                      "Dune,spring,dune.jpg\n"       # 3: imported without its date
                      "Dnue,2019,dnue.jpg\n"         # 4: unknown image, with a suggestion
                      ",,\n"                          # 5: blank, ignored
                      "Salt,2019.0,salt\n"            # 6: fine (spreadsheet number, suffix left out)
                      "Again,2019,salt.tif\n"         # 7: the photo of row 6 again
                      "Work 1,2020,work-1.jpg\n"      # 8: a work already filled in: left as it is
                      "Nothing,2020,\n")              # 9: no photo: listed without a plate
    result = import_works(table, gallery, "anna-test")
    assert result.added == ("Dune", "Salt", "Nothing")
    reasons = {skip.row: skip.reason for skip in result.skipped}
    assert sorted(reasons) == [2, 4, 7]
    assert reasons[2] == "no title; write the work's title in its title column"
    assert "unknown image file 'dnue.jpg'" in reasons[4] and "did you mean 'dune.jpg'?" in reasons[4]
    assert reasons[7] == "images/salt.tif is also the image of row 6; give each row its own photo"
    assert [(value.row, value.reason) for value in result.left_out] == [
        (3, "date 'spring' names no year (write e.g. 2019, c. 1968, 1968–72 or n.d.); imported without it")]
    assert result.kept == 1 and result.imageless == (9,) and not result.complete
    assert yaml.safe_load((gallery / ARTIST).read_text())["works"][1:] == [
        {"image": "images/dune.jpg", "title": "Dune"}, {"image": "images/salt.tif", "title": "Salt", "year": 2019},
        {"title": "Nothing", "year": 2020}]
    assert not [p for p in check(gallery).findings if p.severity == "error"]

    before = (gallery / ARTIST).read_text()
    code, output = run("import", str(table), "--artist", "anna-test", "-C", str(gallery))
    assert code == 3, output  # imported (every work is there already), but rows were skipped
    assert (gallery / ARTIST).read_text() == before
    assert "row 2 skipped: no title" in output and "row 3: date 'spring' names no year" in output
    assert "row 7 skipped: it matches works[3] 'Salt' (images/salt.tif), as row 6 does" in output
    assert "4 row(s) match works already filled in: left as they are" in output


def test_semicolons_bom_and_header_synonyms(gallery: Path, tmp_path: Path) -> None:
    """Excel in much of Europe and Central Asia saves 'CSV UTF-8' with a BOM and semicolons."""
    table = write_csv(tmp_path / "works.csv",
                      "NAME ; Date ; Dimensions ; Photo File ; Credit Line ; Full Bleed\n"
                      "Дала кеші, 2;2017-05-01;30 × 40 cm;dune.jpg;Courtesy: the artist;yes\n", "utf-8-sig")
    result = import_works(table, gallery, "anna-test")
    assert result.added == ("Дала кеші, 2",) and not result.skipped and not result.unused_columns
    work = yaml.safe_load((gallery / ARTIST).read_text(encoding="utf-8"))["works"][-1]
    assert work == {"image": "images/dune.jpg", "title": "Дала кеші, 2", "year": 2017,
                    "dimensions": "30 × 40 cm", "credit": "Courtesy: the artist", "bleed": True}


def test_works_key_is_created_when_absent(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=0)})
    (project / ARTIST).write_text("name: Anna Test  # no works yet", encoding="utf-8")
    write_image(project / ARTIST.parent / "images" / "dune.jpg")
    table = write_csv(tmp_path / "w.csv", "title,image\nDune,dune.jpg\n")
    import_works(table, project, "anna-test")
    text = (project / ARTIST).read_text(encoding="utf-8")
    assert text.startswith("name: Anna Test  # no works yet\n")
    assert yaml.safe_load(text)["works"] == [{"image": "images/dune.jpg", "title": "Dune"}]
    assert not [p for p in check(project).findings if p.severity == "error"]


@pytest.mark.parametrize(("before", "after"), [
    ("name: A\nworks: []  # none yet\n", "name: A\nworks:  # none yet\n  - image: x\n"),
    ("name: A\nworks:\n- image: a\n  title: A\nborn: {}\n",
     "name: A\nworks:\n- image: a\n  title: A\n- image: x\nborn: {}\n"),
    ("works:\n  # - image: example\nname: A\n", "works:\n  - image: x\n  # - image: example\nname: A\n"),
])
def test_append_works_follows_the_list_style(before: str, after: str) -> None:
    assert append_works(before, ["  - image: x\n"], Path("artist.yaml")) == after


def test_flow_style_works_are_refused(gallery: Path, tmp_path: Path) -> None:
    (gallery / ARTIST).write_text("name: Anna Test\nworks: [{image: images/work-1.jpg, title: W}]\n")
    table = write_csv(tmp_path / "w.csv", "title,image\nDune,dune.jpg\n")
    code, output = run("import", str(table), "--artist", "anna-test", "-C", str(gallery))
    assert code == 2 and "'works' is written on one line" in output


def test_missing_columns_unknown_artist_and_bad_encoding_are_clear_errors(gallery: Path, tmp_path: Path) -> None:
    before = (gallery / ARTIST).read_text()
    no_title = write_csv(tmp_path / "a.csv", "Year,Image\n2019,dune.jpg\n")
    code, output = run("import", str(no_title), "--artist", "anna-test", "-C", str(gallery))
    assert code == 2 and "a.csv:1: no 'title' column among: Year, Image" in output
    code, output = run("import", str(no_title), "--artist", "ana-test", "-C", str(gallery))
    assert code == 2 and "no artist 'ana-test'" in output and "did you mean 'anna-test'?" in output
    latin1 = write_csv(tmp_path / "b.csv", "title,image\nCafé,dune.jpg\n", "latin-1")
    code, output = run("import", str(latin1), "--artist", "anna-test", "-C", str(gallery))
    assert code == 2 and "b.csv:2: the file is not UTF-8 text" in output and "CSV UTF-8" in output
    code, output = run("import", str(tmp_path / "none.csv"), "--artist", "anna-test", "-C", str(gallery))
    assert code == 2 and "none.csv: cannot read the file" in output
    assert "Traceback" not in output
    assert (gallery / ARTIST).read_text() == before


def test_header_mapping_reports_unknown_and_repeated_columns_once() -> None:
    columns, unused = map_columns(["Title", "Location", "", "Name", "image_file", "Medium"])
    assert columns == {"title": 0, "image": 4, "medium": 5}
    assert unused == ["'Location' (column 2)", "'Name' (column 4), a second 'title' column"]


def test_an_image_path_leaving_the_artist_folder_is_refused(gallery: Path, tmp_path: Path) -> None:
    table = write_csv(tmp_path / "w.csv", "title,image\nEscape,../../../catalog.yaml\n")
    result = import_works(table, gallery, "anna-test")
    assert not result.added and "outside the artist's folder" in result.skipped[0].reason


def test_import_errors_are_catalog_errors(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    empty = write_csv(tmp_path / "e.csv", "")
    with pytest.raises(CatalogError, match="the file is empty"):
        import_works(empty, project, "anna-test")


def test_every_works_field_the_schema_knows_has_a_column() -> None:
    works = ARTIST_SCHEMA.fields["works"].type.item  # type: ignore[attr-defined]
    # A list of views is not one cell of a spreadsheet; every other field has a column.
    assert set(SYNONYMS) == {name for name, field in works.fields.items() if not isinstance(field.type, ListOf)}


# --- issue 19: nothing lost, nothing silent, nothing hangs ---

# The CLI in a child process whose address space is capped: a command that reads a huge file (or an endless
# device) whole fails there with a MemoryError instead of taking the machine's memory.
CAPPED_CLI = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30)); "
              "sys.argv[0] = 'catalog'; from catalog.cli.app import main; main()")


def run_cli_processes(*commands: list[str], timeout: float = 20) -> list[tuple[int, str]]:
    """Each command run as `catalog ...` in its own capped process, all at once (each start costs a second);
    one that hangs is killed and fails the test instead of blocking the suite."""
    processes = [subprocess.Popen([sys.executable, "-c", CAPPED_CLI, *command], stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True) for command in commands]
    results = []
    try:
        for process in processes:
            output, _ = process.communicate(timeout=timeout)
            results.append((process.returncode, output))
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
    return results


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs a FIFO and /dev/zero")
def test_a_fifo_a_device_or_a_huge_file_is_refused_without_reading_it(gallery: Path, tmp_path: Path) -> None:
    """A FIFO would hang the read, /dev/zero never ends and a sparse 8 GB file is 8 GB of reading: each is one
    line naming the file and exit 2, at once. Only the first MAX_CSV_BYTES + 1 bytes of a regular file are read."""
    before = (gallery / ARTIST).read_text()
    fifo = tmp_path / "works.csv"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:
        handle.write(b"title,image\n")
        handle.truncate(8 << 30)
    common = ["--artist", "anna-test", "-C", str(gallery)]
    (fifo_code, fifo_out), (zero_code, zero_out), (huge_code, huge_out) = run_cli_processes(
        ["import", str(fifo), *common], ["import", "/dev/zero", *common], ["import", str(huge), *common])
    assert fifo_code == 2 and "works.csv: cannot read the file: it is a named pipe (FIFO), not a file" in fifo_out
    assert zero_code == 2 and "/dev/zero: cannot read the file: it is a device, not a file" in zero_out
    assert huge_code == 2 and "huge.csv: the file is larger than 20 MB" in huge_out
    for output in (fifo_out, zero_out, huge_out):
        assert "Traceback" not in output and len(output.strip().splitlines()) == 1, output
    assert (gallery / ARTIST).read_text() == before


def test_a_folder_a_missing_file_or_dev_null_is_one_line_and_exit_2(gallery: Path, tmp_path: Path) -> None:
    (tmp_path / "folder.csv").mkdir()
    for path, message in ((tmp_path / "folder.csv", "folder.csv: cannot read the file: it is a folder, not a file"),
                          (tmp_path / "none.csv", "none.csv: cannot read the file: No such file or directory"),
                          (Path(os.devnull), "null: cannot read the file: it is a device, not a file")):
        result = runner.invoke(app, ["import", str(path), "--artist", "anna-test", "-C", str(gallery)])
        assert result.exit_code == 2 and not isinstance(result.exception, Exception), result.output  # no traceback
        assert result.stdout == "" and message in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_a_link_to_a_regular_csv_is_read(gallery: Path, tmp_path: Path) -> None:
    table = write_csv(tmp_path / "works.csv", "title,image\nDune,dune.jpg\n")
    (tmp_path / "link.csv").symlink_to(table)
    assert import_works(tmp_path / "link.csv", gallery, "anna-test").added == ("Dune",)


def test_the_size_limit_is_exact(gallery: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheet, "MAX_CSV_BYTES", 40)
    fits = write_csv(tmp_path / "fits.csv", "title,image\nDune,dune.jpg\n".ljust(40))
    assert import_works(fits, gallery, "anna-test").added == ("Dune",)
    over = write_csv(tmp_path / "over.csv", "title,image\nRiver,river.png\n".ljust(41))
    with pytest.raises(CatalogError, match=r"over\.csv: the file is larger than 40 bytes"):
        import_works(over, gallery, "anna-test")


def test_imported_text_is_cleaned_or_skipped_so_the_build_reads_it(gallery: Path, tmp_path: Path) -> None:
    """Whatever import writes loads with the project's own loader: control characters the loader refuses are
    taken out of the text (and said so), a row whose text cannot be cleaned safely or whose image the build would
    refuse is skipped with the reason, and years are written so YAML reads them back as written."""
    images = gallery / ARTIST.parent / "images"
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the catalog")
    (images / "outside.jpg").symlink_to(secret)
    for name in ("old.jpg", "far.jpg", "dash.jpg", "bell.jpg"):
        write_image(images / name, (60, 40))
    table = write_csv(tmp_path / "works.csv",
                      "title,year,image,medium,dimensions\n"
                      "Du\x00ne,2019,du\x00ne.jpg,Pigment\x07 print,60\x1b × 40 cm\n"  # 2: cleaned
                      "Old,0777,old.jpg,,\n"                                       # 3: read back as 0777, not 511
                      "Far,3000,far.jpg,,\n"                                       # 4: read back as text
                      "Dash 2018\x962019,2019,dash.jpg,,\n"                        # 5: U+0096: a lost en dash
                      "Secret,2019,outside.jpg,,\n"                                # 6: a link out of the project
                      "Bell,2019,bell.jpg,\x7f,\n"                                 # 7: DEL alone: no medium
                      f"Long,2019,{'x' * 300}.jpg,,\n")                           # 8: too long to look for
    result = import_works(table, gallery, "anna-test")
    assert result.added == ("Dune", "Old", "Far", "Bell")
    reasons = {skip.row: skip.reason for skip in result.skipped}
    assert sorted(reasons) == [5, 6, 8]
    assert "U+0096" in reasons[5] and "title" in reasons[5] and "CSV UTF-8" in reasons[5]
    assert "path leaves the project folder: images/outside.jpg" in reasons[6]
    assert reasons[8].startswith("unknown image file 'xxx")
    assert [(c.row, c.detail) for c in result.cleaned] == [
        (2, "removed U+0000 from 'title', U+0000 from 'image', U+0007 from 'medium', U+001B from 'dimensions'"),
        (7, "removed U+007F from 'medium'")]
    works = load_project(gallery).catalog.artists[0].works
    assert [(w.title, w.year, w.medium, w.dimensions) for w in works[1:]] == [
        ("Dune", "2019", "Pigment print", "60\u00a0×\u00a040\u00a0cm"), ("Old", "0777", None, None),
        ("Far", "3000", None, None),
        ("Bell", "2019", None, None)]
    assert not [p for p in check(gallery).findings if p.severity == "error"]


def test_skip_reasons_and_column_notes_show_control_characters_escaped(gallery: Path, tmp_path: Path) -> None:
    (gallery / ARTIST.parent / "images" / "two\nlines.jpg").write_bytes(b"")
    table = write_csv(tmp_path / "w.csv", "Ti\x00tle,image,\x1b[31mred\n"  # the NUL does not hide the title column
                                          "Two,\"two\nlines.jpg\",\n")
    code, output = run("import", str(table), "--artist", "anna-test", "-C", str(gallery))
    assert code == 2 and "no 'title' column" not in output
    assert "not imported: column '\\u001b[31mred' (column 3)" in output
    # the cell's line break is a space; the photo it then spells has a name the build refuses, and says so
    assert "row 2 skipped: the build would refuse it: path contains the character U+000A: " \
           "images/two\\u000alines.jpg" in output
    assert "\x1b" not in output and "two\nlines" not in output
