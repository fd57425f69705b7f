"""catalog init and catalog new artist: commented files that build at once, never overwriting anything."""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import unicodedata
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from catalog.authoring import artist as new_artist_module
from catalog.authoring.artist import EXIF_NOTE, new_artist
from catalog.authoring.init import init_project
from catalog.authoring.photos import Photo, exif_year, title_from_file
from catalog.authoring.templates import shown_name
from catalog.authoring.yamledit import add_to_list
from catalog.builder import BuildOptions, build, check
from catalog.content.load import load_project
from catalog.content.schemas import ARTIST_SCHEMA, CATALOG_SCHEMA
from catalog.errors import CatalogError, Problem
from catalog.source.schema import ListOf, Record
from tests.support.cli import run
from tests.support.projects import deadline, make_project, write_image


def photo(path: Path, original: str | None = None, plain: str | None = None,
          size: tuple[int, int] = (300, 200)) -> Path:
    """A photo with EXIF DateTimeOriginal (in the Exif IFD) and/or DateTime (in IFD0), as cameras write them."""
    write_image(path, size)
    if original or plain:
        exif = Image.Exif()
        if original:
            exif.get_ifd(0x8769)[36867] = original
        if plain:
            exif[306] = plain
        with Image.open(path) as image:
            image.load()
            image.save(path, exif=exif)
    return path


def field_names(record: Record, prefix: str = "") -> list[str]:
    """Every key a schema knows, nested ones too (works.medium)."""
    names = []
    for name, spec in record.fields.items():
        names.append(prefix + name)
        inner = spec.type.item if isinstance(spec.type, ListOf) else spec.type
        if isinstance(inner, Record):
            names.extend(field_names(inner, prefix + name + "."))
    return names


def explained(text: str, dotted: str) -> bool:
    """The key is in the file, set or commented out, with a comment on its line or just above it."""
    key = dotted.rsplit(".", 1)[-1]
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if re.match(rf"\s*(#\s*)?(-\s+)?{key}:", line):
            own = line.lstrip().lstrip("#").strip()
            if " # " in own or (number and lines[number - 1].lstrip().startswith("#")):
                return True
    return False


# --- init ---


def test_init_writes_a_commented_project_that_builds_without_errors(tmp_path: Path) -> None:
    target = tmp_path / "new"
    code, output = run("init", str(target), "--title", "Дала: Steppe")
    assert code == 0, output
    assert "catalog build" in output
    catalog = (target / "catalog.yaml").read_text(encoding="utf-8")
    artist = (target / "content/artists/sample-artist/artist.yaml").read_text(encoding="utf-8")
    assert catalog.splitlines()[0] == "# yaml-language-server: $schema=schemas/catalog.schema.json"
    assert artist.splitlines()[0] == "# yaml-language-server: $schema=../../../schemas/artist.schema.json"
    assert yaml.safe_load(catalog)["title"] == "Дала: Steppe"
    for name in field_names(CATALOG_SCHEMA):
        assert explained(catalog, name), name
    for name in field_names(ARTIST_SCHEMA):
        assert explained(artist, name), name
    for kind in ("layouts", "fonts", "presses"):
        assert "built-in" in (target / kind / "README.md").read_text(encoding="utf-8")
    assert "classic, zine, pocket, mini, riso" in (target / "layouts/README.md").read_text(encoding="utf-8")
    assert (target / ".gitignore").read_text().split("\n")[1:3] == ["build/", ".catalog-cache/"]
    readme = (target / "README.md").read_text(encoding="utf-8")
    assert "catalog build" in readme and "catalog new artist" in readme and "catalog import" in readme

    result = build(target, BuildOptions(cache=False, jobs=1))
    assert result.errors == () and result.warnings == (), [p.format() for p in result.findings]
    assert result.plates == 2 and result.pdf.name == "dala-steppe.pdf"


def test_init_defaults_to_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = run("init")
    assert code == 0, output
    assert (tmp_path / "catalog.yaml").is_file() and (tmp_path / "layouts").is_dir()


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("mine\n")
    (tmp_path / "catalog.yaml").write_text("title: Mine\n")
    code, output = run("init", str(tmp_path))
    assert code == 2
    assert "README.md: already exists" in output and "catalog.yaml: already exists" in output
    assert "Traceback" not in output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md", "catalog.yaml"]
    assert (tmp_path / "README.md").read_text() == "mine\n"


def test_init_refuses_when_a_file_stands_where_a_folder_goes(tmp_path: Path) -> None:
    (tmp_path / "content").write_text("not a folder")
    with pytest.raises(CatalogError) as caught:
        init_project(tmp_path)
    assert any(p.file == tmp_path / "content" for p in caught.value.problems)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


# --- new artist ---


def test_new_artist_without_images_is_commented_and_listed(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    (project / "catalog.yaml").write_text("# my catalog\ntitle: Test  # the title\nartists: [anna-test, boris-test]"
                                          "   # order\nyear: 2026\n", encoding="utf-8")
    code, output = run("new", "artist", "Қайрат Оспанов", "-C", str(project))
    assert code == 0, output
    folder = project / "content/artists/kairat-ospanov"
    assert (folder / "images").is_dir()
    text = (folder / "artist.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text)["name"] == "Қайрат Оспанов"
    for name in field_names(ARTIST_SCHEMA):
        assert explained(text, name), name
    assert (project / "catalog.yaml").read_text(encoding="utf-8") == (
        "# my catalog\ntitle: Test  # the title\nartists: [anna-test, boris-test, kairat-ospanov]   # order\n"
        "year: 2026\n")
    findings = check(project).findings
    assert not [p for p in findings if p.severity == "error"]
    assert any("no works" in p.message and "kairat-ospanov" in str(p.file) for p in findings)


def test_new_artist_refuses_an_existing_folder(project: Path) -> None:
    before = (project / "catalog.yaml").read_text()
    code, output = run("new", "artist", "Anna Test", "--project", str(project))
    assert code == 2
    assert "content/artists/anna-test: this artist folder already exists" in output
    assert (project / "catalog.yaml").read_text() == before


def test_new_artist_outside_a_project(tmp_path: Path) -> None:
    code, output = run("new", "artist", "Anna", "-C", str(tmp_path))
    assert code == 2 and "no catalog.yaml" in output and "catalog init" in output
    assert list(tmp_path.iterdir()) == []


def test_new_artist_refuses_a_catalog_without_an_artists_key_and_writes_nothing(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    (project / "catalog.yaml").write_text("title: Test\n", encoding="utf-8")
    code, output = run("new", "artist", "Dana", "-C", str(project))
    assert code == 2
    assert "catalog.yaml: no 'artists:' list found" in output
    assert not (project / "content/artists/dana").exists()


def test_new_artist_refuses_a_folder_without_photos(project: Path, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("x")
    code, output = run("new", "artist", "Dana", "-C", str(project), "--images", str(tmp_path / "empty"))
    assert code == 2 and "no photographs in" in output
    assert not (project / "content/artists/dana").exists()


def test_new_artist_hint_lists_the_image_suffixes_the_build_takes(project: Path, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(CatalogError) as caught:
        new_artist(project, "Dana", tmp_path / "empty")
    assert caught.value.problems[0].hint == "the folder should hold .jpg, .jpeg, .png, .tif, .tiff or .webp files"


def test_new_artist_takes_a_webp_photo_as_the_build_does(project: Path, tmp_path: Path) -> None:
    photo(tmp_path / "photos" / "dawn.webp")
    made = new_artist(project, "Dana", tmp_path / "photos")
    assert made.works == 1 and not made.skipped
    work = load_project(project).catalog.artists[-1].works[0]
    assert work.image.name == "dawn.webp" and work.title == "Dawn"


def test_new_artist_folder_is_the_slug_the_loader_suggests(project: Path) -> None:
    assert new_artist(project, "Юлия Ёлкина").slug == "yuliya-yolkina"


def test_the_loader_reports_the_blanks_it_read(project: Path, tmp_path: Path) -> None:
    photo(tmp_path / "photos" / "one.jpg")
    photo(tmp_path / "photos" / "two.jpg")
    new_artist(project, "Dana", tmp_path / "photos")
    path = (project / "content/artists/dana/artist.yaml").resolve()
    lines = path.read_text(encoding="utf-8").splitlines()
    blanks = load_project(project).blanks
    assert [(b.field, b.origin.key) for b in blanks] == [("medium", "works[1]"), ("dimensions", "works[1]"),
                                                         ("medium", "works[2]"), ("dimensions", "works[2]")]
    for blank in blanks:
        assert blank.origin.file == path
        assert lines[blank.origin.line - 1].strip().startswith(f"{blank.field}: TODO")


def test_new_artist_with_images_drafts_works_and_preflight_reports_the_blanks(project: Path, tmp_path: Path) -> None:
    photos = tmp_path / "photos"
    photo(photos / "steppe_evening-02.jpg", original="2019:06:01 10:00:00", plain="2021:01:01 00:00:00")
    photo(photos / "b-dawn.png", plain="2017:03:04 05:06:07")
    photo(photos / "a_night.tif")
    (photos / "notes.txt").write_text("not a photo")
    (photos / ".DS_Store.jpg").write_bytes(b"")

    made = new_artist(project, "Әлия Ғабит", photos)
    assert made.slug == "aliya-gabit" and made.works == 3 and made.catalog_changed
    folder = project / "content/artists/aliya-gabit"
    assert sorted(p.name for p in (folder / "images").iterdir()) == ["a_night.tif", "b-dawn.png",
                                                                    "steppe_evening-02.jpg"]
    data = yaml.safe_load((folder / "artist.yaml").read_text(encoding="utf-8"))
    # The photos' EXIF dates are offered commented out, never taken for the work's: a scan's date is the scan's.
    assert [(w["image"], w["title"], w.get("year")) for w in data["works"]] == [
        ("images/a_night.tif", "A night", None),
        ("images/b-dawn.png", "B dawn", None),
        ("images/steppe_evening-02.jpg", "Steppe evening 02", None),
    ]
    offered = re.findall(r"\n    # year: (\d{4}) +# (.*)", (folder / "artist.yaml").read_text(encoding="utf-8"))
    assert offered == [("2017", EXIF_NOTE), ("2019", EXIF_NOTE)]
    assert all(w["medium"] == "TODO" and w["dimensions"] == "TODO" for w in data["works"])
    assert yaml.safe_load((project / "catalog.yaml").read_text())["artists"] == ["anna-test", "boris-test",
                                                                                 "aliya-gabit"]

    lines = (folder / "artist.yaml").read_text(encoding="utf-8").splitlines()
    unfilled = [p for p in check(project).findings if p.code == "unfilled"]
    assert len(unfilled) == 6 and all(p.severity == "warning" for p in unfilled)
    for problem in unfilled:
        assert problem.file == folder / "artist.yaml"
        assert re.match(r"\s*(medium|dimensions): TODO", lines[problem.line - 1]), problem.format()
    assert "works[1]: 'medium' is not filled in yet" in unfilled[0].format()


def test_blanks_in_a_field_given_per_language_are_reported_by_language(project: Path, tmp_path: Path) -> None:
    photo(tmp_path / "photos" / "one.jpg")
    new_artist(project, "Dana", tmp_path / "photos")
    path = project / "content/artists/dana/artist.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("medium: TODO", "medium: {en: Pigment print, ru: TODO}"),
                    encoding="utf-8")
    unfilled = [p for p in check(project).findings if p.code == "unfilled"]
    assert [p.message for p in unfilled] == ["'medium.ru' is not filled in yet (TODO)",
                                             "'dimensions' is not filled in yet (TODO)"]


def test_filled_in_blanks_are_no_longer_reported(project: Path, tmp_path: Path) -> None:
    photo(tmp_path / "photos" / "one.jpg")
    new_artist(project, "Dana", tmp_path / "photos")
    path = project / "content/artists/dana/artist.yaml"
    path.write_text(path.read_text().replace("medium: TODO", "medium: Gelatin silver print")
                    .replace("dimensions: TODO", "dimensions: 30 × 40 cm"))
    assert not [p for p in check(project).findings if p.code == "unfilled"]


def test_init_new_artist_build_end_to_end(tmp_path: Path) -> None:
    """The whole authoring path an editor takes, down to the captions in the PDF."""
    target = tmp_path / "book"
    photos = tmp_path / "shoot"
    photo(photos / "steppe_evening-02.jpg", original="2019:06:01 10:00:00", size=(900, 600))
    photo(photos / "winter_road.jpg", size=(600, 900))
    assert run("init", str(target))[0] == 0
    code, output = run("new", "artist", "Әлия Ғабит", "--images", str(photos), "-C", str(target))
    assert code == 0, output
    assert "aliya-gabit" in output and "2 work(s)" in output

    result = build(target, BuildOptions(cache=False, jobs=1))
    assert result.errors == (), [p.format() for p in result.errors]
    assert sum(1 for p in result.findings if p.code == "unfilled") == 4
    text = "\n".join(page.extract_text() for page in PdfReader(result.pdf).pages)
    assert "Әлия Ғабит" in text
    assert "Steppe evening 02" in text and "Winter road" in text
    assert "Sample Artist" in text

    # The proof shows every page, and the editor's files validate against the schemas init wrote.
    code, output = run("proof", str(target), "--no-cache", "-j", "1")
    assert code == 0, output
    index = next(target.glob("build/proof*/index.html")).read_text(encoding="utf-8")
    pages = len(PdfReader(result.pdf).pages)
    assert sorted(set(int(n) for n in re.findall(r"page-(\d{3})\.png", index))) == list(range(1, pages + 1))
    checklist = next(target.glob("build/proof*/captions.csv")).read_text(encoding="utf-8")
    assert "Steppe evening 02" in checklist and "Winter road" in checklist
    for document, kind in ((target / "catalog.yaml", "catalog"),
                           (target / "content/artists/aliya-gabit/artist.yaml", "artist")):
        schema = json.loads((target / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert document.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
        jsonschema.validate(yaml.safe_load(document.read_text(encoding="utf-8")), schema)


# --- pieces ---


@pytest.mark.parametrize(("name", "title"), [
    ("steppe_evening-02.jpg", "Steppe evening 02"),
    ("IMG_0042.JPG", "IMG 0042"),
    ("дала  кеші.tif", "Дала кеші"),
    ("__x__.png", "X"),
])
def test_titles_from_file_names(name: str, title: str) -> None:
    assert title_from_file(name) == title


def test_exif_year_prefers_date_time_original(tmp_path: Path) -> None:
    assert exif_year(photo(tmp_path / "a.jpg", original="2019:06:01 10:00:00", plain="2021:01:01 00:00:00")) == "2019"
    assert exif_year(photo(tmp_path / "b.jpg", plain="2021:01:01 00:00:00")) == "2021"
    assert exif_year(photo(tmp_path / "c.jpg")) is None
    assert exif_year(photo(tmp_path / "d.jpg", original="0000:00:00 00:00:00")) is None
    (tmp_path / "broken.jpg").write_bytes(b"not a jpeg")
    assert exif_year(tmp_path / "broken.jpg") is None


CATALOG_PATH = Path("/nowhere/catalog.yaml")


@pytest.mark.parametrize(("before", "after"), [
    ("title: T\nartists: [a, b]  # the order\ncover: {}\n", "title: T\nartists: [a, b, new]  # the order\ncover: {}\n"),
    ("artists: []\n", "artists: [new]\n"),
    ("artists: [a,\n  b  # last\n]\n", "artists: [a,\n  b, new  # last\n]\n"),
    ("artists: [a,\n  b,  # last\n]\n", "artists: [a,\n  b, new  # last\n]\n"),
    ("# top\nartists:   # in order\n  - a\n  # b is out\n  - c   # late\n\n# cover\ncover: {}\n",
     "# top\nartists:   # in order\n  - a\n  # b is out\n  - c   # late\n  - new\n\n# cover\ncover: {}\n"),
    ("artists:\n- a\n- b\ntitle: T", "artists:\n- a\n- b\n- new\ntitle: T"),
    ("artists: [a, new]\n", "artists: [a, new]\n"),
])
def test_adding_to_the_artists_list_keeps_style_and_comments(before: str, after: str) -> None:
    assert add_to_list(before, "artists", "new", CATALOG_PATH) == after


def test_a_slug_yaml_would_misread_is_quoted() -> None:
    assert add_to_list("artists:\n  - a\n", "artists", "no", CATALOG_PATH) == "artists:\n  - a\n  - 'no'\n"
    assert add_to_list("artists: [a]\n", "artists", "on", CATALOG_PATH) == "artists: [a, 'on']\n"


def test_an_empty_artists_key_keeps_meaning_every_folder(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    text = "title: T\nartists:\nyear: 2026\n"
    assert add_to_list(text, "artists", "new", project / "catalog.yaml") == (
        "title: T\nartists:\n  - anna-test\n  - boris-test\n  - new\nyear: 2026\n")
    assert add_to_list("artists: []\n", "artists", "new", project / "catalog.yaml") == "artists: [new]\n"


@pytest.mark.parametrize(("text", "message"), [
    ("title: T\n", "no 'artists:' list found"),
    ("artists: anna\n", "'artists' is not a list"),
    ("artists: [a\n", "not valid YAML"),
    ('"artists": [a]\n', "not written at the start of a line"),
])
def test_lists_that_cannot_be_edited_are_refused_clearly(text: str, message: str) -> None:
    with pytest.raises(CatalogError) as caught:
        add_to_list(text, "artists", "new", CATALOG_PATH)
    assert message in caught.value.problems[0].message


SLUG = st.from_regex(r"[a-z]{1,6}(-[a-z0-9]{1,4})?", fullmatch=True)
SLUGS = st.lists(SLUG.filter(lambda s: yaml.safe_load(s) == s), max_size=5, unique=True)
COMMENTS = st.sampled_from(["", "  # note", "   # a: b, [c]"])


@given(SLUGS, SLUG, COMMENTS, st.booleans(), st.sampled_from(["", "  ", "    "]))
def test_any_artists_list_gets_exactly_one_more_item(slugs: list[str], new: str, comment: str, flow: bool,
                                                     indent: str) -> None:
    """Even a new slug YAML would read as true or false ('no', 'on') comes back as the text."""
    if new in slugs:
        return
    if flow:
        body = f"artists: [{', '.join(slugs)}]{comment}\n"
    elif slugs:
        body = f"artists:{comment}\n" + "".join(f"{indent}- {s}{comment}\n" for s in slugs)
    else:
        body = f"artists: []{comment}\n"
    text = f"# head\ntitle: T{comment}\n{body}# tail\ncover:\n  image: x.jpg\n"
    updated = add_to_list(text, "artists", new, CATALOG_PATH)
    assert yaml.safe_load(updated) == {**yaml.safe_load(text), "artists": [*slugs, new]}
    kept = [line for line in text.splitlines() if line.lstrip().startswith("#") or "title" in line]
    assert all(line in updated.splitlines() for line in kept)


# --- issue 19: nothing lost, nothing silent, nothing hangs ---

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo") or not hasattr(signal, "SIGALRM"),
                                reason="needs FIFOs and SIGALRM")


def skip_reasons(skipped: tuple[Problem, ...] | list[Problem]) -> dict[str, str]:
    """{file name as shown: message} for the photos left out."""
    return {p.message.split("'")[1]: p.message for p in skipped}


@needs_fifo
def test_new_artist_copies_only_images_and_says_what_it_left_out(project: Path, tmp_path: Path) -> None:
    """A link named like a photo to a private file, a FIFO, a device, a folder, a text file: none is copied
    (the FIFO and the device never opened); a link to a real photo is followed and copied as a file."""
    photos = tmp_path / "photos"
    photo(photos / "real.jpg")
    kept = photo(tmp_path / "elsewhere" / "kept.jpg", size=(240, 160))
    (photos / "linked.jpg").symlink_to(kept)
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    (photos / "x.jpg").symlink_to(secret)
    (photos / "fake.jpg").write_text("not a photo")
    (photos / "empty.png").write_bytes(b"")
    os.mkfifo(photos / "pipe.jpg")
    (photos / "pipe-link.tif").symlink_to(photos / "pipe.jpg")
    (photos / "folder.tiff").mkdir()
    (photos / "dangling.jpeg").symlink_to(tmp_path / "nowhere.jpg")
    if Path("/dev/zero").exists():
        (photos / "zero.jpg").symlink_to("/dev/zero")

    with deadline(20):
        made = new_artist(project, "Dana", photos)
    images = project / "content/artists/dana/images"
    assert made.works == 2 and sorted(p.name for p in images.iterdir()) == ["linked.jpg", "real.jpg"]
    assert not (images / "linked.jpg").is_symlink() and (images / "linked.jpg").read_bytes() == kept.read_bytes()
    reasons = skip_reasons(made.skipped)
    assert set(reasons) == {"x.jpg", "fake.jpg", "empty.png", "pipe.jpg", "pipe-link.tif", "folder.tiff",
                            "dangling.jpeg"} | ({"zero.jpg"} if Path("/dev/zero").exists() else set())
    for name in ("x.jpg", "fake.jpg", "empty.png"):
        assert reasons[name] == f"'{name}' not copied: it is not an image (no JPEG, PNG, TIFF or WebP inside)"
    assert reasons["pipe.jpg"].endswith("it is a named pipe (FIFO), not a file")
    assert reasons["pipe-link.tif"].endswith("it is a named pipe (FIFO), not a file")
    assert reasons["folder.tiff"].endswith("it is a folder, not a file")
    assert "cannot be read (No such file or directory)" in reasons["dangling.jpeg"]
    if Path("/dev/zero").exists():
        assert reasons["zero.jpg"].endswith("it is a device, not a file")
    assert all(p.file == photos and p.severity == "warning" for p in made.skipped)
    assert [w.image.name for w in load_project(project).catalog.artists[-1].works] == ["linked.jpg", "real.jpg"]


def test_new_artist_with_nothing_usable_says_why_and_writes_nothing(project: Path, tmp_path: Path) -> None:
    before = (project / "catalog.yaml").read_text()
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "x.jpg").symlink_to(secret)
    code, output = run("new", "artist", "Dana", "-C", str(project), "--images", str(tmp_path / "photos"))
    assert code == 2, output
    assert "no photographs in" in output and "can be used" in output
    assert "photos: 'x.jpg' not copied: it is not an image (no JPEG, PNG, TIFF or WebP inside)" in output
    assert not (project / "content/artists/dana").exists() and (project / "catalog.yaml").read_text() == before


def test_new_artist_leaves_out_names_the_build_refuses_and_the_project_loads(project: Path, tmp_path: Path) -> None:
    """File names go into artist.yaml as image paths: one the loader's path rules refuse (a newline, a tab, a
    control character, bytes that are not UTF-8) is left out with the reason; a name in decomposed Unicode (as
    macOS writes it) is copied under its composed name, which is the one the loader looks for."""
    photos = tmp_path / "photos"
    refused = {"new\nline.jpg": "U+000A", "tab\there.jpg": "U+0009", "bell\x07.jpg": "U+0007"}
    for name in refused:
        photo(photos / name)
    decomposed = unicodedata.normalize("NFD", "Әлия й.jpg")
    photo(photos / decomposed)
    photo(photos / " .jpg")  # no title to draft from it
    photo(photos / "line\u2028separator.jpg")
    if sys.platform == "linux":  # other systems refuse to create such a name
        write_image(Path(os.fsdecode(bytes(photos) + b"/latin-\xe9.jpg")))
        refused["latin-\\udce9.jpg"] = "U+DCE9"

    made = new_artist(project, "Dana", photos)
    composed = unicodedata.normalize("NFC", decomposed)
    works = load_project(project).catalog.artists[-1].works
    assert sorted((w.image.name, w.title) for w in works) == [
        (" .jpg", "TODO"), ("line\u2028separator.jpg", "Line separator"), (composed, "Әлия й")]
    assert not [p for p in check(project).findings if p.severity == "error"]
    images = project / "content/artists/dana/images"
    assert sorted(p.name for p in images.iterdir()) == sorted([composed, " .jpg", "line\u2028separator.jpg"])
    reasons = skip_reasons(made.skipped)
    assert sorted(reasons) == sorted(shown_name(name) for name in refused)
    for name, character in refused.items():
        assert f"the build would refuse its entry: path contains the character {character}" in reasons[shown_name(name)]


def test_names_and_titles_from_the_command_line_are_checked_and_taken_literally(tmp_path: Path) -> None:
    """A control character typed with $'...' would make files the loader refuses: refused, nothing written.
    Braces are text: a title or name holding {{year}} or {{works}} is written as it is, not filled in."""
    code, output = run("init", str(tmp_path / "bell"), "--title", "Show\x07")
    assert code == 2 and "the title 'Show\\u0007' contains the character U+0007, which cannot be printed" in output
    assert not (tmp_path / "bell").exists()

    target = tmp_path / "book"
    code, output = run("init", str(target), "--title", "{{year}} {{works}}")
    assert code == 0, output
    assert load_project(target).catalog.title == "{{year}} {{works}}"

    before = (target / "catalog.yaml").read_text()
    code, output = run("new", "artist", "Ann\x1ba", "-C", str(target))
    assert code == 2 and "contains the character U+001B" in output and "Traceback" not in output
    assert (target / "catalog.yaml").read_text() == before and not (target / "content/artists/anna").exists()

    code, output = run("new", "artist", "{{works}} Kim", "-C", str(target))
    assert code == 0, output
    assert [a.name for a in load_project(target).catalog.artists] == ["Sample Artist", "{{works}} Kim"]


@needs_fifo
def test_a_photo_swapped_for_a_fifo_after_the_check_is_not_read(project: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The copy opens the file again and checks it again: what replaced the photo meanwhile is not copied (and a
    FIFO does not hang the copy); the half-made artist folder is removed."""
    photos = tmp_path / "photos"
    photo(photos / "a.jpg")
    photo(photos / "b.jpg")
    before = (project / "catalog.yaml").read_text()
    checked = new_artist_module.find_photos

    def swap_after_check(folder: Path) -> tuple[list[Photo], list[Problem]]:
        found = checked(folder)
        (photos / "b.jpg").unlink()
        os.mkfifo(photos / "b.jpg")
        return found

    monkeypatch.setattr(new_artist_module, "find_photos", swap_after_check)
    with deadline(20), pytest.raises(CatalogError, match=r"b\.jpg: not copied: it is a named pipe \(FIFO\), not a "
                                                          "file; nothing was written"):
        new_artist(project, "Dana", photos)
    assert not (project / "content/artists/dana").exists() and (project / "catalog.yaml").read_text() == before


def test_init_on_a_disk_that_fills_takes_back_what_it_wrote(tmp_path: Path) -> None:
    """The file-size limit fails the first large write (EFBIG, as a full disk fails it with ENOSPC)."""
    import resource
    import signal
    import subprocess
    import sys

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    target = tmp_path / "new" / "project"
    done = subprocess.run([sys.executable, "-m", "catalog", "init", str(target)], capture_output=True, text=True,
                          timeout=60, preexec_fn=small_disk)
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("error: ") and "File too large" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "new").exists()  # every folder it made went too
    existing = tmp_path / "mine"
    existing.mkdir()
    (existing / "notes.txt").write_text("keep", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "catalog", "init", str(existing)], capture_output=True, text=True,
                          timeout=60, preexec_fn=small_disk)
    assert done.returncode == 1
    assert [p.name for p in existing.iterdir()] == ["notes.txt"]
