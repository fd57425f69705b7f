"""What a print shop needs around and after the pages: boxes, crop marks and the slug line, PDF/X, separations,
imposition, and the checks before (preflight) and after (audit) the file is written."""
