"""Font subset tags derived from what each subset holds.

ReportLab names every subset of every font `AAAAAA+Name` (its first subset of each font, in every file),
whatever glyphs it holds. ISO 32000-1, 9.6.4 ("Font Subsets") says a subset's name is a tag of six
upper-case letters, a plus sign and the font's name, and that different subsets in the same document
shall have different tags; a RIP that caches fonts by name when files are ganged on one sheet (a book
and its cover, an imposed form, the plates of a risograph job) takes one file's `AAAAAA+PTSerif-Regular`
for another's and prints missing or wrong glyphs. Here the tag is a hash of the font's name and its
embedded program (which holds exactly the subset's glyphs): the same subset gets the same tag in any file,
on any run; different glyph sets get different tags (26^6, about 3 x 10^8 tags: a collision between two
subsets of one font is practically impossible)."""

from __future__ import annotations

import hashlib
import re

import pikepdf

_TAGGED = re.compile(r"^[A-Z]{6}\+(.+)$")
_PROGRAMS = ("/FontFile2", "/FontFile", "/FontFile3")


def subset_tag(name: str, program: bytes) -> str:
    """Six letters A-Z from a SHA-256 of the font's name and its (decoded) font program."""
    digest = hashlib.sha256(name.encode("utf-8") + b"\0" + program).digest()
    number = int.from_bytes(digest[:8], "big")
    letters = []
    for _ in range(6):
        number, index = divmod(number, 26)
        letters.append(chr(ord("A") + index))
    return "".join(letters)


def tag_subsets(pdf: pikepdf.Pdf) -> None:
    """Rename every embedded subset (the font's /BaseFont and its descriptor's /FontName) after its glyph
    set; a Type0 font takes its descendant's new tag."""
    parents: list[pikepdf.Dictionary] = []
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != pikepdf.Name.Font:
            continue
        if obj.get("/Subtype") == pikepdf.Name.Type0:
            parents.append(obj)
            continue
        descriptor = obj.get("/FontDescriptor")
        match = _TAGGED.match(str(obj.get("/BaseFont", "")).lstrip("/"))
        if descriptor is None or match is None:
            continue
        program = next((descriptor[key] for key in _PROGRAMS if key in descriptor), None)
        if program is None:
            continue
        new = pikepdf.Name(f"/{subset_tag(match.group(1), program.read_bytes())}+{match.group(1)}")
        obj.BaseFont = new
        descriptor.FontName = new
    for parent in parents:
        name = str(parent.get("/BaseFont", "")).lstrip("/")
        kids = parent.get("/DescendantFonts")
        child = str(kids[0].get("/BaseFont", "")).lstrip("/") if kids else ""
        if _TAGGED.match(name) and _TAGGED.match(child):
            parent.BaseFont = pikepdf.Name("/" + child[:6] + name[6:])
