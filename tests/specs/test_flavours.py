"""The registry of PDF flavours: what each one means for the written file and the checks."""

from __future__ import annotations

import dataclasses

import pytest

from catalog.source.schema import Enum
from catalog.specs.flavours import FLAVOURS, PLAIN, X1A, X4, PdfFlavour
from catalog.specs.press import PRESS_SCHEMA


def test_flavours_by_name_in_the_order_the_schema_lists_them() -> None:
    assert list(FLAVOURS) == ["plain", "x4", "x1a"]
    assert all(name == flavour.name for name, flavour in FLAVOURS.items())
    enum = PRESS_SCHEMA.fields["pdf"].type
    assert isinstance(enum, Enum) and enum.values == ("plain", "x4", "x1a")
    assert PRESS_SCHEMA.fields["pdf"].default == PLAIN.name


@pytest.mark.parametrize(("flavour", "pdfx_version", "pdf_version", "object_streams", "rgb"), [
    (PLAIN, None, "1.6", True, "warning"),
    (X4, "PDF/X-4", "1.6", True, "warning"),
    (X1A, "PDF/X-1:2001", "1.3", False, "error"),
])
def test_what_each_flavour_writes_and_checks(flavour: PdfFlavour, pdfx_version: str | None, pdf_version: str,
                                            object_streams: bool, rgb: str) -> None:
    assert (flavour.pdfx_version, flavour.pdf_version) == (pdfx_version, pdf_version)
    assert flavour.pdfx == (pdfx_version is not None)  # an output intent and version keys only in PDF/X
    assert flavour.object_streams is object_streams    # PDF 1.4 has none
    assert flavour.rgb_severity == rgb                 # RGB left in a CMYK job
    assert flavour.cmyk_only is (flavour is X1A)


def test_a_flavour_is_a_frozen_record() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        X4.pdf_version = "1.4"  # type: ignore[misc]
