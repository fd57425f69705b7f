"""The command line: exit codes, messages that name file and line, no tracebacks, nothing lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from catalog.builder import run as build_module
from tests.support.cli import run
from tests.support.projects import artist_data, make_project, write_yaml


def test_build_writes_the_pdf_and_a_summary(project: Path) -> None:
    out = project / "out" / "catalog.pdf"
    code, output = run("build", str(project), "--out", str(out))
    assert code == 0, output
    assert out.read_bytes().startswith(b"%PDF-")
    assert "Built" in output and "pages" in output and "plates" in output
    assert "catalog.pdf" in output


def test_default_output_is_build_slug_pdf(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    code, output = run("build", "--quiet")
    assert code == 0, output
    assert (project / "build" / "test-catalog.pdf").is_file()


def test_another_layout_gets_its_own_default_file(project: Path) -> None:
    code, output = run("build", str(project), "--layout", "zine", "--quiet")
    assert code == 0, output
    assert (project / "build" / "test-catalog-zine.pdf").is_file()


def test_yaml_syntax_error_names_file_and_line(project: Path) -> None:
    (project / "catalog.yaml").write_text("title: Test\nsubtitle: [unclosed\nyear: 2026\n", encoding="utf-8")
    code, output = run("build", str(project))
    assert code == 2
    assert "catalog.yaml:3: YAML syntax error" in output
    assert "Traceback" not in output


def test_missing_image_names_the_work_line(project: Path) -> None:
    artist = project / "content/artists/anna-test"
    (artist / "images/work-2.jpg").unlink()
    code, output = run("build", str(project))
    assert code == 2
    line = next(i for i, text in enumerate((artist / "artist.yaml").read_text().splitlines(), 1)
                if "work-2.jpg" in text)
    assert f"artist.yaml:{line}: image not found: images/work-2.jpg" in output
    assert "Traceback" not in output


def test_wrong_type_and_unknown_key_are_reported_together(project: Path) -> None:
    data = artist_data("Anna Test")
    data["works"][0]["year"] = "next spring"
    data["borm"] = {"year": 1980}
    write_yaml(project / "content/artists/anna-test/artist.yaml", data)
    code, output = run("build", str(project))
    assert code == 2
    assert "'works[1].year' should be a date" in output
    assert "unknown key 'borm'; did you mean 'born'?" in output
    assert "2 problems; nothing was written." in output


def test_unknown_layout_suggests_the_nearest(project: Path) -> None:
    code, output = run("build", str(project), "--layout", "zin")
    assert code == 2
    assert "unknown layout 'zin'; did you mean 'zine'?" in output


def test_missing_glyph_is_an_error_naming_character_font_and_file(tmp_path: Path) -> None:
    data = artist_data("Anna Test")
    data["works"][1]["title"] = "Snow ☃ Man"
    project = make_project(tmp_path / "p", {"anna-test": data})
    code, output = run("build", str(project))
    assert code == 2
    assert "the character '☃' (U+2603) is not in the font" in output
    assert "PTSans-Italic.ttf" in output
    assert "anna-test/artist.yaml:" in output


def test_not_a_project_folder(tmp_path: Path) -> None:
    code, output = run("build", str(tmp_path))
    assert code == 2
    assert "no catalog.yaml in" in output


def test_a_failed_build_keeps_the_previous_pdf(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = project / "build" / "keep.pdf"
    out.parent.mkdir()
    out.write_bytes(b"%PDF-1.4 yesterday's good file")

    def broken(plan, path, *args, **kwargs):
        Path(path).write_bytes(b"%PDF-1.4 half a file")
        raise OSError("disk full")

    monkeypatch.setattr(build_module, "render", broken)
    code, output = run("build", str(project), "--out", str(out))
    assert code == 1
    assert "disk full" in output
    assert out.read_bytes() == b"%PDF-1.4 yesterday's good file"
    assert [p.name for p in out.parent.iterdir()] == ["keep.pdf"]


def test_python_dash_m_catalog_works(project: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-m", "catalog", "build", str(project), "--out",
                           str(tmp_path / "m.pdf")], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "m.pdf").is_file()
    bad = subprocess.run([sys.executable, "-m", "catalog", "build", str(tmp_path / "nowhere")],
                         capture_output=True, text=True, env=env, check=False)
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr and "no catalog.yaml" in bad.stderr


def test_a_missing_glyph_in_an_essay_title_names_its_file_every_time(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", catalog={"texts": [{"title": "Snow ☃", "text": "Text."}]})
    code, output = run("build", str(project))
    assert code == 2
    errors = [line for line in output.splitlines() if line.startswith("error:")]
    assert errors and all("catalog.yaml:" in line for line in errors), output


# --- one line, printed as it is (issue 19, items 13 and 14) -----------------------------------------

@pytest.mark.parametrize("folder", ["Catalog [draft]", "proofs [/x]", "[bold]loud", "smile :smile:"])
def test_paths_that_look_like_markup_print_as_they_are(tmp_path: Path, folder: str) -> None:
    project = make_project(tmp_path / folder / "p", catalog={"press": "screen"})
    done = subprocess.run([sys.executable, "-m", "catalog", "build", str(project), "--jobs", "1"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert str(project / "build" / "test-catalog.pdf") in done.stdout.replace("\n", "")
    (project / "catalog.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "catalog", "build", str(project)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2 and f"{folder}/p/catalog.yaml:" in done.stderr, done.stderr


def test_a_right_to_left_override_in_a_file_name_is_shown_not_obeyed(project: Path) -> None:
    artist = project / "content/artists/anna-test/artist.yaml"
    artist.write_text(artist.read_text(encoding="utf-8").replace("images/work-2.jpg", "images/x\u202egpj.exe"),
                      encoding="utf-8")
    code, output = run("build", str(project))
    assert code == 2
    assert "\u202e" not in output and "x\\u202egpj.exe" in output


@pytest.mark.parametrize("command", [["cache", "info"], ["cache", "prune"]])
def test_cache_commands_refuse_a_missing_project_folder(tmp_path: Path, command: list[str]) -> None:
    code, output = run(*command, str(tmp_path / "nowhere"))
    assert code == 2 and "no such project folder" in output


def test_sigterm_ends_the_command_with_status_143_and_one_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", catalog={"press": "screen"})
    watcher = subprocess.Popen([sys.executable, "-m", "catalog", "watch", str(project), "--jobs", "1"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert watcher.stdout is not None
    for line in watcher.stdout:
        if line.startswith("Watching"):
            break
    watcher.send_signal(signal.SIGTERM)
    _, err = watcher.communicate(timeout=60)
    assert watcher.returncode == 143 and "Traceback" not in err, err
    assert err.strip().splitlines()[-1].startswith("Stopped (terminated)"), err
