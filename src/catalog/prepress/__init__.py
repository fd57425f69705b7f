"""What a print shop needs around the pages: boxes, marks (and later PDF/X, colour, imposition)."""
