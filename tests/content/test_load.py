"""load_project on small projects: what loads, and every problem with its file, line and fix."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from catalog.content.load import load_project
from catalog.errors import ContentError, Problem
from catalog.model import Origin
from tests.support.projects import artist_data, make_project, write_image, write_yaml


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """1-based line of the `occurrence`-th line of `path` containing `needle`."""
    hits = [n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text]
    assert len(hits) >= occurrence, f"{needle!r} not in {path}"
    return hits[occurrence - 1]


def artist_file(root: Path, slug: str) -> Path:
    return root.resolve() / "content" / "artists" / slug / "artist.yaml"


def errors_of(root: Path) -> tuple[Problem, ...]:
    with pytest.raises(ContentError) as excinfo:
        load_project(root)
    return excinfo.value.problems


def only(problems: tuple[Problem, ...]) -> Problem:
    assert len(problems) == 1, [p.format() for p in problems]
    return problems[0]


def rewrite_catalog(root: Path, **changes: Any) -> Path:
    """catalog.yaml with keys changed; a value of None removes the key."""
    path = root / "catalog.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return write_yaml(path, data)


# --- a good project --------------------------------------------------------------------------

def test_good_project_loads(project: Path) -> None:
    loaded = load_project(project)
    catalog = loaded.catalog
    assert catalog.root == project.resolve()
    assert catalog.title == "Test Catalog"
    assert catalog.slug == "test-catalog"
    assert catalog.year == "2026"
    assert catalog.layout == "classic"
    assert [a.slug for a in catalog.artists] == ["anna-test", "boris-test"]
    anna, boris = catalog.artists
    assert anna.name == "Anna Test"
    assert anna.name_native == "Қайрат Әліұлы"
    assert anna.born.year == "1980"
    assert anna.born.place_native == "Алматы"
    assert [w.title for w in anna.works] == ["Work 1", "Work 2"]
    assert [w.title for w in boris.works] == ["Work 1", "Work 2", "Work 3"]
    assert anna.works[0].image == project.resolve() / "content/artists/anna-test/images/work-1.jpg"
    assert anna.works[1].year == "2021"
    assert [(e.year, e.kind) for e in anna.exhibitions] == [("2020", "group"), ("2022", "solo")]
    assert len(catalog.works) == 5
    assert loaded.warnings == ()


def test_work_origin_is_its_line(project: Path) -> None:
    anna = load_project(project).catalog.artists[0]
    path = artist_file(project, "anna-test")
    assert anna.works[1].origin.file == path
    assert anna.works[1].origin.line == line_of(path, "image: images/work-2.jpg")


def test_artists_in_the_listed_order(tmp_path: Path) -> None:
    artists = {"zhanna-z": artist_data("Zhanna Z", works=1), "aibek-a": artist_data("Aibek A", works=1),
               "marat-m": artist_data("Marat M", works=1)}
    root = make_project(tmp_path / "p", artists, catalog={"artists": ["marat-m", "zhanna-z", "aibek-a"]})
    assert [a.slug for a in load_project(root).catalog.artists] == ["marat-m", "zhanna-z", "aibek-a"]


def test_artists_alphabetical_without_a_list(tmp_path: Path) -> None:
    artists = {"zhanna-z": artist_data("Zhanna Z", works=1), "aibek-a": artist_data("Aibek A", works=1),
               "marat-m": artist_data("Marat M", works=1)}
    root = make_project(tmp_path / "p", artists)
    rewrite_catalog(root, artists=None)
    loaded = load_project(root)
    assert [a.slug for a in loaded.catalog.artists] == ["aibek-a", "marat-m", "zhanna-z"]
    assert loaded.warnings == ()  # nothing is left out, so nothing to warn about


def write_artist_text(root: Path, slug: str, data: dict[str, Any], tail: str) -> Path:
    """artist.yaml as YAML for `data` followed by hand-written `tail` (block scalars and the like)."""
    path = artist_file(root, slug)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + tail, encoding="utf-8")
    return path


def test_bio_inline_text(project: Path) -> None:
    data = artist_data("Anna Test")
    del data["bio"]
    path = write_artist_text(project, "anna-test", data,
                             "bio: |\n  Born in *Almaty*,\n  in 1980.\n\n  Lives in **Astana**.\n")
    bio = load_project(project).catalog.artists[0].bio
    assert bio is not None
    assert [p.text for p in bio.paragraphs] == ["Born in Almaty, in 1980.", "Lives in Astana."]
    assert [(s.text, s.italic) for s in bio.paragraphs[0].spans] == [
        ("Born in ", False), ("Almaty", True), (", in 1980.", False)]
    assert bio.paragraphs[1].spans[1].bold
    assert bio.paragraphs[0].origin == Origin(path, line_of(path, "Born in"))
    assert bio.paragraphs[1].origin == Origin(path, line_of(path, "Lives in"))


def test_bio_on_one_line(project: Path) -> None:
    path = write_yaml(artist_file(project, "anna-test"), artist_data("Anna Test", bio="Short *bio*."))
    bio = load_project(project).catalog.artists[0].bio
    assert bio is not None
    assert bio.plain == "Short bio."
    assert bio.paragraphs[0].origin == Origin(path, line_of(path, "bio: Short"))


def test_statement_in_folded_block_keeps_its_paragraphs(project: Path) -> None:
    data = artist_data("Anna Test")
    write_artist_text(project, "anna-test", data,
                      "statement: >-\n  First paragraph\n  goes on.\n\n  Second paragraph.\n")
    statement = load_project(project).catalog.artists[0].statement
    assert statement is not None
    assert [p.text for p in statement.paragraphs] == ["First paragraph goes on.", "Second paragraph."]


def test_bio_from_markdown_file_beside_artist_yaml(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=1, bio="bio.md")})
    folder = root / "content" / "artists" / "anna-test"
    (folder / "bio.md").write_text("# A heading\n\nFirst *para*.\n\nSecond\npara.\n",
                                   encoding="utf-8")
    bio = load_project(root).catalog.artists[0].bio
    assert bio is not None
    assert [(p.text, p.kind) for p in bio.paragraphs] == [
        ("A heading", "heading"), ("First para.", "paragraph"), ("Second para.", "paragraph")]
    assert bio.paragraphs[2].origin == Origin(folder.resolve() / "bio.md", 5)


def test_bio_file_missing(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=1, bio="bio.md")})
    path = artist_file(root, "anna-test")
    problem = only(errors_of(root))
    assert (problem.file, problem.line) == (path, line_of(path, "bio: bio.md"))
    assert problem.message == "text file not found: bio.md"


def test_texts_from_markdown_file(project: Path) -> None:
    (project / "content" / "texts").mkdir(parents=True)
    (project / "content" / "texts" / "foreword.md").write_text(
        "The *steppe* is wide.\n\nIt is also long.\n", encoding="utf-8")
    rewrite_catalog(project, texts=[
        {"title": "Foreword", "author": "A. Curator", "file": "content/texts/foreword.md"},
        {"title": "Note", "text": "Inline *note*."},
    ])
    catalog = load_project(project).catalog
    foreword, note = catalog.texts
    assert (foreword.title, foreword.author) == ("Foreword", "A. Curator")
    assert [p.text for p in foreword.body.paragraphs] == ["The steppe is wide.", "It is also long."]
    assert foreword.body.paragraphs[1].origin.line == 3
    assert foreword.body.paragraphs[1].origin.file == project.resolve() / "content/texts/foreword.md"
    assert note.body.plain == "Inline note."
    assert note.author is None


def test_text_with_file_and_text_is_refused(project: Path) -> None:
    (project / "a.md").write_text("x", encoding="utf-8")
    path = rewrite_catalog(project, texts=[{"title": "T", "file": "a.md", "text": "y"}])
    problem = only(errors_of(project))
    assert problem.message == "a text has both 'file' and 'text'"
    assert problem.line == line_of(path, "- title: T")


# --- errors: images and paths ----------------------------------------------------------------

def test_missing_image_names_the_works_image_line_and_a_near_file(project: Path) -> None:
    images = project / "content" / "artists" / "boris-test" / "images"
    (images / "work-2.jpg").rename(images / "work-2.jpeg")
    path = artist_file(project, "boris-test")
    problem = only(errors_of(project))
    assert problem.file == path
    assert problem.line == line_of(path, "image: images/work-2.jpg")
    assert problem.message == "image not found: images/work-2.jpg"
    assert problem.hint == "did you mean 'work-2.jpeg'?"


def test_missing_image_in_missing_folder(project: Path) -> None:
    data = artist_data("Anna Test", works=1)
    data["works"][0]["image"] = "pictures/one.jpg"
    path = write_yaml(artist_file(project, "anna-test"), data)
    problem = only(errors_of(project))
    assert problem.line == line_of(path, "image: pictures/one.jpg")
    assert problem.hint == "check the file name and folder"


def test_missing_image_after_an_invalid_work_has_its_own_line(project: Path) -> None:
    data = artist_data("Anna Test", works=2)
    del data["works"][0]["title"]
    path = write_yaml(artist_file(project, "anna-test"), data)
    (path.parent / "images" / "work-2.jpg").unlink()
    problems = errors_of(project)
    image = next(p for p in problems if p.message.startswith("image not found"))
    assert image.line == line_of(path, "image: images/work-2.jpg")


@pytest.mark.parametrize("value", ["../../../../outside.jpg", "images/../../../../../outside.jpg"])
def test_work_image_leaving_the_project(project: Path, value: str) -> None:
    write_image(project.parent / "outside.jpg")
    data = artist_data("Anna Test", works=1)
    data["works"][0]["image"] = value
    path = write_yaml(artist_file(project, "anna-test"), data)
    problem = only(errors_of(project))
    assert problem.file == path
    assert problem.line == line_of(path, f"image: {value}")
    assert problem.message == f"path leaves the project folder: {value}"


def test_cover_image_leaving_the_project(project: Path) -> None:
    write_image(project.parent / "x.jpg")
    path = rewrite_catalog(project, cover={"image": "../x.jpg"})
    problem = only(errors_of(project))
    assert problem.file == path.resolve()
    assert problem.line == line_of(path, "image: ../x.jpg")
    assert problem.message == "path leaves the project folder: ../x.jpg"


def test_cover_image_inside_the_project(project: Path) -> None:
    rewrite_catalog(project, cover={"image": "content/artists/anna-test/images/work-1.jpg"})
    catalog = load_project(project).catalog
    assert catalog.cover_image == project.resolve() / "content/artists/anna-test/images/work-1.jpg"


def test_absolute_path_refused(project: Path) -> None:
    absolute = project.resolve() / "content" / "artists" / "anna-test" / "images" / "work-1.jpg"
    assert absolute.is_file()  # even a file inside the project may not be named absolutely
    data = artist_data("Anna Test", works=1)
    data["works"][0]["image"] = str(absolute)
    path = write_yaml(artist_file(project, "anna-test"), data)
    problem = only(errors_of(project))
    assert problem.message == f"absolute path not allowed: {absolute}"
    assert problem.line == line_of(path, "image: /")
    assert "relative" in problem.hint


def test_windows_absolute_path_refused(project: Path) -> None:
    data = artist_data("Anna Test", works=1)
    data["works"][0]["image"] = "C:\\Users\\me\\plate.jpg"
    write_yaml(artist_file(project, "anna-test"), data)
    assert only(errors_of(project)).message.startswith("absolute path not allowed")


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="needs symlinks")
def test_symlink_pointing_outside_refused(project: Path) -> None:
    outside = write_image(project.parent / "secret.jpg")
    images = project / "content" / "artists" / "anna-test" / "images"
    (images / "work-1.jpg").unlink()
    (images / "work-1.jpg").symlink_to(outside)
    path = artist_file(project, "anna-test")
    problem = only(errors_of(project))
    assert problem.file == path
    assert problem.line == line_of(path, "image: images/work-1.jpg")
    assert problem.message == "path leaves the project folder: images/work-1.jpg"


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="needs symlinks")
def test_symlink_inside_the_project_is_fine(project: Path) -> None:
    images = project / "content" / "artists" / "anna-test" / "images"
    (images / "work-1.jpg").rename(images / "real.jpg")
    (images / "work-1.jpg").symlink_to(images / "real.jpg")
    anna = load_project(project).catalog.artists[0]
    assert anna.works[0].image == (images / "real.jpg").resolve()
    assert load_project(project).warnings == ()  # the file behind the link counts as used


# --- errors: artists -------------------------------------------------------------------------

def test_unknown_artist_slug_suggests_the_nearest(project: Path) -> None:
    path = rewrite_catalog(project, artists=["anna-test", "boris-tset"])
    problems = errors_of(project)
    problem = only(problems)
    assert problem.file == path.resolve()
    assert problem.line == line_of(path, "- boris-tset")
    assert problem.message == "no artist folder for 'boris-tset'"
    assert problem.hint == "did you mean 'boris-test'?"


def test_unknown_artist_slug_without_near_folder(project: Path) -> None:
    rewrite_catalog(project, artists=["anna-test", "boris-test", "zzzz"])
    problem = only(errors_of(project))
    assert problem.hint == "create content/artists/zzzz/artist.yaml or remove the line"


def test_unknown_slug_after_an_invalid_one_has_its_own_line(project: Path) -> None:
    path = rewrite_catalog(project, artists=["Not A Slug", "anna-tset"])
    problems = errors_of(project)
    unknown = next(p for p in problems if p.message.startswith("no artist folder"))
    assert unknown.line == line_of(path, "- anna-tset")


def test_duplicate_slug(project: Path) -> None:
    path = rewrite_catalog(project, artists=["anna-test", "boris-test", "anna-test"])
    problem = only(errors_of(project))
    assert problem.file == path.resolve()
    assert problem.line == line_of(path, "- anna-test", occurrence=2)
    assert problem.message == "artist 'anna-test' is listed twice"


def test_folder_name_that_is_not_a_slug(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"Anna Test": artist_data("Anna Test", works=1)})
    rewrite_catalog(root, artists=None)
    problem = only(errors_of(root))
    assert problem.message == "the folder name 'Anna Test' is not a usable slug"
    assert "'anna-test'" in problem.hint


def test_folder_name_hint_is_spelled_as_new_artist_spells_it(tmp_path: Path) -> None:
    """`catalog new artist "Юлия Ёлкина"` makes yuliya-yolkina: the loader suggests the same spelling."""
    root = make_project(tmp_path / "p", {"Юлия Ёлкина": artist_data("Юлия Ёлкина", works=1)})
    rewrite_catalog(root, artists=None)
    assert "e.g. 'yuliya-yolkina'" in only(errors_of(root)).hint


def test_folder_name_without_letters_gets_no_example(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"北京": artist_data("Bei Jing", works=1)})
    rewrite_catalog(root, artists=None)
    assert only(errors_of(root)).hint == "use lower-case letters, digits and hyphens"


@pytest.mark.parametrize(("title", "expected"), [("Юлия: Light of the Steppe", "yuliya-light-of-the-steppe"),
                                                 ("★ ☆", "catalog")])
def test_catalog_slug_from_the_title(project: Path, title: str, expected: str) -> None:
    rewrite_catalog(project, title=title)
    assert load_project(project).catalog.slug == expected


def test_unknown_key_in_artist_yaml(project: Path) -> None:
    path = write_yaml(artist_file(project, "anna-test"), artist_data("Anna Test", statment="Hello"))
    problem = only(errors_of(project))
    assert problem.file == path
    assert problem.line == line_of(path, "statment:")
    assert problem.message == "unknown key 'statment'"
    assert problem.hint == "did you mean 'statement'?"


def test_missing_name(project: Path) -> None:
    data = artist_data("Anna Test")
    del data["name"]
    path = write_yaml(artist_file(project, "anna-test"), data)
    problem = only(errors_of(project))
    assert problem.file == path
    assert problem.line == 1
    assert problem.message == "'name' is missing"
    assert problem.hint.startswith("add 'name:'")


def test_yaml_syntax_error_in_artist_file(project: Path) -> None:
    path = artist_file(project, "boris-test")
    path.write_text("name: Boris\nworks: [\n", encoding="utf-8")
    problem = only(errors_of(project))
    assert problem.file == path
    assert problem.message.startswith("YAML syntax error")


def test_no_artists_at_all(tmp_path: Path) -> None:
    root = tmp_path / "p"
    write_yaml(root / "catalog.yaml", {"title": "Empty"})
    problem = only(errors_of(root))
    assert problem.message == "the catalog has no artists"


def test_no_catalog_file(tmp_path: Path) -> None:
    problem = only(errors_of(tmp_path))
    assert problem.message.startswith("no catalog.yaml in")
    assert problem.file is None


# --- several problems at once ----------------------------------------------------------------

def test_problems_in_several_files_in_one_error_sorted_by_file(project: Path) -> None:
    catalog_path = rewrite_catalog(project, subtitel="typo")
    anna = artist_data("Anna Test")
    del anna["name"]
    anna_path = write_yaml(artist_file(project, "anna-test"), anna)
    boris_path = artist_file(project, "boris-test")
    (boris_path.parent / "images" / "work-3.jpg").unlink()
    problems = errors_of(project)
    assert [(p.file, p.line, p.message) for p in problems] == [
        (catalog_path.resolve(), line_of(catalog_path, "subtitel"), "unknown key 'subtitel'"),
        (anna_path, 1, "'name' is missing"),
        (boris_path, line_of(boris_path, "image: images/work-3.jpg"), "image not found: images/work-3.jpg"),
    ]


def test_several_problems_in_one_file_sorted_by_line(project: Path) -> None:
    data = artist_data("Anna Test", works=2)
    data["works"][1]["year"] = "someday"
    data["exhibitions"][1]["kind"] = "sollo"
    data["born"]["yaer"] = 1980
    path = write_yaml(artist_file(project, "anna-test"), data)
    problems = errors_of(project)
    lines = [p.line for p in problems]
    assert lines == sorted(lines)
    assert {p.line for p in problems} == {line_of(path, "yaer:"), line_of(path, "kind: sollo"),
                                          line_of(path, "year: someday")}
    kind = next(p for p in problems if "kind" in p.message)
    assert kind.hint == "did you mean 'solo'?"


def test_catalog_yaml_problems_are_reported_with_artist_problems(project: Path) -> None:
    rewrite_catalog(project, year="next year")
    data = artist_data("Anna Test")
    data["works"][0]["title"] = ""
    write_yaml(artist_file(project, "anna-test"), data)
    problems = errors_of(project)
    assert {p.file.name for p in problems if p.file} == {"catalog.yaml", "artist.yaml"}


# --- warnings --------------------------------------------------------------------------------

def test_warning_for_an_image_no_work_uses(project: Path) -> None:
    folder = project / "content" / "artists" / "anna-test"
    write_image(folder / "images" / "extra.png")
    (folder / "images" / "notes.txt").write_text("not an image", encoding="utf-8")
    loaded = load_project(project)
    warning = only(loaded.warnings)
    assert warning.severity == "warning"
    assert warning.file == artist_file(project, "anna-test")
    assert warning.line == line_of(warning.file, "works:")
    assert warning.message == "image extra.png is not used by any work"
    assert "images/extra.png" in warning.hint


def test_portrait_counts_as_used(project: Path) -> None:
    folder = project / "content" / "artists" / "anna-test"
    write_image(folder / "images" / "portrait.jpg")
    write_yaml(artist_file(project, "anna-test"), artist_data("Anna Test", portrait="images/portrait.jpg"))
    loaded = load_project(project)
    assert loaded.warnings == ()
    assert loaded.catalog.artists[0].portrait == (folder / "images" / "portrait.jpg").resolve()


def test_warning_for_an_artist_folder_not_listed(project: Path) -> None:
    path = rewrite_catalog(project, artists=["boris-test"])
    loaded = load_project(project)
    assert [a.slug for a in loaded.catalog.artists] == ["boris-test"]
    warning = only(loaded.warnings)
    assert warning.severity == "warning"
    assert warning.file == path.resolve()
    assert warning.line == line_of(path, "artists:")
    assert warning.message == "artist folder 'anna-test' is not listed under 'artists' and is left out"


def test_warning_for_an_artist_without_works(project: Path) -> None:
    path = write_yaml(artist_file(project, "anna-test"), artist_data("Anna Test", works=0))
    for image in (path.parent / "images").iterdir():
        image.unlink()
    warning = only(load_project(project).warnings)
    assert warning.message == "the artist has no works, so no plates"
    assert warning.file == path


def test_an_error_carries_errors_only(project: Path) -> None:
    write_image(project / "content" / "artists" / "anna-test" / "images" / "extra.jpg")  # a warning
    rewrite_catalog(project, artists=["anna-test", "nobody"])  # an error and a warning
    problem = only(errors_of(project))
    assert problem.severity == "error"
    assert problem.message == "no artist folder for 'nobody'"


def test_an_artist_folder_linked_from_outside_the_project_is_refused(tmp_path: Path) -> None:
    """It used to be printed, and left out of the manifest, which lists only the project's files."""
    project = make_project(tmp_path / "p")
    outside = make_project(tmp_path / "elsewhere", artists={"zed-out": artist_data("Zed Outside", works=0)})
    link = project / "content" / "artists" / "zed-out"
    link.symlink_to(outside / "content" / "artists" / "zed-out")
    catalog = project / "catalog.yaml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("- boris-test", "- boris-test\n- zed-out"),
                       encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_project(project)
    (problem,) = caught.value.problems
    assert problem.file == link and "is a link to" in problem.message and "outside the project" in problem.message
