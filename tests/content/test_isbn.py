"""ISBNs checked as the International ISBN Agency defines them, and refused at their line when wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.content.isbn import IsbnError, check10, check13, isbn13
from tests.support.cli import run
from tests.support.projects import make_project


def test_check_digits_of_the_users_manual_examples() -> None:
    # The ISBN Users' Manual's worked examples: 978-0-306-40615-7 and its ISBN-10, 0-306-40615-2.
    assert check13("978030640615") == "7"
    assert check10("030640615") == "2"
    assert check10("080442957") == "X"  # a remainder of 10 is written X


@pytest.mark.parametrize("written, digits", [
    ("978-601-7891-24-4", "9786017891244"),
    ("ISBN 978-601-7891-24-4", "9786017891244"),
    ("ISBN-13: 978 0 306 40615 7", "9780306406157"),
    ("0-306-40615-2", "9780306406157"),           # an ISBN-10 is printed as its ISBN-13
    ("0-8044-2957-x", "9780804429573"),
])
def test_an_isbn_as_written_gives_the_13_digits_the_barcode_encodes(written: str, digits: str) -> None:
    assert isbn13(written) == digits


@pytest.mark.parametrize("written, says", [
    ("978-601-7891-24-9", "ends in the check digit 9, but the digits before it need 4"),
    ("0-306-40615-3", "ends in the check digit 3, but the digits before it need 2"),
    ("978-601-7891-24", "has 12 characters where an ISBN has 10 or 13 digits"),
    ("977-601-7891-24-4", "does not start with 978 or 979"),
])
def test_a_wrong_isbn_says_what_is_wrong(written: str, says: str) -> None:
    with pytest.raises(IsbnError, match=says):
        isbn13(written)


def test_check_refuses_a_wrong_check_digit_at_its_line(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", catalog={"colophon": {"isbn": "978-601-7891-24-9"}})
    line = next(number for number, text in enumerate((root / "catalog.yaml").read_text().splitlines(), 1)
                if "isbn" in text)
    code, output = run("check", str(root))
    assert code == 2, output
    assert f"catalog.yaml:{line}: the ISBN 978-601-7891-24-9 ends in the check digit 9, but the digits before " \
        "it need 4" in output
    assert "Traceback" not in output


def test_a_price_code_is_five_digits(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", catalog={"colophon": {"isbn": "978-601-7891-24-4", "price_code": "2499"}})
    code, output = run("check", str(root))
    assert code == 2 and "price_code" in output and "52499" in output, output
