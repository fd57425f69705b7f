"""Benchmark of planning: how long does laying out a large catalog take, and does it grow linearly?

    python bench/planning.py                              # 1, 10 and 100 artists x 10 works, gallery and classic
    python bench/planning.py --artists 1 200 --repeat 3   # 2,000 works
    python bench/planning.py --keep /tmp/big              # keep the generated projects to look at

It generates (in a temporary folder) a group show of --works works per artist: small JPEGs of mixed
orientation (landscape, upright, square, and a wide one for a spread), some works `size: small`, some
`bleed: true`, and every fourth artist an explicit `sequence:` with a pair, a grid and a spread. For each
layout it measures `plan_project` (content and layout read, every page planned, nothing drawn or written:
the layout stage of a build), pinned to one core, with the per-project caches a fresh build starts
without (line breaking, image headers) cleared before each run; font widths and hyphenation patterns
stay warm, as they are after a build's first pages. It prints the median of --repeat runs, split into
reading (`prepare`) and planning (`plan_setup`), the process's CPU time (which other load on the machine
moves less than the wall clock), and the time per work as a ratio to the smallest project's, measured in
the same run: linear planning keeps the ratio near 1 (the smallest project's cover, contents and colophon
weigh more per work, so it falls below 1 as projects grow). The largest project's time is checked against
--target seconds."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml
from PIL import Image, ImageDraw

from catalog.builder import BuildOptions
from catalog.builder.project import plan_setup, prepare
from catalog.images import probe
from catalog.text import typeset

# Pixel sizes by kind: landscape 3:2, upright 2:3, square, and one wider than plates.spread_min_aspect.
SIZES = {"landscape": (300, 200), "upright": (200, 300), "square": (240, 240), "wide": (500, 200)}
ORDER = ("landscape", "upright", "landscape", "square", "upright", "landscape", "upright", "wide",
         "landscape", "square")
MEDIA = ("Oil on canvas", "Pigment print", "Charcoal on paper", "Bronze", "Single-channel video, 9 min")


def write_image(path: Path, size: tuple[int, int], seed: int) -> None:
    """A small JPEG with a gradient and a shape: something a decoder has to read, not a flat fill."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    tint = Image.new("RGB", size, (40 + seed * 37 % 180, 90 + seed * 11 % 120, 160 - seed * 7 % 120))
    image = Image.blend(image, tint, 0.6)
    w, h = size
    ImageDraw.Draw(image).ellipse((w * 0.3, h * 0.3, w * 0.6, h * 0.7), fill=(240, 220, 180))
    image.save(path, quality=80)


def artist(number: int, works: int, folder: Path) -> dict[str, Any]:
    """Artist `number` (from 0) with `works` works, images written into folder/images."""
    (folder / "images").mkdir(parents=True, exist_ok=True)
    entries = []
    for index in range(works):
        kind = ORDER[index % len(ORDER)]
        stem = f"work-{index + 1:02d}"
        write_image(folder / "images" / f"{stem}.jpg", SIZES[kind], number * works + index)
        work: dict[str, Any] = {
            "image": f"images/{stem}.jpg", "title": f"Room {index + 1} from Memory",
            "year": 1990 + (number + index) % 35, "medium": MEDIA[(number + index) % len(MEDIA)],
            "dimensions": f"{40 + index * 5} × {30 + index * 4} cm",
        }
        if number % 2 == 0 and index >= works - 2 and kind != "wide":
            work["size"] = "small"
        if number % 3 == 0 and kind == "upright" and index < 5:
            work["bleed"] = True
        entries.append(work)
    data: dict[str, Any] = {
        "name": f"Artist Number {number + 1}", "born": {"year": 1950 + number % 45, "place": "Almaty"},
        "based": "Almaty",
        "bio": f"Artist Number {number + 1} paints rooms from memory. Trained in Almaty, the artist has shown in "
               "Bishkek and Tashkent and teaches drawing to children on Saturdays. The works in this exhibition "
               "come from a series begun in a rented studio above a bakery, " * (1 + number % 3),
        "exhibitions": [{"year": 2010 + k, "title": f"Show {k + 1}", "venue": "Hall", "city": "Almaty",
                         "kind": "solo" if k % 2 else "group"} for k in range(number % 5)],
        "works": entries,
    }
    if number % 4 == 1 and works >= 8:
        data["sequence"] = [{"pair": ["work-01", "work-03"]}, {"grid": ["work-04", "work-06", "work-09"]},
                            {"spread": "work-08"}]
    return data


def make_project(root: Path, artists: int, works: int) -> Path:
    root.mkdir(parents=True)
    slugs = []
    for number in range(artists):
        slug = f"artist-{number + 1:03d}"
        folder = root / "content" / "artists" / slug
        data = artist(number, works, folder)
        (folder / "artist.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                            encoding="utf-8")
        slugs.append(slug)
    catalog = {"title": "A Thousand Rooms", "subtitle": "Generated for the planning benchmark", "year": 2026,
               "artists": slugs}
    (root / "catalog.yaml").write_text(yaml.safe_dump(catalog, sort_keys=False), encoding="utf-8")
    return root


def cold() -> None:
    """The caches a fresh build starts without: set lines, image headers and tones."""
    typeset.set_text.cache_clear()
    probe._probe.cache_clear()
    probe._luminance.cache_clear()


def measure(project: Path, layout: str, repeat: int) -> tuple[float, float, float, int, int]:
    """Median seconds of reading and of planning (wall clock), of the process's CPU time for both,
    the pages and the plate pages."""
    options = BuildOptions(layout=layout)
    reads, plans, cpus, pages, plates = [], [], [], 0, 0
    for _ in range(repeat):
        cold()
        cpu, start = time.process_time(), time.perf_counter()
        setup = prepare(project, options)
        read = time.perf_counter()
        planned = plan_setup(setup, options)
        done = time.perf_counter()
        cpus.append(time.process_time() - cpu)
        reads.append(read - start)
        plans.append(done - read)
        pages, plates = len(planned.plan.pages), planned.plan.plates
    return statistics.median(reads), statistics.median(plans), statistics.median(cpus), pages, plates


def one_core() -> str:
    """Pin the process to one core (Linux); planning is single-threaded, this keeps it honest."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned"
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return f"pinned to core {core}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--artists", type=int, nargs="+", default=[1, 10, 100],
                        help="project sizes in artists; the smallest is the baseline")
    parser.add_argument("--works", type=int, default=10, help="works per artist")
    parser.add_argument("--layouts", nargs="+", default=["gallery", "classic"])
    parser.add_argument("--repeat", type=int, default=5, help="median of this many runs")
    parser.add_argument("--target", type=float, default=2.0, help="seconds the largest project may take")
    parser.add_argument("--keep", type=Path, help="write the projects here (emptied first) and keep them")
    args = parser.parse_args()

    pinned = one_core()
    base = args.keep or Path(tempfile.mkdtemp(prefix="catalog-bench-planning-"))
    if args.keep and base.exists():
        shutil.rmtree(base)
    sizes = sorted(set(args.artists))
    try:
        started = time.perf_counter()
        projects = {n: make_project(base / f"{n}-artists", n, args.works) for n in sizes}
        print(f"{sum(sizes) * args.works:,} works generated in {time.perf_counter() - started:.1f} s; "
              f"{pinned}; median of {args.repeat}")
        print(f"{'layout':8} {'artists':>7} {'works':>6} {'pages':>6} {'plates':>6} {'read s':>8} {'plan s':>8} "
              f"{'total s':>8} {'cpu s':>7} {'per work ms':>12}  per work vs baseline")
        largest: dict[str, float] = {}
        for layout in args.layouts:
            measure(projects[sizes[0]], layout, 1)  # warm: fonts registered, hyphenation patterns loaded
            baseline = 0.0
            for n in sizes:
                read, plan, cpu, pages, plates = measure(projects[n], layout, args.repeat)
                total, works = read + plan, n * args.works
                per_work = total / works
                baseline = baseline or per_work
                label = "1.00 x (baseline)" if n == sizes[0] else f"{per_work / baseline:.2f} x"
                print(f"{layout:8} {n:>7,} {works:>6,} {pages:>6,} {plates:>6,} {read:8.3f} {plan:8.3f} "
                      f"{total:8.3f} {cpu:7.3f} {per_work * 1e3:12.2f}  {label}")
                largest[layout] = plan
        works = sizes[-1] * args.works
        # The target is the layout stage's (the "planning"): reading the YAML is the load stage,
        # reported beside it in the table.
        for layout, plan in largest.items():
            verdict = "ok" if plan < args.target else "OVER"
            print(f"TARGET {layout}: {works:,} works planned in {plan:.2f} s, reading not counted "
                  f"(target < {args.target:g} s): {verdict}")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
