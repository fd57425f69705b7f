"""The apparatus made from the records, read back from the built PDF: the checklist in hanging order with pages
that are true, the lenders, the photographic credits with the pages their photographs are on."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from catalog.builder import BuildOptions, build
from catalog.content.load import load_project
from catalog.errors import ContentError
from tests.support.pdfcheck import page_texts
from tests.support.projects import add_layout, artist_data, make_project

SECTIONS = "sections: [cover, contents, artists, checklist, lenders, photo_credits, colophon, back_cover]\n"


def two_artists() -> dict[str, dict[str, Any]]:
    ann, bob = artist_data("Ann Lee", works=3), artist_data("Bob Stone", works=2)
    for work, number in zip(ann["works"] + bob["works"], ["10", "2", "1", "3a", "3"], strict=True):
        work["cat_no"] = number
    ann["works"][0].update(lender="The Whitney Museum", photo_credit="Studio North")
    ann["works"][1].update(lender="Arkhar Gallery", photo_credit="Studio North")
    bob["works"][0].update(lender="Private collection, Almaty", photo_credit="Bob Stone")
    bob["works"][1]["image"] = None  # listed, not illustrated
    return {"ann-lee": ann, "bob-stone": bob}


def built(tmp_path: Path, layout: str = SECTIONS, **catalog: Any) -> tuple[Path, list[str]]:
    root = make_project(tmp_path / "p", artists=two_artists(), catalog={"layout": "house", **catalog})
    add_layout(root, "house", "base: classic\nname: house\n" + layout)
    result = build(root, BuildOptions(press="digital", cache=False, jobs=1))
    return root, page_texts(result.pdf)


def section(texts: list[str], title: str) -> str:
    return " ".join(" ".join(t.split()) for t in texts if t.lstrip().startswith(title) or f"\n{title}\n" in t)


def test_the_checklist_is_in_hanging_order_with_true_pages(tmp_path: Path) -> None:
    _, texts = built(tmp_path)
    checklist = next(" ".join(t.split()) for t in texts if "Checklist" in t and "Ann Lee, Work 1" in t)
    order = [m.group(1) for m in re.finditer(r"(?:^|\s)(\d+a?) (?:Ann Lee|Bob Stone), Work", checklist)]
    assert order == ["1", "2", "3", "3a", "10"]  # natural order: 3a after 3, 10 last
    assert "Bob Stone, Work 2" in checklist and "Bob Stone, Work 2, 2021. Pigment print" in checklist
    entry = r"(Ann Lee|Bob Stone), (Work \d), \d{4}\.(?:(?!(?:Ann Lee|Bob Stone), Work).)*? \(p\.\s(\d+)\)"
    refs = [(artist, work, page) for artist, work, page in re.findall(entry, checklist)]
    assert len(refs) == 4  # the work without an image has no page
    for artist, work, page in refs:
        plate = texts[int(page) - 1]
        assert f"{work}, " in plate and artist in plate, (artist, work, page)  # the caption names its artist


def test_lenders_are_gathered_alphabetically_ignoring_the(tmp_path: Path) -> None:
    _, texts = built(tmp_path)
    lenders = next(t for t in texts if "Arkhar" in t and "LENDERS" in t.upper())
    assert "Arkhar Gallery\nPrivate collection, Almaty\nThe Whitney Museum\n" in lenders


def test_the_catalogs_lenders_print_in_its_order_and_a_missing_one_is_a_warning(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", artists=two_artists(), catalog={
        "layout": "house", "lenders": ["The Whitney Museum", "Arkhar Gallery", "and lenders who wish to remain "
                                                                               "anonymous"]})
    add_layout(root, "house", "base: classic\nname: house\n" + SECTIONS)
    result = build(root, BuildOptions(press="digital", cache=False, jobs=1))
    text = "\n".join(page_texts(result.pdf))
    assert "The Whitney Museum\nArkhar Gallery\nand lenders who wish to remain anonymous" in text
    assert "Lenders to the exhibition" in text  # opening its page: the section's own heading
    found = [f for f in result.findings if f.code == "lender"]
    assert len(found) == 1 and "'Private collection, Almaty' is not in catalog.yaml's 'lenders'" in found[0].message
    assert found[0].file is not None and found[0].file.parent.name == "bob-stone" and found[0].line is not None


def test_photo_credits_name_the_pages_their_photographs_are_on(tmp_path: Path) -> None:
    _, texts = built(tmp_path)
    credits = " ".join(next(t for t in texts if "PHOTOGRAPHIC CREDITS" in t.upper() and "Studio North" in t).split())
    match = re.search(r"Studio North: pp\. (\d+), (\d+)", credits)
    assert match, credits
    for page, work in zip(match.groups(), ("Work 1", "Work 2"), strict=True):
        assert f"{work}, " in texts[int(page) - 1]
    single = re.search(r"Bob Stone: p\. (\d+)", credits)
    assert single and "Work 1, " in texts[int(single.group(1)) - 1]


def test_the_contents_list_the_apparatus(tmp_path: Path) -> None:
    _, texts = built(tmp_path)
    contents = " ".join(next(t for t in texts if "Contents" in t).split())
    for title in ("Checklist", "Lenders to the exhibition", "Photographic credits"):
        page = re.search(rf"(\d+) {title}|{title} (\d+)", contents)
        assert page, (title, contents)
        number = int(page.group(1) or page.group(2))
        assert title.upper() in " ".join(texts[number - 1].split()).upper()  # a later one: a subheading


def test_a_layout_without_entries_leaves_the_section_out(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", artists={"ann-lee": artist_data("Ann Lee")}, catalog={"layout": "house"})
    add_layout(root, "house", "base: classic\nname: house\n" + SECTIONS)
    text = "\n".join(page_texts(build(root, BuildOptions(press="digital", cache=False, jobs=1)).pdf))
    assert "LENDERS" not in text.upper() and "PHOTOGRAPHIC" not in text.upper() and "Checklist" in text


def test_a_repeated_catalogue_number_is_refused_naming_both_works(tmp_path: Path) -> None:
    artists = two_artists()
    artists["bob-stone"]["works"][1]["cat_no"] = "10"
    with pytest.raises(ContentError) as caught:
        load_project(make_project(tmp_path / "p", artists=artists))
    problem = next(p for p in caught.value.problems if "catalogue number 10" in p.message)
    assert problem.message.startswith("works[2]: catalogue number 10 is also that of works[1] (artist.yaml:")
    assert problem.file is not None and problem.file.parent.name == "bob-stone" and problem.line is not None


def test_the_price_list_holds_every_price_and_the_book_none(tmp_path: Path) -> None:
    artists = two_artists()
    prices = ["€ 2,400", "€ 1,850", None, "€ 3,100", "€ 950"]
    statuses = ["sold", "available", "not_for_sale", "reserved", None]
    for work, price, status in zip(artists["ann-lee"]["works"] + artists["bob-stone"]["works"], prices, statuses,
                                   strict=True):
        work.update({key: value for key, value in (("price", price), ("status", status)) if value})
    root = make_project(tmp_path / "p", artists=artists)
    result = build(root, BuildOptions(press="digital", cache=False, jobs=1, price_list=True))
    assert result.prices is not None and result.prices == result.pdf.with_name(f"{result.pdf.stem}-prices.pdf")
    sheet = " ".join(" ".join(page_texts(result.prices)).split())
    book = " ".join(" ".join(page_texts(result.pdf)).split())
    for price in (p for p in prices if p):
        assert price in sheet and price not in book
    assert "Price list" in sheet and "Price list" not in book
    assert "€ 2,400 · Sold" in sheet and "€ 3,100 · Reserved" in sheet and "Not for sale" in sheet
    order = [m.group(1) for m in re.finditer(r"(?:^|\s)(\d+a?) (?:Ann Lee|Bob Stone), Work", sheet)]
    assert order == ["1", "2", "3", "3a", "10"]
    assert result.prices in result.files
    again = build(root, BuildOptions(press="digital", cache=False, jobs=1))
    assert again.prices is None and "Price list" not in " ".join(page_texts(again.pdf))


REFERENCES = """[
  {"id": "popov2012", "type": "book", "title": "Light of the Steppe",
   "author": [{"family": "Popov", "given": "Bekzat"}],
   "issued": {"date-parts": [[2012]]}, "publisher": "Kumis Kopir Editions", "publisher-place": "Almaty",
   "ISBN": "978-601-0000-00-0", "abstract": "kept out of the way"},
  {"id": "abay2018", "type": "article-journal", "title": "Streets and markets",
   "author": [{"family": "Abayeva", "given": "Dana"}, {"family": "Ospanov", "given": "Kairat"}],
   "container-title": "Central Asian Photography", "volume": "4", "issue": "2", "page": "11-19",
   "issued": {"date-parts": [[2018, 5]]}},
  {"id": "dala", "type": "chapter", "title": "The house of photography", "author": [{"literal": "Dala House"}],
   "container-title": "Almaty Now", "editor": [{"family": "Sadykova", "given": "Aigerim"}], "page": "40-52",
   "publisher": "Samal", "publisher-place": "Almaty", "issued": {"date-parts": [[2014]]}}
]
"""


def test_the_bibliography_is_alphabetical_in_chicago_form(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", artists=two_artists(), catalog={
        "layout": "house", "references": "content/references.json",
        "glossary": {"syrmak": "a felt carpet with inlaid patterns", "dombra": "a two-stringed lute"}})
    (root / "content" / "references.json").write_text(REFERENCES, encoding="utf-8")
    add_layout(root, "house", "base: classic\nname: house\n"
                              "sections: [cover, contents, artists, bibliography, glossary, back_cover]\n")
    texts = page_texts(build(root, BuildOptions(press="digital", cache=False, jobs=1)).pdf)
    text = " ".join(" ".join(texts).split())
    first = text.index("Abayeva, Dana and Kairat Ospanov. “Streets and markets.” Central Asian Photography 4, no. 2 "
                       "(2018): 11–19.")
    second = text.index("Dala House. “The house of photography.” In Almaty Now, edited by Aigerim Sadykova, 40–52. "
                        "Almaty: Samal, 2014.")
    third = text.index("Popov, Bekzat. Light of the Steppe. Almaty: Kumis Kopir Editions, 2012.")
    assert first < second < third
    assert "kept out of the way" not in text and "978-601" not in text
    assert text.index("dombra: a two-stringed lute") < text.index("syrmak: a felt carpet with inlaid patterns")
    assert "Bibliography" in text and "GLOSSARY" in text.upper()


@pytest.mark.parametrize(("content", "message"), [
    ('[{"id": "a", "type": "book"}]', "a reference needs a title"),
    ('[{"title": "T"}]', "a reference needs an id"),
    ('[{"id": "a", "title": "T"}, {"id": "a", "title": "U"}]', "reference id 'a' is also the id of the item"),
    ('{"id": "a"}', "the references file should be a list of items"),
])
def test_bad_references_are_refused_at_their_line(tmp_path: Path, content: str, message: str) -> None:
    root = make_project(tmp_path / "p", artists=two_artists(), catalog={"references": "refs.json"})
    (root / "refs.json").write_text(content, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_project(root)
    problem = next(p for p in caught.value.problems if message in p.message)
    assert problem.file is not None and problem.file.name == "refs.json" and problem.line is not None


def test_a_missing_references_file_is_refused_at_catalog_line(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", artists=two_artists(), catalog={"references": "nowhere.json"})
    with pytest.raises(ContentError) as caught:
        load_project(root)
    problem = next(p for p in caught.value.problems if "references file not found" in p.message)
    assert problem.file == root / "catalog.yaml" and problem.line is not None


def test_every_index_entry_points_at_the_pages_its_marks_are_on(tmp_path: Path) -> None:
    filler = "The photographs were made over twenty years on the steppe and in the city. " * 18
    essay = "\n\n".join([
        f"It began in {{index:Almaty}}. {filler}",
        f"{filler} Later it moved to {{index:the old capital|Almaty}} and to {{index:Berlin}}.",
        f"{filler} {{index:Berlin}} again, and {{index:Kyzylorda}}.",
        f"{filler} Back in {{index:Almaty}} at last."])
    artists = two_artists()
    artists["ann-lee"]["bio"] = "Ann Lee was born in {index:Taraz} and works in {index:Almaty}."
    root = make_project(tmp_path / "p", artists=artists, catalog={
        "layout": "house", "texts": [{"title": "Far and near", "text": essay}]})
    add_layout(root, "house", "base: classic\nname: house\n"
                              "sections: [cover, contents, texts, artists, index, back_cover]\n")
    texts = page_texts(build(root, BuildOptions(press="digital", cache=False, jobs=1)).pdf)
    flat = [" ".join(t.split()) for t in texts]
    assert not any("{index:" in t or "|Almaty" in t for t in flat)
    assert any("moved to the old capital and to Berlin" in t for t in flat)
    index = next(t for t in flat if t.startswith("Index"))
    entries = dict(re.findall(r"([A-Z][\w ,]*?), ((?:\d+(?:–\d+)?(?:, )?)+)", index.removeprefix("Index ")))
    assert set(entries) >= {"Almaty", "Berlin", "Kyzylorda", "Taraz", "Lee, Ann", "Stone, Bob"}

    def pages(shown: str) -> list[int]:
        found = []
        for part in shown.split(", "):
            first, _, last = part.partition("–")
            found += list(range(int(first), int(last or first) + 1))
        return found

    assert len(pages(entries["Almaty"])) >= 3  # the essay's first page, a later one, and the biography
    for entry in ("Almaty", "Berlin", "Kyzylorda", "Taraz"):
        for page in pages(entries[entry]):
            here = flat[page - 1]
            assert entry in here or (entry == "Almaty" and "the old capital" in here), (entry, page)
    for name, entry in (("Ann Lee", "Lee, Ann"), ("Bob Stone", "Stone, Bob")):
        first, last = pages(entries[entry])[0], pages(entries[entry])[-1]
        assert name in flat[first - 1] and last > first  # from the opener to the end of the section
