"""The apps are houses with one-way doors: city imports neither half, geo_feedback never imports planning.

Read from the source itself (every module, migrations included), so a new import that ties the
apps into a knot fails here before anyone builds on it.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# app -> the apps it must never import
FORBIDDEN = {
    "city": {"geo_feedback", "planning"},
    "geo_feedback": {"planning"},
}
# Calls whose first argument is a dotted module path: a string import is still an import.
STRING_IMPORTS = {"include", "import_module", "import_string", "get_callable"}


def imported_modules(source: str) -> set[str]:
    """Every module ``source`` imports, by statement or by a dotted string given to include() & co."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in STRING_IMPORTS and isinstance(node.args[0].value, str):
                found.add(node.args[0].value)
    return found


def violations(app: str) -> list[str]:
    problems = []
    for path in sorted((ROOT / app).rglob("*.py")):
        for module in imported_modules(path.read_text(encoding="utf-8")):
            if module.split(".")[0] in FORBIDDEN[app]:
                problems.append(f"{path.relative_to(ROOT)} imports {module}")
    return problems


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_an_app_imports_only_what_lies_below_it(app):
    assert violations(app) == []


def test_the_check_sees_every_kind_of_import():
    # The detector itself: each of these would tie city to a half.
    for line in ("import geo_feedback.models", "from planning.models import X",
                 "from geo_feedback import jobs", "path('x/', include('planning.urls'))",
                 "importlib.import_module('geo_feedback.services')"):
        assert {module.split(".")[0] for module in imported_modules(line)} & {"geo_feedback", "planning"}, line
    assert imported_modules("from . import models") == set()  # relative imports stay inside the app
