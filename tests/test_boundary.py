"""The project boundary: nothing a project's files name can reach outside the project folder, and no
file can make the loader run code, expand without end or read without limit.

Every case goes through `catalog check` (exit status 2, the exact message with file and line, no
traceback) and, for content, through a real build. The loaders' own tests (test_content.py,
test_yamlsrc.py, test_press.py) check the same rules one function at a time; this file is the one place
that shows them holding for every kind of path a project can name.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from catalog.builder import BuildOptions, build
from catalog.cli.app import app
from catalog.content import load as content
from catalog.errors import CatalogError
from catalog.paths import resolve_inside
from catalog.resources import builtin_dir
from catalog.source import yamlfile as yamlsrc
from tests.support.projects import add_layout, artist_data, make_project, write_image, write_yaml

runner = CliRunner()
OPTIONS = BuildOptions(press="screen", cache=False, jobs=1)
ARTIST = Path("content/artists/anna-test/artist.yaml")
needs_links = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="needs symbolic links")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A one-artist project in tmp_path/project, the current folder (so messages show relative paths),
    with files outside it in tmp_path/outside."""
    root = make_project(tmp_path / "project", {"anna-test": artist_data("Anna Test", works=1)},
                        image_size=(96, 64))
    outside = tmp_path / "outside"
    write_image(outside / "outside.jpg")
    (outside / "outside.md").write_text("Secret text.\n", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def check(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["check", *args])
    output = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    assert "Traceback" not in output
    return result.exit_code, output


def refused(project: Path, line: str) -> None:
    """`catalog check` stops with exactly this error line, and a build writes nothing."""
    code, output = check(str(project))
    assert code == 2, output
    assert f"error: {line}\n" in output, output
    with pytest.raises(CatalogError):
        build(project, OPTIONS)
    assert not (project / "build").exists()


def line_of(path: Path, needle: str) -> int:
    return next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text)


# --- paths named in content files --------------------------------------------------------------

# (what names the path, the file it is written in, how to write it there)
FIELDS = {
    "work image": ("image", ARTIST, lambda data, value: data["works"][0].update(image=value)),
    "portrait": ("image", ARTIST, lambda data, value: data.update(portrait=value)),
    "bio": ("md", ARTIST, lambda data, value: data.update(bio=value)),
    "statement": ("md", ARTIST, lambda data, value: data.update(statement=value)),
    "cover": ("image", Path("catalog.yaml"), lambda data, value: data.update(cover={"image": value})),
    "essay": ("md", Path("catalog.yaml"), lambda data, value: data.update(texts=[{"title": "T", "file": value}])),
}
SUFFIX = {"image": "jpg", "md": "md"}


def name_path(project: Path, field: str, value: str) -> tuple[Path, int]:
    """Write `value` into the field; the file it is in, and its line."""
    _, file, put = FIELDS[field]
    data = yaml.safe_load((project / file).read_text(encoding="utf-8"))
    put(data, value)
    write_yaml(project / file, data)
    return file, line_of(project / file, value)


def folder_of(file: Path) -> str:
    """How a path written in `file` gets from that file's folder to the project folder."""
    return "../../../" if file == ARTIST else ""


@pytest.mark.parametrize("field", FIELDS)
def test_absolute_path_refused(project: Path, field: str) -> None:
    kind, file, _ = FIELDS[field]
    inside = project / "content/artists/anna-test/images/work-1.jpg"
    if kind == "md":
        inside = project / "inside.md"
        inside.write_text("Text.\n", encoding="utf-8")
    file, line = name_path(project, field, str(inside))  # even a file inside may not be named absolutely
    refused(project, f"{file}:{line}: absolute path not allowed: {inside}; give the path relative to the "
                     "file's folder, e.g. images/plate.jpg")


@pytest.mark.parametrize("field", FIELDS)
def test_dot_dot_leaving_the_project_refused(project: Path, field: str) -> None:
    kind, file, _ = FIELDS[field]
    value = f"{folder_of(file)}../outside/outside.{SUFFIX[kind]}"
    file, line = name_path(project, field, value)
    refused(project, f"{file}:{line}: path leaves the project folder: {value}; copy the file into the project "
                     "and name it from there")


@pytest.mark.parametrize("field", FIELDS)
def test_dot_dot_that_stays_inside_is_fine(project: Path, field: str) -> None:
    kind, file, _ = FIELDS[field]
    target = "content/artists/anna-test/images/work-1.jpg" if kind == "image" else "inside.md"
    (project / "inside.md").write_text("Text inside the project.\n", encoding="utf-8")
    name_path(project, field, f"{folder_of(file)}content/../{target}")
    code, output = check(str(project))
    assert code == 0, output


@needs_links
@pytest.mark.parametrize("field", FIELDS)
def test_file_link_pointing_outside_refused(project: Path, field: str) -> None:
    kind, file, _ = FIELDS[field]
    link = project / file.parent / f"link.{SUFFIX[kind]}"
    link.symlink_to(project.parent / "outside" / f"outside.{SUFFIX[kind]}")
    file, line = name_path(project, field, link.name)
    refused(project, f"{file}:{line}: path leaves the project folder: {link.name}; copy the file into the "
                     "project and name it from there")


@needs_links
@pytest.mark.parametrize("field", FIELDS)
def test_folder_link_pointing_outside_refused(project: Path, field: str) -> None:
    kind, file, _ = FIELDS[field]
    (project / file.parent / "shared").symlink_to(project.parent / "outside", target_is_directory=True)
    value = f"shared/outside.{SUFFIX[kind]}"
    file, line = name_path(project, field, value)
    refused(project, f"{file}:{line}: path leaves the project folder: {value}; copy the file into the project "
                     "and name it from there")


@needs_links
@pytest.mark.parametrize("field", FIELDS)
def test_link_that_stays_inside_is_fine(project: Path, field: str) -> None:
    kind, file, _ = FIELDS[field]
    target = project / ("content/artists/anna-test/images/work-1.jpg" if kind == "image" else "inside.md")
    (project / "inside.md").write_text("Text inside the project.\n", encoding="utf-8")
    (project / file.parent / f"link.{SUFFIX[kind]}").symlink_to(target)
    (project / file.parent / "shared").symlink_to(target.parent, target_is_directory=True)
    name_path(project, field, f"link.{SUFFIX[kind]}")
    assert check(str(project))[0] == 0
    name_path(project, field, f"shared/{target.name}")
    assert check(str(project))[0] == 0
    assert build(project, OPTIONS).pages > 0


@needs_links
def test_link_loop_refused(project: Path) -> None:
    images = project / "content/artists/anna-test/images"
    (images / "loop.jpg").symlink_to(images / "loop.jpg")
    file, line = name_path(project, "work image", "images/loop.jpg")
    refused(project, f"{file}:{line}: cannot use path images/loop.jpg: its symbolic links form a loop; replace "
                     "the link with the file itself")


@needs_links
def test_link_loop_no_work_names_is_left_alone(project: Path) -> None:
    images = project / "content/artists/anna-test/images"
    (images / "loop.jpg").symlink_to(images / "loop.jpg")
    code, output = check(str(project))
    assert code == 0, output


@pytest.mark.parametrize(("value", "message"), [
    ("images/work\\x00.jpg", "'works[1].image' contains the character U+0000, which cannot be printed; delete it "
     "(such characters often come with text pasted from another program)"),
    ("images/\\e[31mwork.jpg", "'works[1].image' contains the character U+001B, which cannot be printed; delete it "
     "(such characters often come with text pasted from another program)"),
    ("images/" + "w" * 300 + ".jpg", "path is too long: images/" + "w" * 50 + "...; use names of at most 255 bytes "
     "and paths of at most 1024 characters"),
])
def test_unusable_path_refused(project: Path, value: str, message: str) -> None:
    path = project / ARTIST
    path.write_text(path.read_text(encoding="utf-8").replace("image: images/work-1.jpg", f'image: "{value}"'),
                    encoding="utf-8")
    refused(project, f"{ARTIST}:{line_of(path, 'image:')}: {message}")


@pytest.mark.parametrize(("value", "message"), [
    ("images/a\x00.jpg", "path contains the character U+0000: images/a\\u0000.jpg"),
    ("images/a\n.jpg", "path contains the character U+000A: images/a\\u000a.jpg"),
    ("a/" * 600 + "b.jpg", "path is too long: " + "a/" * 28 + "a..."),
])
def test_resolve_inside_refuses_what_no_file_system_takes(tmp_path: Path, value: str, message: str) -> None:
    """Behind the schema, which refuses such text first: no ValueError or OSError from the file system."""
    resolved, problem = resolve_inside(tmp_path, tmp_path, value)
    assert resolved is None and problem is not None
    assert problem.message == message


def test_a_folder_or_device_is_not_a_file(project: Path) -> None:
    (project / "content/artists/anna-test/notes.md").mkdir()
    file, line = name_path(project, "bio", "notes.md")
    refused(project, f"{file}:{line}: not a file: notes.md; name a Markdown (.md) file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_never_opened(project: Path) -> None:
    """Reading a pipe would wait for ever: it is refused without being opened."""
    os.mkfifo(project / "content/artists/anna-test/bio.md")
    file, line = name_path(project, "bio", "bio.md")
    refused(project, f"{file}:{line}: not a file: bio.md; name a Markdown (.md) file")


# --- YAML that tries to do more than describe values ---------------------------------------------

@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system", "!!python/object/new:os.system",
                                 "!!python/name:os.system", "!!python/module:os"])
@pytest.mark.parametrize("file", ["catalog.yaml", str(ARTIST)])
def test_python_tags_are_refused_and_never_run(project: Path, tmp_path: Path, tag: str, file: str) -> None:
    marker = tmp_path / "pwned"
    path = project / file
    path.write_text(path.read_text(encoding="utf-8") + f"x: {tag} ['touch {marker}']\n", encoding="utf-8")
    line = line_of(path, "x: !!python")
    refused(project, f"{file}:{line}: the YAML tag {tag} is not allowed: project files hold plain values only; "
                     "remove the tag, and quote the value if it is text")
    assert not marker.exists()


@pytest.mark.parametrize(("tag", "shown"), [("!custom", "!custom"),
                                           ("!<tag:example.com,2000:app/x>", "tag:example.com,2000:app/x")])
def test_unknown_tags_are_refused(project: Path, tag: str, shown: str) -> None:
    path = project / ARTIST
    path.write_text(path.read_text(encoding="utf-8") + f"x: {tag} value\n", encoding="utf-8")
    refused(project, f"{ARTIST}:{line_of(path, 'x: !')}: the YAML tag {shown} is not allowed: project files hold "
                     "plain values only; remove the tag, and quote the value if it is text")


def test_loader_is_safe() -> None:
    """Whatever the file says, it is read by a SafeLoader: plain data, no Python objects."""
    assert issubclass(yamlsrc._Loader, yaml.SafeLoader)
    assert not any("python" in tag for tag in yamlsrc._Loader.yaml_constructors if tag)
    assert not any("python" in tag for tag in yamlsrc._Loader.yaml_multi_constructors if tag)


def test_python_tag_in_a_project_layout_is_refused(project: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    (project / "layouts").mkdir()
    (project / "layouts/mine.yaml").write_text(
        f"base: classic\ndescription: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    code, output = check(str(project), "--layout", "mine")
    assert code == 2
    assert ("error: layouts/mine.yaml:2: the YAML tag !!python/object/apply:os.system is not allowed: project "
            "files hold plain values only; remove the tag, and quote the value if it is text\n") in output
    assert not marker.exists()


def _laughs(levels: int = 9, fanout: int = 10) -> str:
    lines = ['lol0: &lol0 "lol"']
    lines += [f"lol{n}: &lol{n} [{', '.join([f'*lol{n - 1}'] * fanout)}]" for n in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def test_billion_laughs_refused(project: Path) -> None:
    (project / ARTIST).write_text("name: Anna\n" + _laughs(), encoding="utf-8")  # 10**9 strings once expanded
    refused(project, f"{ARTIST}: the document expands to too many values (aliases that repeat aliases?); "
                     "write the values out instead of nesting anchors and aliases")


@pytest.mark.parametrize(("text", "line"), [
    ("name: " + "[" * 5000 + "]" * 5000 + "\n", 1),
    ("name: Anna\nworks:\n" + "".join("  " * n + "- \n" for n in range(200)), 2 + yamlsrc.MAX_DEPTH),
])
def test_deep_nesting_refused(project: Path, text: str, line: int) -> None:
    (project / ARTIST).write_text(text, encoding="utf-8")
    refused(project, f"{ARTIST}:{line}: values are nested more than {yamlsrc.MAX_DEPTH} levels deep; look for "
                     "unclosed brackets, or write the values out flat")


def test_alias_loop_through_a_merge_refused(project: Path) -> None:
    (project / ARTIST).write_text("name: Anna\nborn: &b\n  <<: *b\n", encoding="utf-8")
    refused(project, f"{ARTIST}:2: a '<<' merge refers to the mapping that contains it; remove the '<<' or "
                     "point it elsewhere")


# --- sizes -----------------------------------------------------------------------------------------

def test_content_yaml_over_the_size_limit_refused(project: Path) -> None:
    path = project / ARTIST
    path.write_text("name: Anna\nbio: " + "x" * yamlsrc.MAX_BYTES + "\n", encoding="utf-8")
    size = path.stat().st_size // 1024
    refused(project, f"{ARTIST}: the file is {size} KB, more than the {yamlsrc.MAX_BYTES // 1024} KB a content "
                     "file may be; split it or remove pasted binary data")


def test_bio_file_over_the_size_limit_refused(project: Path) -> None:
    bio = project / "content/artists/anna-test/bio.md"
    bio.write_text("A long biography. " * (content.MAX_TEXT_BYTES // 10), encoding="utf-8")
    name_path(project, "bio", "bio.md")
    size = bio.stat().st_size // 1024
    refused(project, f"content/artists/anna-test/bio.md: the file is {size} KB, more than the "
                     f"{content.MAX_TEXT_BYTES // 1024} KB a text file may be; split it or remove pasted binary data")


def test_bio_file_just_under_the_limit_loads(project: Path) -> None:
    bio = project / "content/artists/anna-test/bio.md"
    bio.write_bytes(b"word " * (content.MAX_TEXT_BYTES // 5))
    name_path(project, "bio", "bio.md")
    assert len(content.load_project(project).catalog.artists[0].bio.plain) == content.MAX_TEXT_BYTES - 1


# --- layouts and fonts -------------------------------------------------------------------------------

FONTS = builtin_dir("fonts")


def font_layout(project: Path, font: str) -> None:
    add_layout(project, "house", f"base: classic\nfonts:\n  caption:\n    regular: {font}\n")


@pytest.mark.parametrize(("font", "message"), [
    ("{outside}/Out.ttf", "absolute path not allowed: {outside}/Out.ttf"),
    ("../../outside/Out.ttf", "path leaves the project folder: ../../outside/Out.ttf"),
    ("../../../../../../../../../../{outside}/Out.ttf", "path leaves the project folder: "
     "../../../../../../../../../../{outside}/Out.ttf"),
])
def test_font_named_outside_the_project_refused(project: Path, font: str, message: str) -> None:
    assert FONTS is not None
    outside = project.parent / "outside"
    shutil.copy(FONTS / "PTSans-Regular.ttf", outside / "Out.ttf")
    font_layout(project, font.format(outside=str(outside).lstrip("/") if font.startswith("..") else outside))
    shown = message.format(outside=str(outside).lstrip("/") if font.startswith("..") else outside)
    code, output = check(str(project), "--layout", "house")
    assert code == 2, output
    assert (f"error: layouts/house.yaml:4: {shown}; name a .ttf file in the project's fonts/ folder, "
            "e.g. House-Regular.ttf\n") in output


@needs_links
@pytest.mark.parametrize("link", ["file", "folder"])
def test_font_link_pointing_outside_refused(project: Path, link: str) -> None:
    assert FONTS is not None
    shutil.copy(FONTS / "PTSans-Regular.ttf", project.parent / "outside" / "Out.ttf")
    if link == "file":
        (project / "fonts").mkdir()
        (project / "fonts" / "Out.ttf").symlink_to(project.parent / "outside" / "Out.ttf")
    else:  # the whole fonts/ folder
        (project / "fonts").symlink_to(project.parent / "outside", target_is_directory=True)
    font_layout(project, "Out.ttf")
    code, output = check(str(project), "--layout", "house")
    assert code == 2, output
    assert ("error: layouts/house.yaml:4: path leaves the project folder: Out.ttf; name a .ttf file in the "
            "project's fonts/ folder, e.g. House-Regular.ttf\n") in output


@needs_links
def test_font_link_inside_the_project_is_fine(project: Path) -> None:
    assert FONTS is not None
    (project / "type").mkdir()
    shutil.copy(FONTS / "PTSans-Regular.ttf", project / "type" / "House-Regular.ttf")
    (project / "fonts").mkdir()
    (project / "fonts" / "House-Regular.ttf").symlink_to(project / "type" / "House-Regular.ttf")
    font_layout(project, "House-Regular.ttf")
    assert check(str(project), "--layout", "house")[0] == 0


@needs_links
@pytest.mark.parametrize("how", ["option", "catalog"])
def test_layout_file_linking_outside_refused(project: Path, how: str) -> None:
    outside = project.parent / "outside" / "layout.yaml"
    outside.write_text("base: classic\n", encoding="utf-8")
    (project / "layouts").mkdir()
    (project / "layouts" / "evil.yaml").symlink_to(outside)
    if how == "catalog":
        catalog = (project / "catalog.yaml").read_text(encoding="utf-8")
        (project / "catalog.yaml").write_text(catalog.replace("layout: classic", "layout: evil"), encoding="utf-8")
    code, output = check(str(project), *(["--layout", "evil"] if how == "option" else []))
    assert code == 2, output
    assert ("error: layouts/evil.yaml: the layout file links outside the project folder; copy the layout into "
            "the project's layouts/ folder instead of linking it\n") in output


@needs_links
def test_base_layout_linking_outside_refused(project: Path) -> None:
    outside = project.parent / "outside" / "layout.yaml"
    outside.write_text("base: classic\n", encoding="utf-8")
    (project / "layouts").mkdir()
    (project / "layouts" / "evil.yaml").symlink_to(outside)
    add_layout(project, "mine", "base: evil\n")
    code, output = check(str(project), "--layout", "mine")
    assert code == 2, output
    assert "error: layouts/evil.yaml: the layout file links outside the project folder" in output


@pytest.mark.parametrize("name", ["../../outside/layout", "/etc/passwd", "..", "classic/../../x"])
def test_layout_and_press_are_names_not_paths(project: Path, name: str) -> None:
    code, output = check(str(project), "--layout", name)
    assert code == 2 and f"error: unknown layout '{name}'" in output, output
    code, output = check(str(project), "--press", name)
    assert code == 2 and f"error: unknown press profile '{name}'" in output, output


def test_layout_path_in_catalog_yaml_refused(project: Path) -> None:
    catalog = project / "catalog.yaml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("layout: classic", "layout: ../x"),
                       encoding="utf-8")
    code, output = check(str(project))
    assert code == 2
    assert f"error: catalog.yaml:{line_of(catalog, 'layout:')}: 'layout' has an unexpected form: '../x'" in output


@needs_links
def test_press_file_linking_outside_refused(project: Path) -> None:
    outside = project.parent / "outside" / "press.yaml"
    outside.write_text("base: screen\n", encoding="utf-8")
    (project / "presses").mkdir()
    (project / "presses" / "evil.yaml").symlink_to(outside)
    code, output = check(str(project), "--press", "evil")
    assert code == 2, output
    assert "presses/evil.yaml: the press profile file links outside the project folder" in output


# --- one pass over the content: what is left unused -----------------------------------------------

def test_check_warns_about_an_image_no_work_uses(project: Path) -> None:
    write_image(project / "content/artists/anna-test/images/spare.jpg")
    line = line_of(project / ARTIST, "works:")
    code, output = check(str(project))
    assert code == 0, output
    assert (f"warning: {ARTIST}:{line}: image spare.jpg is not used by any work; add a work with "
            "'image: images/spare.jpg' or remove the file\n") in output


def test_image_used_as_the_cover_or_by_another_artist_is_used(tmp_path: Path) -> None:
    artists = {"anna-test": artist_data("Anna Test", works=1), "boris-test": artist_data("Boris Test", works=1)}
    root = make_project(tmp_path / "p", artists, catalog={
        "cover": {"image": "content/artists/anna-test/images/cover.jpg"}}, image_size=(96, 64))
    write_image(root / "content/artists/anna-test/images/cover.jpg")
    write_image(root / "content/artists/anna-test/images/lent.jpg")
    boris = artist_data("Boris Test", works=1)
    boris["works"][0]["image"] = "../anna-test/images/lent.jpg"
    write_yaml(root / "content/artists/boris-test/artist.yaml", boris)
    (root / "content/artists/boris-test/images/work-1.jpg").unlink()
    assert content.load_project(root).warnings == ()


def test_long_title_makes_a_short_file_name(project: Path) -> None:
    catalog = project / "catalog.yaml"
    title = " ".join(["Steppe"] * 60)
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("title: Test Catalog", f"title: {title}"),
                       encoding="utf-8")
    result = build(project, OPTIONS)
    assert len(result.pdf.stem) <= 80
    assert result.pdf.parent == project.resolve() / "build"


@pytest.mark.skipif(os.name == "nt", reason="needs byte file names")
def test_file_name_that_is_not_utf8_is_shown_not_lost(project: Path) -> None:
    images = os.fsencode(project / "content/artists/anna-test/images")
    try:
        Path(os.fsdecode(os.path.join(images, b"spare\xff.jpg"))).write_bytes(b"")
    except OSError:
        pytest.skip("the file system takes UTF-8 names only")
    (warning,) = content.load_project(project).warnings
    assert warning.format().encode("utf-8")  # no lone surrogate to stop the output
    assert "image spare\\udcff.jpg is not used by any work" in warning.format()
