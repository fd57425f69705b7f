"""Bilingual catalogs: text fields by language, `languages: [en, ru]`, and both languages in the PDF with
each language's typography (Russian quotes «», no-break spaces after one-letter prepositions)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from catalog.builder import BuildOptions, build
from catalog.content.load import load_project
from catalog.errors import ContentError
from catalog.plan import plan_document
from catalog.plan.pages import TextLine
from catalog.specs.layouts import load_layout
from catalog.text import fonts
from tests.support.pdfcheck import page_texts
from tests.support.projects import add_layout, artist_data, make_project

BIO_EN = 'Anna Test was born in Almaty in 1980 and studied painting there before turning to the camera. ' * 3
BIO_RU = ('Анна Тест родилась в Алматы в 1980 году. С 2001 по 2005 год она училась живописи, а серию "Соседи" '
          'показали в 2022 г. в арт-пространстве "Самал" — в её родном городе. ') * 3
NBSP = "\u00a0"
ONE_LETTER = set("вксуоиаяВКСУОИАЯ")


def bilingual_artist(**extra: object) -> dict:
    data = artist_data("Anna Test", works=2, bio={"en": BIO_EN, "ru": BIO_RU},
                       statement={"en": "I photograph the city.", "ru": "Я снимаю город."})
    data["works"][0]["title"] = {"en": "Green Bazaar, Morning", "ru": "Зелёный базар, утро"}
    data["works"][1]["medium"] = {"en": "Pigment print", "ru": "Пигментная печать"}  # the title stays as it is
    data.update(extra)
    return data


def bilingual_project(root: Path, **catalog: object) -> Path:
    return make_project(root, {"anna-test": bilingual_artist()}, catalog={"languages": ["en", "ru"], **catalog})


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_single_string_fields_load_as_before(project: Path) -> None:
    catalog = load_project(project).catalog
    assert catalog.printed_languages == ("en",)
    artist = catalog.artists[0]
    assert artist.bio is not None and artist.bios.languages == ("en",)
    assert artist.works[0].title == "Work 1"
    assert artist.works[0].translations.languages == ("en",)


def test_mappings_load_with_the_main_language_first(tmp_path: Path) -> None:
    catalog = load_project(bilingual_project(tmp_path / "p")).catalog
    assert catalog.printed_languages == ("en", "ru")
    artist = catalog.artists[0]
    assert artist.bio is not None and artist.bio.plain.startswith("Anna Test was born")
    ru = artist.bios.get("ru")
    assert ru is not None and "«Соседи»" in ru.plain and f"в{NBSP}2022{NBSP}г." in ru.plain
    work = artist.works[0]
    assert work.title == "Green Bazaar, Morning"
    russian = work.translations.get("ru")
    assert russian is not None and russian.title == "Зелёный базар, утро" and russian.dimensions == work.dimensions


def test_an_english_only_catalog_prints_the_english_version(tmp_path: Path) -> None:
    """`bio: {en, ru}` in a catalog printing English: the Russian text is kept but not the main one."""
    project = make_project(tmp_path / "p", {"anna-test": bilingual_artist()})
    artist = load_project(project).catalog.artists[0]
    assert artist.bio is not None and artist.bio.plain.startswith("Anna Test")
    assert artist.works[0].title == "Green Bazaar, Morning"


def test_bad_language_codes_are_reported_with_file_and_line(tmp_path: Path) -> None:
    artist = bilingual_artist(bio={"en": "Text.", "Russian": "Текст.", "ru": ""})
    project = make_project(tmp_path / "p", {"anna-test": artist}, catalog={"languages": ["en", "ru", "en"]})
    with pytest.raises(ContentError) as caught:
        load_project(project)
    messages = [problem.format() for problem in caught.value.problems]
    assert any("'Russian' under 'bio' is not a language code" in m and "artist.yaml:" in m for m in messages)
    assert any("'bio.ru' is empty" in m for m in messages)
    assert any("the language 'en' is listed twice" in m and "catalog.yaml:" in m for m in messages)


def test_a_missing_translation_is_a_warning(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"anna-test": bilingual_artist(bio={"en": BIO_EN})},
                           catalog={"languages": ["en", "ru"]})
    warnings = load_project(project).warnings
    assert any(w.code == "missing-language" and "biography has no version in ru" in w.message for w in warnings)


@pytest.mark.parametrize("setting", ["sequential", "side_by_side"])
def test_a_bilingual_build_prints_both_languages(tmp_path: Path, setting: str) -> None:
    project = bilingual_project(tmp_path / "p")
    add_layout(project, "two", f"base: classic\nbilingual:\n  biography: {setting}\n  captions: {setting}\n")
    (project / "catalog.yaml").write_text((project / "catalog.yaml").read_text(encoding="utf-8")
                                          .replace("layout: classic", "layout: two"), encoding="utf-8")
    result = build(project, BuildOptions(press="screen", out=tmp_path / "book.pdf", cache=False, jobs=1))
    text = pdf_text(result.pdf)
    flat = " ".join(text.split())
    assert "studied painting there" in flat
    assert "родилась" in flat and "живописи" in flat
    assert "«Соседи»" in text and "«Самал»" in text
    # ReportLab writes a no-break space as the space glyph, so the PDF shows that the break never comes
    # after a one-letter preposition: no printed line ends with one (pdfium reads lines as printed) ...
    lines = [line.strip() for page in page_texts(result.pdf) for line in page.splitlines()]
    russian = [line for line in lines if "Алматы" in line or "живописи" in line]
    assert russian and "в Алматы" in " ".join(russian)
    assert not [line for line in lines if line.split() and line.split()[-1] in ONE_LETTER], lines
    # ... and the text handed to the PDF has the no-break space itself.
    spec = load_layout("two", project)
    plan = plan_document(load_project(project).catalog, spec, fonts.register(spec.fonts))
    drawn = "\n".join("".join(piece.text for piece in item.pieces)
                      for page in plan.pages for item in page.items if isinstance(item, TextLine))
    assert f"в{NBSP}Алматы" in drawn and f"в{NBSP}2022{NBSP}г." in drawn and f"«Самал»{NBSP}—" in drawn
    assert "Зелёный базар, утро" in flat and "Green Bazaar, Morning" in flat
    assert "Я снимаю город." in flat
    assert "Пигментная печать" in flat
    plate = next(page for page in page_texts(result.pdf) if "Пигментная печать" in page)
    assert plate.count("Work 2") == 1  # an untranslated title is not said twice
    if setting == "sequential":
        assert "РУССКИЙ" in flat.upper()  # the second language's part begins with its name (a subheading)
    else:
        assert "РУССКИЙ" not in flat.upper()
