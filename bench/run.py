"""Benchmark of the image pipeline on a generated photo set: floor, cold build, warm rebuild.

    python bench/run.py                      # 4 artists x 24 works at 12 MP (96 plates, ~350 MB)
    python bench/run.py --works 3 --megapixels 4   # a quick look

In one run, on the same machine and the same images, it measures
- the floor: only the per-image work (JPEG draft decode, Lanczos to the placed size at the press's
  target ppi, for a CMYK press the ICC conversion, JPEG encode at the press's quality and chroma
  sampling), in the same kind of process pool with as many workers as the build, pool started;
- a cold build: `catalog build` in a fresh process with an empty image cache;
- a warm rebuild after a caption edit (the cache from the cold build);
and prints ratios (cold / floor, warm / cold), peak memory of the build's whole process tree
(sampled from /proc), the PDF's size and pages, and the ppi of every resampled plate in the PDF.
Photos are generated once into bench/_data/ (deterministic; see bench/photos.py)."""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pikepdf
from PIL import Image, ImageCms

sys.path.insert(0, str(Path(__file__).resolve().parent))
from photos import make_set

from catalog.builder import BuildOptions, plan_project
from catalog.colour import INTENTS
from catalog.images.prepare import decide
from catalog.images.probe import probe
from catalog.images.workers import cores

ROOT = Path(__file__).resolve().parent


# --- the test project -----------------------------------------------------------------------------

def make_project(folder: Path, photos: list[list[Path]]) -> Path:
    """A catalog whose works are the generated photos, hard-linked in (no copy, no symlink)."""
    if folder.exists():
        shutil.rmtree(folder)
    slugs = []
    for index, works in enumerate(photos):
        slug = f"artist-{index + 1:02d}"
        slugs.append(slug)
        images = folder / "content" / "artists" / slug / "images"
        images.mkdir(parents=True)
        lines = [f"name: Artist {index + 1:02d}", "based: Almaty",
                 "bio: >-", "  " + "A photographer who works in series, returning to the same places. " * 8,
                 "exhibitions:", "  - year: 2024", "    title: Solo Show", "    venue: Hall", "    city: Almaty",
                 "    kind: solo", "works:"]
        for number, photo in enumerate(works, 1):
            os.link(photo, images / photo.name)
            lines += [f"  - image: images/{photo.name}", f"    title: Work {number}", f"    year: {2000 + number}",
                      "    medium: Pigment print", "    dimensions: 60 × 40 cm"]
        (images.parent / "artist.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "catalog.yaml").write_text(
        "title: Benchmark Catalog\nsubtitle: Generated photographs\nyear: 2026\nlayout: classic\n"
        f"artists: [{', '.join(slugs)}]\n", encoding="utf-8")
    return folder


def edit_caption(project: Path) -> None:
    path = project / "content" / "artists" / "artist-01" / "artist.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Work 1\n", "title: Work 1 (edited)\n", 1), encoding="utf-8")


# --- the floor -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FloorJob:
    path: str
    size: tuple[int, int]
    quality: int
    cmyk: tuple[str, str, bool] | None  # (output profile, intent, black-point compensation) for a CMYK press


def floor_jobs(project: Path, press: str) -> list[FloorJob]:
    """Every plate the build will resample, at the size and settings the build will use, from its own plan."""
    planned = plan_project(project, BuildOptions(press=press))
    setup, plan = planned.setup, planned.plan
    inks = setup.press.colour.inks()
    cmyk = (str(inks.profile), inks.intent, inks.bpc) if inks.space == "cmyk" and inks.profile else None
    jobs = {}
    for page in plan.pages:
        for item in page.images:
            job = decide(probe(item.path), item.rect.width, setup.press.images, inks)
            if job is not None and job.target is not None:
                jobs[(str(item.path), job.target)] = FloorJob(str(item.path), job.target, job.quality, cmyk)
    return sorted(jobs.values(), key=lambda j: (j.path, j.size))


@lru_cache(maxsize=4)
def _to_cmyk(profile: str, intent: str, bpc: bool) -> ImageCms.ImageCmsTransform:
    flags = ImageCms.Flags.BLACKPOINTCOMPENSATION if bpc else ImageCms.Flags.NONE
    return ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.ImageCmsProfile(profile), "RGB", "CMYK",
                                   renderingIntent=INTENTS[intent], flags=flags)


def floor_one(job: FloorJob) -> int:
    """Only the work every downsampling tool must do: decode (DCT-scaled), resample, convert to the
    press's CMYK when it has one, encode."""
    with Image.open(job.path) as image:
        image.draft("RGB", job.size)
        small = image.convert("RGB").resize(job.size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    if job.cmyk:
        small = _to_cmyk(*job.cmyk).apply(small)
    out = io.BytesIO()
    small.save(out, "JPEG", quality=job.quality, subsampling=0)
    return out.tell()


def _nothing(_: int) -> int:
    return 0


def measure_floor(jobs: list[FloorJob], workers: int) -> float:
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(_nothing, range(workers)))  # started and imported: the build's pool start is not floor
        start = time.perf_counter()
        list(pool.map(floor_one, jobs))
        return time.perf_counter() - start


# --- builds ----------------------------------------------------------------------------------------

def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants now."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/status", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as handle:
                    todo += [int(child) for child in handle.read().split()]
        except (OSError, ValueError):
            continue
    return total


def run_build(project: Path, press: str, jobs: int, out: Path) -> dict[str, float | str]:
    """`catalog build` in a fresh process; wall time and the peak of the whole tree's memory."""
    command = [sys.executable, "-m", "catalog", "build", str(project), "--press", press, "--jobs", str(jobs),
               "--out", str(out)]
    # Bytecode as an installed package has it: PYTHONDONTWRITEBYTECODE (set on some CI machines)
    # would make every build compile the whole program again, a cost no user's install pays.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["COLUMNS"] = "200"
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak = [0]

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], _tree_rss(process.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"build failed ({process.returncode}):\n{stdout}\n{stderr}")
    images = re.search(r"images: (.*)", stdout)
    stages = re.search(r"time: (.*)", stdout)
    return {"wall": wall, "peak": peak[0], "images": images.group(1) if images else "?",
            "stages": stages.group(1) if stages else "?"}


def plate_ppi(pdf_path: Path) -> list[float]:
    """Effective ppi of every image drawn in the PDF: pixel width over drawn width (from `cm`)."""
    found = []
    with pikepdf.open(pdf_path) as pdf:
        for page in pdf.pages:
            xobjects = page.resources.get("/XObject", {})
            matrix_width = None
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "cm":
                    matrix_width = float(operands[0])
                elif str(operator) == "Do" and matrix_width:
                    image = xobjects.get(str(operands[0]))
                    if image is not None and image.get("/Subtype") == "/Image":
                        found.append(int(image.Width) / (matrix_width / 72))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--artists", type=int, default=4)
    parser.add_argument("--works", type=int, default=24)
    parser.add_argument("--megapixels", type=float, default=12)
    parser.add_argument("--press", default="digital")
    parser.add_argument("--jobs", type=int, default=cores())
    parser.add_argument("--repeat", type=int, default=1, help="cold and warm builds each this many times (median)")
    parser.add_argument("--data", type=Path, default=ROOT / "_data")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()

    started = time.perf_counter()
    photos = make_set(args.data / "photos", args.artists, args.works, args.megapixels)
    source_bytes = sum(p.stat().st_size for works in photos for p in works)
    project = make_project(args.data / "project", photos)
    print(f"{args.artists * args.works} photos at {args.megapixels:g} MP, {source_bytes / 1e6:.0f} MB "
          f"(ready in {time.perf_counter() - started:.0f} s); press {args.press}, {args.jobs} worker(s)")

    jobs = floor_jobs(project, args.press)
    floors, colds, warms = [], [], []
    cold = warm = {}
    out = args.data / "bench.pdf"
    for _ in range(args.repeat):
        floors.append(measure_floor(jobs, args.jobs))
        shutil.rmtree(project / ".catalog-cache", ignore_errors=True)
        cold = run_build(project, args.press, args.jobs, out)
        colds.append(cold["wall"])
        edit_caption(project)
        warm = run_build(project, args.press, args.jobs, out)
        warms.append(warm["wall"])
    floor, cold_s, warm_s = (statistics.median(v) for v in (floors, colds, warms))
    with pikepdf.open(out) as pdf:
        pages = len(pdf.pages)
    ppis = plate_ppi(out)
    resampled = [p for p in ppis if p > 0]
    figures = {
        "photos": args.artists * args.works, "megapixels": args.megapixels, "source_mb": round(source_bytes / 1e6),
        "press": args.press, "jobs": args.jobs, "resampled_plates": len(jobs),
        "floor_s": round(floor, 2), "cold_s": round(cold_s, 2), "warm_s": round(warm_s, 2),
        "cold_over_floor": round(cold_s / floor, 3) if floor else None,
        "warm_over_cold": round(warm_s / cold_s, 3),
        "peak_mb_cold": round(float(cold["peak"]) / 1e6), "peak_mb_warm": round(float(warm["peak"]) / 1e6),
        "pdf_mb": round(out.stat().st_size / 1e6, 1), "pages": pages,
        "ppi_min": round(min(resampled), 1) if resampled else None,
        "ppi_max": round(max(resampled), 1) if resampled else None,
    }
    print(f"floor (image work only)   {floor:7.1f} s   {len(jobs)} plates resampled")
    print(f"cold build                {cold_s:7.1f} s   {cold_s / floor:5.2f} x floor   "
          f"peak {figures['peak_mb_cold']} MB   [{cold['images']}; {cold['stages']}]")
    print(f"warm rebuild (caption)    {warm_s:7.1f} s   {warm_s / cold_s:5.2f} x cold    "
          f"peak {figures['peak_mb_warm']} MB   [{warm['images']}; {warm['stages']}]")
    print(f"PDF {figures['pdf_mb']} MB, {pages} pages; plates print at {figures['ppi_min']}-{figures['ppi_max']} ppi")
    if args.json:
        print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
