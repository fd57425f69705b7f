"""Benchmark of line breaking on words too long for any line, and on paragraphs of nothing but breaks:
is it linear in the length?

    python bench/breaking.py                          # words of 1k, 10k, 100k and 900k characters
    python bench/breaking.py --sizes 1000 20000 --repeat 5

In one run, with the classic layout's body style (justified, hyphenated, first-line indent) in a column of
--width points, it measures `set_text` (the breaker, its cache cleared before each call; font widths and
hyphenation patterns warm, as in a build) on
- the baseline: an ordinary paragraph of prose;
- unbreakable words of each size: pasted data (letters and digits: no hyphenation, no break), a run of one
  letter (long enough to skip the dictionary), and asterisks read through the Markdown parser (a run of more
  than three is literal text);
- a paragraph of as many characters in one-letter words: the most break opportunities text can have (past
  breaking.LONG_PARAGRAPH of them, lines are chosen one at a time);
and prints each time, the time per character as a ratio to the baseline's, and characters per second.
Linear breaking keeps the ratio flat as the words grow; the worst case is printed last."""

from __future__ import annotations

import argparse
import random
import statistics
import string
import time
from collections.abc import Callable
from pathlib import Path

from catalog.content import markup
from catalog.specs.layouts import load_layout
from catalog.text import fonts
from catalog.text.lines import Run, Setting
from catalog.text.typeset import set_text

ROOT = Path(__file__).resolve().parents[1]
PROSE = (
    "The photographs gathered here were made over a decade of travel across the steppe, from the salt lakes of "
    "the west to the mountains in the east, in every season and at every hour, following roads that appear on no "
    "map and some that have since disappeared altogether. Unquestionably, the extraordinary circumstances of their "
    "making shaped the pictures: photographers persevered through blizzards, heatwaves and interminable "
    "bureaucratic delays, and what they brought back is quieter than any of that."
)


def words(size: int) -> dict[str, Callable[[], str]]:
    """The kinds of unbreakable word, made when measured (the Markdown parse is part of the work)."""
    return {
        "pasted data": lambda: "".join(random.Random(size).choices(string.ascii_letters + string.digits, k=size)),
        "one letter": lambda: "x" * size,
        "asterisks (Markdown)": lambda: markup.parse("*" * size).paragraphs[0].text,
        "one paragraph of 1-letter words": lambda: "a " * (size // 2),  # every other character a break
    }


def measure(text: Callable[[], str], font: str, size: float, setting: Setting, repeat: int) -> tuple[float, int]:
    """Median seconds of making the text and breaking it, and the number of lines."""
    times, lines = [], 0
    for _ in range(repeat):
        set_text.cache_clear()
        start = time.perf_counter()
        lines = len(set_text((Run(text(), font, size),), setting))
        times.append(time.perf_counter() - start)
    return statistics.median(times), lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000, 900_000])
    parser.add_argument("--width", type=float, default=232.4, help="column width in points (classic: 232.4)")
    parser.add_argument("--repeat", type=int, default=3, help="median of this many runs")
    args = parser.parse_args()

    layout = load_layout("classic", ROOT)
    style = layout.styles["body"]
    font = fonts.register(layout.fonts).name(style.font, fonts.weight_for(style.weight, False, False))
    setting = Setting(args.width, style.align, style.hyphenate, "en", style.indent)
    measure(lambda: PROSE, font, style.size, setting, 1)  # warm: font widths, hyphenation patterns
    base, base_lines = measure(lambda: PROSE, font, style.size, setting, max(args.repeat, 20))
    base_per_char = base / len(PROSE)
    print(f"{style.size:g} pt {style.align} in {args.width:g} pt, median of {args.repeat}")
    print(f"{'baseline: ordinary paragraph':32} {len(PROSE):>9,} chars {base_lines:>7,} lines {base * 1e3:9.2f} ms"
          f"   per char 1.00 x baseline   {len(PROSE) / base:>12,.0f} chars/s")
    results: list[tuple[str, int, float, float]] = []
    for size in args.sizes:
        for kind, text in words(size).items():
            seconds, lines = measure(text, font, style.size, setting, args.repeat)
            ratio = seconds / size / base_per_char
            results.append((kind, size, seconds, ratio))
            print(f"{kind:32} {size:>9,} chars {lines:>7,} lines {seconds * 1e3:9.1f} ms"
                  f"   per char {ratio:4.2f} x baseline   {size / seconds:>12,.0f} chars/s")
    for label, (kind, size, seconds, ratio) in (("WORST time", max(results, key=lambda r: r[2])),
                                                ("WORST per char", max(results, key=lambda r: r[3]))):
        print(f"{label:15} {kind}, {size:,} characters: {seconds:.2f} s, {ratio:.2f} x the baseline's time "
              f"per character, {size / seconds:,.0f} chars/s")

if __name__ == "__main__":
    main()
