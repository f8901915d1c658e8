"""The tests' own layout (issue 10, "Tests"): test modules hold tests, helpers live in helper modules, and no module
imports from a test module or from a conftest.py, which is for fixtures and pytest hooks only.

Importing from a test module runs its tests a second time under another name and ties tests together;
importing from conftest.py loads it twice (once by pytest, once as a module). Helpers go in a module not named
``test_*`` (tests/web/helpers.py, tests/postgres.py, tests/unit/calendar/factories.py …), which conftest.py and
the test modules both import.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_modules(path: Path, root: Path) -> list[tuple[int, str]]:
    """Every module ``path`` imports, anywhere in it (also inside functions), as (line, dotted name); for
    ``from package import name`` both the package and ``package.name`` (which may be a module)."""
    package = _module_name(path, root).rsplit(".", 1)[0] if path.name != "__init__.py" else _module_name(path, root)
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def _is_test_module_or_conftest(dotted: str) -> bool:
    last = dotted.rsplit(".", 1)[-1]
    return dotted.split(".", 1)[0] == "tests" and (last.startswith("test_") or last == "conftest")


def imports_of_tests_or_conftests(root: Path = TESTS) -> list[str]:
    """'file:line imports module' for every import of a test module or a conftest under ``root``."""
    return [
        f"{path.relative_to(root.parent)}:{line} imports {dotted}"
        for path in sorted(root.rglob("*.py"))
        for line, dotted in _imported_modules(path, root)
        if _is_test_module_or_conftest(dotted)
    ]


def _top_level_functions(path: Path) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [node for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)]


def _is_fixture(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Attribute) and target.attr == "fixture":
            return True
        if isinstance(target, ast.Name) and target.id == "fixture":
            return True
    return False


def misplaced_helpers(root: Path = TESTS) -> list[str]:
    """Test modules without a test, helper modules with tests pytest never collects, conftest.py with helpers."""
    problems = []
    for path in sorted(root.rglob("*.py")):
        where = path.relative_to(root.parent)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        tests = [
            node.name
            for node in tree.body
            if (isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"))
            or (isinstance(node, ast.ClassDef) and node.name.startswith("Test"))
        ]
        if path.name.startswith("test_") and not tests:
            problems.append(f"{where} is named test_* but holds no test: name it as the helper module it is")
        elif path.name == "conftest.py":
            helpers = [
                function.name
                for function in _top_level_functions(path)
                if not _is_fixture(function) and not function.name.startswith("pytest_")
            ] + [node.name for node in tree.body if isinstance(node, ast.ClassDef)]
            if helpers:
                problems.append(f"{where} defines helpers {helpers}: conftest.py is for fixtures and hooks")
        elif not path.name.startswith("test_") and tests:
            problems.append(f"{where} is not named test_* but defines {tests}, which pytest never runs")
    return problems


def test_no_module_imports_from_a_test_module_or_a_conftest():
    problems = imports_of_tests_or_conftests()
    assert not problems, "import helpers from a helpers module instead:\n" + "\n".join(problems)


def test_test_modules_hold_tests_helper_modules_hold_none_and_conftest_holds_fixtures():
    problems = misplaced_helpers()
    assert not problems, "\n".join(problems)


def test_the_layout_checks_see_what_they_look_for(tmp_path):
    """The checks themselves find each kind of breach (absolute, relative and nested imports included)."""
    root = tmp_path / "tests"
    (root / "web").mkdir(parents=True)
    for package in (root, root / "web"):
        (package / "__init__.py").write_text("")
    (root / "conftest.py").write_text("import pytest\n\n@pytest.fixture\ndef app(): ...\n\ndef log_in(): ...\n")
    (root / "web" / "conftest.py").write_text("def pytest_sessionstart(session): ...\n\nclass LiveServer: ...\n")
    (root / "web" / "test_helpers.py").write_text("def log_in(): ...\n")
    (root / "web" / "helpers.py").write_text("def test_forgotten(): ...\n")
    (root / "web" / "test_pages.py").write_text(
        "from tests.web.test_helpers import log_in\n"
        "from . import test_helpers\n"
        "from ..conftest import app\n"
        "def test_page():\n    import tests.web.conftest\n"
    )
    assert [problem.split(" imports ")[1] for problem in imports_of_tests_or_conftests(root)] == [
        "tests.web.test_helpers",
        "tests.web.test_helpers",
        "tests.conftest",
        "tests.web.conftest",
    ]
    assert [problem.split(" ")[0] for problem in misplaced_helpers(root)] == [
        "tests/conftest.py",
        "tests/web/conftest.py",
        "tests/web/helpers.py",
        "tests/web/test_helpers.py",
    ]
