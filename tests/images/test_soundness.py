"""`catalog check` says what the image stage will say of a damaged JPEG, in the same words
(`images.soundness`), decoding only the files whose bytes show damage."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from PIL import Image

from catalog.builder import BuildOptions, build, check
from catalog.errors import ImageError, Problem
from catalog.images import jpeg, probe
from tests.support.cli import run
from tests.support.projects import artist_data, make_project


def photo(grain: int = 30, **save: object) -> bytes:
    """A grainy JPEG (the same bytes every run): long scan data, as a photograph has."""
    size = (600, 400)
    noise = Image.frombytes("L", size, random.Random(grain).randbytes(size[0] * size[1])).convert("RGB")
    buffer = io.BytesIO()
    Image.blend(Image.linear_gradient("L").resize(size).convert("RGB"), noise, 0.3).save(buffer, "JPEG", quality=85,
                                                                                          **save)
    return buffer.getvalue()


def with_junk(data: bytes, before: bytes = b"\xff\xdb", junk: bytes = b"\x00\x13\x37") -> bytes:
    """Stray bytes before a marker: libjpeg says "Corrupt JPEG data: 3 extraneous bytes before marker"."""
    at = data.index(before)
    return data[:at] + junk + data[at:]


def project(root: Path, first: bytes) -> tuple[Path, Path]:
    """A project whose first work is `first`, the second a sound photo; and the first's path."""
    folder = root / "content" / "artists" / "anna-test" / "images"
    folder.mkdir(parents=True)
    (folder / "work-1.jpg").write_bytes(first)
    (folder / "work-2.jpg").write_bytes(photo(grain=31))
    return make_project(root, {"anna-test": artist_data("Anna Test")}, catalog={"press": "digital"}), \
        folder / "work-1.jpg"


def said(findings: list[Problem], code: str) -> list[Problem]:
    return [f for f in findings if f.code == code]


def test_check_names_stray_bytes_before_a_marker_as_the_build_does(tmp_path: Path) -> None:
    root, _ = project(tmp_path / "p", with_junk(photo()))
    code, output = run("check", str(root))
    shown = " ".join(output.split())  # as one line, however the console wrapped it
    assert "image work-1.jpg decodes with a warning from libjpeg (Corrupt JPEG data: 3 extraneous bytes before " \
           "marker 0xdb)" in shown, output
    assert code == 0 and "Checked: 0 error(s)" in shown, output  # a warning (the low-ppi ones besides)

    (checked,) = said(check(root).findings, "jpeg-warning")
    (built,) = said(build(root, BuildOptions(out=tmp_path / "out.pdf", jobs=1)).findings, "jpeg-warning")
    assert checked == built  # message, file, line, hint and severity: one Problem made in one place
    assert checked.severity == "warning" and checked.file is not None and checked.file.name == "artist.yaml"
    assert said(check(root).findings, "jpeg-warning") == [built]  # and so again with the build's verdicts


def test_check_refuses_a_zero_filled_jpeg_as_the_build_does(tmp_path: Path) -> None:
    data = photo()
    middle = len(data) // 2
    root, _ = project(tmp_path / "p", data[:middle] + bytes(len(data) - middle - 2) + b"\xff\xd9")
    result = check(root)
    (checked,) = said(result.findings, "damaged-image")
    assert result.stopped and checked.severity == "error"
    assert checked.message.startswith("image work-1.jpg cannot be decoded: it is damaged")
    with pytest.raises(ImageError) as caught:
        build(root, BuildOptions(out=tmp_path / "out.pdf", jobs=1))
    assert list(caught.value.problems) == [checked]
    code, _ = run("check", str(root))
    assert code == 2  # as the build stops


def test_check_decodes_only_the_jpegs_whose_bytes_show_damage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, damaged = project(tmp_path / "p", with_junk(photo()))
    decoded: list[str] = []
    verify = probe.verify

    def counted(path: Path) -> probe.Verdict:
        decoded.append(path.name)
        return verify(path)

    monkeypatch.setattr(probe, "verify", counted)
    assert said(check(root).findings, "jpeg-warning")
    assert decoded == [damaged.name]  # the sound work-2.jpg is read, not decoded


def test_after_a_build_check_says_what_decoding_found_inside_the_scan(tmp_path: Path) -> None:
    """Stray bytes before a restart marker lie inside entropy-coded data: only decoding finds them,
    which check leaves to the build; once a build has judged the file, check says it too."""
    data = photo(restart_marker_rows=1)
    root, _ = project(tmp_path / "p", with_junk(data, b"\xff\xd0", b"abc"))
    (built,) = said(build(root, BuildOptions(out=tmp_path / "out.pdf", jobs=1)).findings, "jpeg-warning")
    assert "3 extraneous bytes before marker 0xd0" in built.message
    assert said(check(root).findings, "jpeg-warning") == [built]


@pytest.mark.parametrize(("make", "shows"), [
    (lambda: photo(), False),
    (lambda: photo(progressive=True), False),
    (lambda: with_junk(photo()), True),
    (lambda: with_junk(photo(), b"\xff\xda", b"\x00"), True),  # one stray byte before the scan
    (lambda: photo()[:-200] + bytes(200), False),  # cut short: the probe sees that by its tail
    (lambda: photo()[:2000] + bytes(4000) + photo()[6000:], True),  # zero-filled inside the scan
], ids=["sound", "progressive", "junk-before-dqt", "junk-before-sos", "cut-short", "zero-filled"])
def test_what_the_bytes_show_without_decoding(make: object, shows: bool) -> None:
    assert callable(make)
    assert jpeg.shows_damage(make()) is shows
