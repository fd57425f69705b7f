"""Random YAML values and random text through load -> build: a PDF, or a clean CatalogError whose
problems each name a file; never any other exception.

One small project (images written once) is reused by every example; each example rewrites only the
text files (catalog.yaml, artist.yaml, the Markdown files) from a valid base, then mutates some of
them: fields replaced by random values, required fields deleted, unknown keys added, raw YAML
(tags, aliases, deep nesting, dates, huge numbers) spliced in, or a whole file replaced by random text.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.builder import BuildOptions, build, check
from catalog.errors import CatalogError
from tests.support.projects import artist_data, make_project, write_image

OPTIONS = BuildOptions(press="screen", cache=False, jobs=1)

# --- the valid base ------------------------------------------------------------------------------

ARTISTS: dict[str, dict[str, Any]] = {
    "anna-test": artist_data("Anna Test", works=2, portrait="images/portrait.jpg",
                             bio="A short *biography* of Anna.", statement="Light and **steppe**.",
                             awards=[{"year": 2021, "title": "Prize"}]),
    "boris-test": artist_data("Boris Test", works=1, bio="bio.md"),
}
CATALOG: dict[str, Any] = {
    "title": "Test Catalog", "subtitle": "A fixture", "year": 2026, "layout": "classic",
    "artists": list(ARTISTS), "curator": "A. Curator",
    "exhibition": {"title": "Light", "venue": "Hall", "city": "Almaty", "dates": "1–31 May 2026"},
    "cover": {"image": "content/artists/anna-test/images/work-1.jpg"},
    "texts": [{"title": "Foreword", "author": "A. Curator", "file": "content/texts/foreword.md"},
              {"title": "Note", "text": "An inline *note*."}],
    "colophon": {"edition": "300 copies", "isbn": "978-601-7000-00-4", "credits": ["Photos: A. Test"]},
}
MARKDOWN = {
    "content/artists/boris-test/bio.md": "Boris was born in *Astana*.\n\nHe lives there.\n",
    "content/texts/foreword.md": "The *steppe* is wide.\n\nIt is also long.\n",
}
YAML_FILES = {
    "catalog.yaml": CATALOG,
    **{f"content/artists/{slug}/artist.yaml": data for slug, data in ARTISTS.items()},
}


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Images are written once; the examples rewrite only the text files."""
    root = make_project(tmp_path_factory.mktemp("properties") / "project", copy.deepcopy(ARTISTS),
                        copy.deepcopy(CATALOG), image_size=(96, 64))
    write_image(root / "content/artists/anna-test/images/portrait.jpg", (64, 96))
    for name, text in MARKDOWN.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


# --- random values -------------------------------------------------------------------------------

SPECIAL_TEXT = [
    "", " ", "\t", "\n", "\r\n", "\x00", "\x07", "\x1b[31mred", "\x7f", "\x85", "\u2028", "\u2029", "\ufeff",
    "\u00ad", "\u200b", "\u200d", "\u200f", "\u202e", "\ufffd", "\uffff", "\U0010ffff",
    "مرحبا بالعالم", "שלום עולם", "Қайрат Әліұлы", "日本語の題名", "한국어", "ไทย", "हिन्दी",
    "🎨", "👩🏽‍🎨", "🇰🇿", "e\u0301\u0301\u0301", "Z̴̧̛̮a̸l̷g̶o̵", "\u0301", "ﷺ", "ß", "ﬁ",
    "<b>bold</b>", "<script>alert(1)</script>", "</para>", "<font name='x'>", "&amp;", "&#0;", "&",
    "*", "**", "***", "_", "__", "`", "\\", "\\*", "[link](http://x)", "# heading", "- item", "> quote",
    "yes", "no", "on", "off", "y", "~", "null", "NULL", "true", ".nan", ".inf", "-.inf", "0x1F", "0o17",
    "1_000", "1e309", "2020-01-01", "12:30:00", "!!binary", "&anchor", "*alias", "%YAML 1.2", "---", "...",
    "? key", ": value", "key: value", "{", "}", "[", "]", "'", '"', "|", ">", "@", "%", ",", "#", "!",
    "images/../../../../etc/passwd", "/etc/passwd", "C:\\x.jpg", "images/work-1.jpg", "images/",
    "images/portrait.jpg", "bio.md", "../bio.md", "../../../catalog.yaml", "nope.md", "content", ".",
    "..", "a" * 90 + ".jpg", "x/" * 40 + "a.jpg", "ok\x00.jpg", "images/\u202ework-1.jpg",
    "x" * 100, "word " * 600, "Long-hyphenated-" * 100, "\n\n".join(["para"] * 50), "슬픔 " * 300,
]
# Longer unbroken words are left out: as a running head (the catalog's title, an artist's name) a word
# of a few hundred letters takes seconds to shorten and one of thousands takes minutes (plan/front.py,
# _running_head cuts it a letter at a time); test_huge_values_load_cleanly covers such values in loading.
ALPHABET = st.characters(exclude_categories=("Cs",))
# Text the built-in fonts can print (Latin, Cyrillic, punctuation, Markdown marks), so that most
# examples get past loading and exercise the typesetter with odd but valid text.
PRINTABLE = st.text(st.sampled_from(
    "abcdefghijklmnopqrstuvwxyz ABCXYZ 0123456789 .,;:!?'\"()[]{}<>/\\&%$#@*_`~^|+=-–—…«»“”‘’ "
    "àéîõüçñøåæœßÀÉÎ Ѐабвгдежзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі ЁАБВӘҒҚҢӨҰҮҺІ \n\n  \u00ad\u200b\u00a0"),
    min_size=1, max_size=120).filter(str.strip)
TEXT = st.one_of(
    PRINTABLE, PRINTABLE,
    st.sampled_from(SPECIAL_TEXT),
    st.text(ALPHABET, max_size=30),
    st.lists(st.sampled_from(SPECIAL_TEXT[:60]), min_size=1, max_size=6).map("".join),
    st.text(st.sampled_from("abc xyz.\n*_`<>\\-"), max_size=80),
)
SCALAR = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**18, max_value=10**300),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([1000, 2999, 0, -1, 2026]), TEXT,
)
KEY = st.one_of(st.text(ALPHABET, max_size=12), st.sampled_from(["name", "title", "works", "image", "year", "bio",
                                                                 "artists", "<<", "", "born", "kind"]),
                st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False))
VALUE = st.recursive(SCALAR, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEY, inner, max_size=4),
                     max_leaves=8)

# Spliced in as raw text where a value was: what safe_dump would never write.
RAW_YAML = [
    "!!python/object/apply:os.system ['echo pwned > /tmp/pwned-by-catalog']",
    "!!python/object:builtins.dict {a: 1}", "!!python/name:os.system", "!!python/tuple [1, 2]",
    "!!binary aGVsbG8=", "!!binary '%%%'", "2020-01-01", "2020-13-45", "2001-12-14t21:59:43.10-05:00",
    "!!timestamp nonsense", "!!int abc", "!!int 12", "!!float x", "!!bool maybe", "!!null x", "!!str 12",
    "!!set {a, b}", "!!omap [{a: 1}, {b: 2}]", "!!pairs [{a: 1}]", "!!map [1, 2]", "!!seq {a: 1}",
    "!custom x", "!<tag:example.com,2000:x> y", "!!merge x",
    ".nan", "-.inf", "0x_ff", "0b101", "0o777", "1:20", "190:20:30", "-0", "+12", "1" * 80, "1e99999",
    "[" * 60 + "]" * 60, "[" * 3000 + "]" * 3000, "{a: " * 60 + "1" + "}" * 60, "{a: " * 2000 + "1" + "}" * 2000,
    "*undefined", "&a [*a]", "&a {b: *a}", "&a {<<: *a}", "{<<: 5}", "{<<: [5]}", "{<<: {title: merged}}",
    "{? [1, 2] : x}", "{[1]: x}", "{{a: 1}: x}", "{1: a, 2: b}", "{null: a, true: b, 1.5: c}",
    "'\\x00'", '"\\x00\\x07\\u202e"', '"\\ud800"', '"\\udfff x"', '"\\U0001F3A8"', '"\\e\\a\\b"',
    '"\\N\\_\\L\\P"', "|\n  block\n  text", ">-\n  folded\n\n  text", "|9\n x", "'unclosed", '"unclosed',
    "- a\n- b", "a: b: c", "\t", "%", "@x", "`x", "[a, b", "{a: 1", "&", "*", "!", "? x", ": x",
]
RAW_DOCUMENTS = [
    "", "---\n...\n", "--- 1\n--- 2\n", "~", "[]", "{}", "- 1\n- 2\n", "just text", "title: x\ntitle: y\n",
    "%YAML 1.1\n---\ntitle: x\n", "%TAG ! tag:example.com,2000:\n---\n!foo x\n",
    'lol0: &lol0 "lol"\n' + "".join(f'lol{i}: &lol{i} [{", ".join([f"*lol{i - 1}"] * 9)}]\n' for i in range(1, 9)),
    "a: &a\n  <<: *a\n", "x: &x [*x, *x]\n", "? - 1\n  - 2\n: x\n", "title: !!binary aGVsbG8=\n",
    "[" * 2000 + "]" * 2000, "- " * 1500 + "x\n", "a:\n" + "".join(" " * (i + 1) + "a:\n" for i in range(400)),
]


def paths_of(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path in a document, the document itself included."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(paths_of(value, (*prefix, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(paths_of(value, (*prefix, index)))
    return found


def get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def mutate(draw: st.DrawFn, data: Any, raws: list[str]) -> Any:
    """One change somewhere in `data`; raw YAML goes in as a marker replaced after dumping."""
    paths = paths_of(data)
    path = draw(st.sampled_from(paths))
    action = draw(st.sampled_from(["text", "text", "text", "replace", "raw", "delete", "unknown"]))
    if action in ("text", "replace", "raw"):
        if action == "raw":
            raws.append(draw(st.sampled_from(RAW_YAML)))
            value: Any = f"@@RAW{len(raws) - 1}@@"
        elif action == "text":  # most often new text where text was: it reaches the typesetter
            leaves = [p for p in paths if isinstance(get(data, p), str)]
            path = draw(st.sampled_from(leaves)) if leaves else path
            value = draw(TEXT)
        else:
            value = draw(VALUE)
        if not path:
            return value
        get(data, path[:-1])[path[-1]] = value
    elif action == "delete" and path:
        parent = get(data, path[:-1])
        del parent[path[-1]]
    elif action == "unknown":
        target = get(data, path)
        if isinstance(target, dict):
            target[draw(KEY)] = draw(VALUE)
    return data


@st.composite
def project_files(draw: st.DrawFn) -> dict[str, bytes]:
    """The text files of the project after 1-3 changes: name -> bytes to write."""
    docs = copy.deepcopy(YAML_FILES)
    texts = dict(MARKDOWN)
    replaced: dict[str, bytes] = {}
    raws: list[str] = []
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 2, 3, 4]))):
        kind = draw(st.sampled_from(["yaml"] * 7 + ["markdown"] * 2 + ["document"]))
        if kind == "yaml":
            name = draw(st.sampled_from(sorted(docs)))
            docs[name] = mutate(draw, docs[name], raws)
        elif kind == "markdown":
            name = draw(st.sampled_from(sorted(texts)))
            texts[name] = draw(TEXT)
        else:
            name = draw(st.sampled_from(sorted(docs)))
            replaced[name] = draw(st.one_of(
                st.sampled_from(RAW_DOCUMENTS).map(str.encode),
                st.text(ALPHABET, max_size=200).map(str.encode),
                st.lists(st.sampled_from(RAW_YAML + SPECIAL_TEXT), max_size=8).map("\n".join).map(str.encode),
                st.binary(max_size=64)))
    files: dict[str, bytes] = {}
    for name, data in docs.items():
        text = dump(data)
        for index, raw in enumerate(raws):
            text = text.replace(f"'@@RAW{index}@@'", raw)
        files[name] = text.encode()
    files.update(replaced)
    files.update({name: text.encode("utf-8", "surrogatepass") for name, text in texts.items()})
    return files


# --- the property --------------------------------------------------------------------------------

def assert_clean(exc: CatalogError) -> None:
    assert exc.problems, "a CatalogError with no problems"
    for problem in exc.problems:
        assert problem.file is not None, f"problem without a file: {problem.format()}"
    exc.format().encode("utf-8")  # printable as it stands: no lone surrogates in messages


@pytest.mark.slow
@settings(max_examples=400, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(files=project_files())
def test_random_content_builds_or_fails_cleanly(workspace: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (workspace / name).write_bytes(data)
    shutil.rmtree(workspace / "build", ignore_errors=True)

    checked = check(workspace, OPTIONS)
    if checked.stopped:
        assert_clean(CatalogError([p for p in checked.findings if p.severity == "error"]))
    try:
        result = build(workspace, OPTIONS)
    except CatalogError as exc:
        assert_clean(exc)
        return
    assert not checked.stopped, "check stopped where build went through: " + "; ".join(
        p.format() for p in checked.findings)
    with pikepdf.open(result.pdf) as pdf:
        assert len(pdf.pages) > 0
    assert result.pages == len(pdf.pages)


def test_the_base_project_builds(workspace: Path) -> None:
    """The unmutated base is valid, so the examples start from something that builds."""
    for name, data in YAML_FILES.items():
        (workspace / name).write_text(dump(data), encoding="utf-8")
    for name, text in MARKDOWN.items():
        (workspace / name).write_text(text, encoding="utf-8")
    result = build(workspace, OPTIONS)
    assert result.pages > 0
    assert not [p for p in result.findings if p.code == "unused-image"]


HUGE = ["1" * 5000, "-" + "9" * 4400, "1" * 4300 + ".5", "0x" + "f" * 4000, "x" * 5000, "x" * 5000 + " y",
        "!!int " + "1" * 5000, "!!float " + "9" * 5000, "!!binary " + "QUJD" * 2000]
FIELDS = [("catalog.yaml", ("title",)), ("catalog.yaml", ("year",)), ("catalog.yaml", ("artists", 0)),
          ("content/artists/anna-test/artist.yaml", ("name",)),
          ("content/artists/anna-test/artist.yaml", ("born", "year")),
          ("content/artists/anna-test/artist.yaml", ("works", 0, "title")),
          ("content/artists/anna-test/artist.yaml", ("works", 0, "image"))]


@pytest.mark.parametrize("raw", HUGE, ids=lambda raw: f"{raw[:12]}...{len(raw)}")
def test_huge_values_load_cleanly(workspace: Path, raw: str) -> None:
    """Values too big for the hypothesis examples (see SPECIAL_TEXT): loading turns them into text or
    a clean error, field by field; Python's limit on the digits of an int never shows."""
    from catalog.content.load import load_project

    for name, key in FIELDS:
        docs = copy.deepcopy(YAML_FILES)
        get(docs[name], key[:-1])[key[-1]] = "@@RAW0@@"
        for other, data in docs.items():
            (workspace / other).write_text(dump(data).replace("'@@RAW0@@'", raw), encoding="utf-8")
        try:
            load_project(workspace)
        except CatalogError as exc:
            assert_clean(exc)
