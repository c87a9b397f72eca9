"""The layers keep their rules (read from the source, so a new file is checked the day it is added):
data_access never imports Streamlit or the layers above it; charts and reports are pure; pages are thin."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

# package -> top-level modules it must never import
FORBIDDEN = {
    "data_access": {"streamlit", "charts", "ui", "pages", "reports", "bench", "tests"},
    "charts": {"streamlit", "ui", "pages", "reports", "bench", "tests", "sqlalchemy", "sqlmodel"},
    "reports": {"streamlit", "ui", "pages", "bench", "tests"},
    "seed": {"streamlit", "charts", "ui", "pages", "reports", "bench", "tests"},
    "ui": {"pages", "bench", "tests"},
    "pages": {"sqlalchemy", "sqlmodel", "bench", "tests"},
}
MAX_PAGE_LINES = 90


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_layer_imports(package):
    bad = {str(p.relative_to(ROOT)): sorted(_imports(p) & FORBIDDEN[package])
           for p in (ROOT / package).rglob("*.py")}
    assert {k: v for k, v in bad.items() if v} == {}


def test_charts_never_touch_the_database():
    for path in (ROOT / "charts").rglob("*.py"):
        text = path.read_text()
        assert "data_access.db" not in text and "data_access.tables" not in text and "engine" not in text, path


@pytest.mark.parametrize("path", sorted(p for p in (ROOT / "pages").glob("*.py") if p.name != "__init__.py"),
                         ids=lambda p: p.name)
def test_pages_are_thin_functions(path):
    text = path.read_text()
    assert "noqa: E402" not in text
    assert "pd.DataFrame(" not in text
    assert "session_state[\"filters\"]" not in text
    assert len(text.splitlines()) <= MAX_PAGE_LINES, f"{path.name} has {len(text.splitlines())} lines"
    tree = ast.parse(text)
    assert any(isinstance(n, ast.FunctionDef) and n.name == "render" for n in tree.body), "defines render(filters)"
    top_level = [n for n in tree.body if not isinstance(n, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.If,
                                                            ast.Assign, ast.AnnAssign, ast.Expr))]
    assert top_level == []
    assert text.rstrip().endswith('if __name__ == "__main__":\n    serve(render)')


@pytest.mark.parametrize("package", ["data_access", "charts", "ui", "pages", "reports", "seed", "bench", "tests"])
def test_every_package_says_what_it_holds_and_may_import(package):
    init = ROOT / package / "__init__.py"
    doc = ast.get_docstring(ast.parse(init.read_text())) or ""
    assert len(doc) > 40 and "import" in doc, f"{package}/__init__.py needs a docstring naming what it may import"
