"""The image stage: probing photographs, preparing them for the press, their cache, and the workers that do it."""
