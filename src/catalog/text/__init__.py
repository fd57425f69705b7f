"""Setting type: fonts, hyphenation, line breaking, and the typesetter the planner asks for lines."""
