"""The planner asks about photographs through a lookup passed in, so a plan is made without image files."""

from __future__ import annotations

import shutil
from pathlib import Path

from catalog.content.load import load_project
from catalog.images.probe import ImageInfo
from catalog.model import Origin
from catalog.plan import plan_document
from catalog.plan.context import ImageFacts
from catalog.specs.layouts import load_layout
from catalog.text import fonts
from tests.support.projects import artist_data, make_project

SIZES = {"work-1.jpg": (3000, 2000), "work-2.jpg": (1200, 2400)}  # landscape, portrait


def test_a_plan_is_made_from_the_lookup_alone(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=2)})
    catalog = load_project(project).catalog
    shutil.rmtree(project / "content" / "artists" / "anna-test" / "images")  # nothing left to open
    asked: list[str] = []

    def probe(path: Path, origin: Origin) -> ImageInfo:
        asked.append(path.name)
        width, height = SIZES[path.name]
        return ImageInfo(path, width, height, "JPEG", "RGB", 1, None, False)

    def luminance(info: ImageInfo, box: tuple[float, float, float, float], origin: Origin) -> float:
        return 0.9  # light everywhere: captions over it are dark

    spec = load_layout("classic", project)
    plan = plan_document(catalog, spec, fonts.register(spec.fonts), ImageFacts(probe, luminance))
    placed = {item.path.name: item for page in plan.pages for item in page.images}
    assert set(placed) == set(SIZES) <= set(asked)
    for name, (width, height) in SIZES.items():
        rect = placed[name].rect
        assert abs(rect.width / rect.height - width / height) < 1e-6, name  # the lookup's shape, not a file's
        assert placed[name].ppi == width / (rect.width / 72)
