"""catalog watch: the rebuild loop driven by a list of changes, the CLI's report, and one real
file-system event through watchfiles."""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from catalog.builder import BuildOptions, BuildResult, build
from catalog.builder.project import plan_project
from catalog.cli.app import app
from catalog.review.watch import changes, finding_key, rebuild_on, relevant
from tests.support.projects import artist_data, make_project

OPTIONS = BuildOptions(press="digital", jobs=1)  # the cache is the project's own, in tmp_path
CREDIT = "Courtesy the artist"
LONG = "Courtesy " + "of the artist, her gallery and many generous lenders " * 60


@pytest.fixture
def project(tmp_path: Path) -> Path:
    anna = artist_data("Anna Test", works=2)
    anna["works"][0]["credit"] = CREDIT
    return make_project(tmp_path / "project", artists={"anna-test": anna})


def _yaml(project: Path) -> Path:
    return project / "content" / "artists" / "anna-test" / "artist.yaml"


def test_a_caption_edit_rebuilds_and_reports_the_changed_finding(project: Path) -> None:
    source = _yaml(project)
    original = source.read_text(encoding="utf-8")

    def edits() -> Iterator[set[Path]]:
        source.write_text(original.replace(CREDIT, LONG), encoding="utf-8")  # the caption no longer fits
        yield {source}
        source.write_text(original, encoding="utf-8")
        yield {source}
        source.write_text(original.replace("title: Work 1", "titel: Work 1"), encoding="utf-8")  # an input error
        yield {source}
        source.write_text(original, encoding="utf-8")
        yield {source}

    builds = list(rebuild_on(edits(), project, OPTIONS))
    assert len(builds) == 5
    first, long, short, broken, fixed = builds
    assert first.changed == () and first.result is not None and first.error is None
    assert long.changed == (source,) and long.result is not None
    assert long.result.images.prepared == 0 and long.result.images.done == 2  # no photo was prepared again
    overflow = [p for p in long.new if p.code == "overflow"]
    assert long.result.planned is not None
    plate = long.result.planned.plan.anchors["work:anna-test:0"]  # the page of the lengthened caption
    assert len(overflow) == 1 and overflow[0].page == plate and "does not fit" in overflow[0].message
    # The smaller plate changes its ppi finding too: resolved in its old wording, new in the new one.
    assert {p.code for p in long.resolved} <= {"low-ppi"}
    assert {finding_key(p) for p in short.resolved} == {finding_key(p) for p in long.new}  # back as it was
    assert {finding_key(p) for p in short.new} == {finding_key(p) for p in long.resolved}
    assert broken.result is None and broken.error is not None and "titel" in broken.error.format()
    assert fixed.result is not None and not fixed.new and not fixed.resolved  # compared with the last good build
    print(f"\nfirst build {first.seconds:.2f} s; caption edit rebuilt in {long.seconds:.2f} s "
          f"({long.result.images.describe()})")


def test_watch_command_prints_the_difference_and_keeps_going(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = _yaml(project)
    original = source.read_text(encoding="utf-8")

    def fake(_project: Path, *_args: object, **_kwargs: object) -> Iterator[set[Path]]:
        source.write_text(original.replace(CREDIT, LONG), encoding="utf-8")
        yield {source}
        source.write_text(original.replace("title: Work 1", "titel: Work 1"), encoding="utf-8")
        yield {source}
        raise KeyboardInterrupt  # Ctrl-C while waiting

    # The caption is on the first work's plate, which the longer caption does not move.
    plate = plan_project(project, BuildOptions(press="digital")).plan.anchors["work:anna-test:0"]
    monkeypatch.setattr("catalog.review.watch.changes", fake)
    done = CliRunner().invoke(app, ["watch", str(project), "--press", "digital", "--jobs", "1"])
    assert done.exit_code == 0, done.output
    text = done.output
    assert "Changed: " in text and "artist.yaml" in text
    assert "new warning:" in text and f"does not fit on page {plate}:" in text
    assert "works[1].titel'; did you mean 'title'" in text and "watching for the fix" in text
    assert text.rstrip().endswith("Stopped watching.")


def test_watch_refuses_a_missing_folder(tmp_path: Path) -> None:
    done = CliRunner().invoke(app, ["watch", str(tmp_path / "nowhere")])
    assert done.exit_code == 2 and "no such project folder" in done.output and "Traceback" not in done.output


def test_only_sources_count_as_changes(project: Path) -> None:
    assert relevant(_yaml(project), project)
    assert relevant(project / "content" / "artists" / "anna-test" / "images" / "work-1.jpg", project)
    assert relevant(project / "layouts" / "mine.yaml", project)
    assert relevant(project / "fonts" / "Mine-Regular.otf", project)
    assert not relevant(project / "build" / "test-catalog.pdf", project)
    assert not relevant(project / "build" / "test-catalog.preflight.json", project)
    assert not relevant(project / ".catalog-cache" / "ab" / "cd.jpg", project)
    assert not relevant(project / "content" / ".artist.yaml.swp", project)
    assert not relevant(project / "content" / "artist.yaml~", project)
    assert not relevant(project.parent / "elsewhere.yaml", project)


def test_a_real_save_arrives_through_watchfiles(project: Path) -> None:
    stop = threading.Event()
    guard = threading.Timer(15, stop.set)  # never hang the test run
    guard.start()
    source = _yaml(project)
    (project / "build").mkdir(exist_ok=True)

    def save() -> None:
        (project / "build" / "ignored.pdf").write_bytes(b"%PDF-")
        source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")

    saver = threading.Timer(0.5, save)
    saver.start()
    seen: list[set[Path]] = []
    try:
        for batch in changes(project, stop, debounce_ms=100):
            seen.append(batch)
            stop.set()
    finally:
        guard.cancel()
        saver.cancel()
    assert seen, "no change arrived within 15 s"
    assert {p.resolve() for p in seen[0]} == {source.resolve()}


def test_an_unexpected_failure_is_reported_and_watching_goes_on(project: Path) -> None:
    calls: list[int] = []

    def flaky(folder: Path, options: BuildOptions) -> BuildResult:
        calls.append(1)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")  # a fault no stage expected
        return build(folder, options)

    builds = list(rebuild_on([{_yaml(project)}, {_yaml(project)}], project, OPTIONS, builder=flaky))
    assert [b.result is not None for b in builds] == [True, False, True]
    assert "No space left on device" in builds[1].error.format()  # type: ignore[union-attr]


def test_what_a_build_or_proof_writes_is_never_a_change(project: Path) -> None:
    out = project / "out" / "x.pdf"
    own: set[Path] = set()
    first = next(rebuild_on([], project, BuildOptions(press="digital", jobs=1, out=out), own=own))
    assert first.result is not None and out.resolve() in own
    assert not relevant(out, project, own)
    assert not relevant(out.with_name("x.preflight.json"), project, own)
    own.add((project / "out" / "x-proof").resolve())
    assert not relevant(project / "out" / "x-proof" / "page-001.png", project, own)
    assert relevant(project / "out" / "other.png", project, own)  # a photo put there by hand still counts


@pytest.mark.slow
def test_watch_with_a_proof_beside_the_project_builds_once_per_save(project: Path) -> None:
    """`catalog watch --proof --out out/x.pdf` rebuilt forever: the proof's PNGs were 'changes'."""
    out = project / "out" / "x.pdf"
    watcher = subprocess.Popen([sys.executable, "-m", "catalog", "watch", str(project), "--proof", "--out", str(out),
                                "--press", "digital", "--jobs", "1"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in watcher.stdout or ()], daemon=True).start()

    def watching(timeout: float) -> int:
        """How many builds were reported until the loop went back to watching."""
        built, deadline = 0, time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.2)
            except queue.Empty:
                continue
            built += line.startswith("Built")
            if line.startswith("Watching"):
                return built
        return built

    try:
        assert watching(90) == 1
        time.sleep(1.5)  # the file-system watcher starts once the loop waits for changes
        source = _yaml(project)
        source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        assert watching(90) == 1
        assert watching(4) == 0  # and then nothing more: no build set off by the last one's files
    finally:
        watcher.terminate()
        watcher.communicate(timeout=30)
