"""How a layout shows works: the plates' settings (hang line, captions, bleed, crop, contrast, pick) as a
record and the schema its YAML is checked against. The templates the plates are drawn with are in templates.py."""

from __future__ import annotations

from dataclasses import dataclass

from ..source.schema import Enum, Field, Int, Length, Number, Record


@dataclass(frozen=True)
class PlateSpec:
    style: str             # fit | bleed: how a work the sequence leaves to the layout is shown
    hang: str              # top | caption: the line plates on facing pages share
    captions: str          # below | outer | list (numbered plates, captions gathered in the list of works)
    caption_gap: float
    bleed_caption: str     # none | overlay | facing: where a full-bleed plate's caption goes
    max_crop: int          # per cent of an image's area a bleed may cut off before the caption says (detail)
    min_contrast: float = 4.5
    gutter_allowance: float = 0.0
    per_page: int = 1      # > 1: works the sequence leaves to the layout go this many to a page (grid-n)
    caption_artist: str = "auto"  # auto: a caption names the artist in a catalog of more than one
    caption_rows: str = "full"    # full | title: the title line only (small formats)
    spread_min_aspect: float = 1.9  # a work this much wider than high crosses a spread when the layout has one
    pick: int = 0          # > 0: only this many works in the whole book, taken from each artist in turn

    @property
    def numbered(self) -> bool:
        return self.captions == "list"


PLATES = Record({
    "style": Field(Enum("fit", "bleed"), default="fit",
                   doc="how a work is shown that the sequence leaves to the layout; a work can say bleed: true"),
    "hang": Field(Enum("top", "caption"), default="top",
                  doc="the line plates on facing pages share: the image top, or the caption's first baseline"),
    "captions": Field(Enum("below", "outer", "list"), default="below",
                      doc="below the image, in an outer column, or only a plate number, with the captions "
                          "gathered in the numbered list of works"),
    "caption_gap": Field(Length(), default=4 * 72 / 25.4),
    "bleed_caption": Field(Enum("none", "overlay", "facing"), default="facing",
                           doc="a full-bleed plate's caption: on the facing page, over the image (checked "
                               "for contrast), or only in the list of works"),
    "max_crop": Field(Int(0, 100), default=10,
                      doc="per cent of an image's area a full-bleed plate may cut off beyond the bleed before "
                          "preflight warns and the caption says (detail)"),
    "min_contrast": Field(Number(1.0, 21.0), default=4.5,
                          doc="the least contrast between a caption over an image and the image under it "
                              "(WCAG 2 ratio, 1 to 21)"),
    "gutter_allowance": Field(Length(), default=0.0,
                              doc="the band each side of the spine that binding hides: a spread keeps the "
                                  "work's focus out of it"),
    "per_page": Field(Int(1, 6), default=1, doc="works the sequence leaves to the layout, this many to a page "
                                                "(the template grid-<n>)"),
    "caption_artist": Field(Enum("auto", "always", "never"), default="auto",
                            doc="name the artist in captions; auto: when the catalog has more than one"),
    "caption_rows": Field(Enum("full", "title"), default="full", doc="title: the title and year only"),
    "spread_min_aspect": Field(Number(1.0, 10.0), default=1.9,
                               doc="a work at least this much wider than high crosses a spread"),
    "pick": Field(Int(0, 500), default=0,
                  doc="print only this many works' images, taken from each artist in turn (a mini zine's six); "
                      "0: all"),
})
