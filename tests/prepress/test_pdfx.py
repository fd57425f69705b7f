"""PDF/X post-processing parts that the whole-PDF tests cannot pin down."""

from __future__ import annotations

import io
import struct

from PIL import ImageCms

from catalog.prepress.pdfx import srgb_profile_bytes


def test_the_srgb_profile_has_a_fixed_date_not_the_wall_clock() -> None:
    data = srgb_profile_bytes()
    assert struct.unpack(">6H", data[24:36]) == (2000, 1, 1, 0, 0, 0)
    assert data == srgb_profile_bytes()
    profile = ImageCms.ImageCmsProfile(io.BytesIO(data))
    assert "srgb" in ImageCms.getProfileDescription(profile).lower().replace(" ", "")
