"""The import graph of src/catalog/: each stage imports only the stages before it, so the tree shows
the pipeline and no package cycle can form."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "catalog"
SHARED = {"errors", "units", "model", "colour", "paths", "resources", "outputs", "__init__"}
LAYERS = ("shared", "source", "content", "specs", "text", "images", "plan", "render", "prepress", "builder",
          "authoring", "review", "cli", "__main__")
"""In pipeline order, as the README's map lists them: a package may import its own modules and the
layers before it, never one after it."""
LIMIT = 450  # lines; a longer module says why in its docstring


def _layer(parts: tuple[str, ...]) -> str:
    head = parts[0] if parts else "__init__"
    return "shared" if head in SHARED else head


def _is_module(parts: tuple[str, ...]) -> bool:
    return SRC.joinpath(*parts).with_suffix(".py").is_file() or SRC.joinpath(*parts, "__init__.py").is_file()


def _imports() -> dict[tuple[str, ...], set[tuple[str, ...]]]:
    """Module -> the catalog modules it imports, as dotted parts below `catalog`."""
    found: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        package = parts[:-1]
        targets: set[tuple[str, ...]] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package[:len(package) - (node.level - 1)]
                module = base + tuple(node.module.split(".")) if node.module else base
                if node.module:
                    targets.add(module)
                else:  # `from . import x`: the module x, or a name defined in the package
                    targets.update((*base, alias.name) if _is_module((*base, alias.name)) else base
                                   for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("catalog."):
                targets.add(tuple(node.module.split(".")[1:]))
            elif isinstance(node, ast.Import):
                targets.update(tuple(a.name.split(".")[1:]) for a in node.names if a.name.startswith("catalog."))
        found[parts] = {t for t in targets if t}
    return found


def test_every_package_is_a_known_layer() -> None:
    known = set(LAYERS)
    assert {_layer(parts) for parts in _imports()} <= known


def test_stages_import_only_earlier_stages() -> None:
    backward = []
    for module, targets in _imports().items():
        here = LAYERS.index(_layer(module))
        for target in targets:
            if LAYERS.index(_layer(target)) > here:
                backward.append(f"{'.'.join(module)} imports {'.'.join(target)}")
    assert backward == []


def test_modules_are_short_or_say_why() -> None:
    long = []
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        doc = ast.get_docstring(ast.parse(text)) or ""
        if len(text.splitlines()) > LIMIT and "long because" not in doc:
            long.append(f"{path.relative_to(SRC)}: {len(text.splitlines())} lines")
    assert long == []
