"""`make lint`'s complexity check (issue 10, "Thin views"): a function worse than radon's grade C fails the check,
closures included, where `radon cc` alone would exit 0."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "check_complexity.py"


@pytest.fixture
def script():
    spec = importlib.util.spec_from_file_location("check_complexity", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def branches(name: str, count: int, indent: str = "") -> str:
    """A function with ``count`` if-branches: cyclomatic complexity ``count + 1``."""
    body = "".join(f"{indent}    if x == {n}:\n{indent}        return {n}\n" for n in range(count))
    return f"{indent}def {name}(x):\n{body}{indent}    return -1\n"


def test_a_function_of_grade_c_passes_and_one_of_grade_d_fails(script, tmp_path, capsys):
    (tmp_path / "views.py").write_text(branches("fine", 19) + "\n\n" + branches("tangled", 20))  # 20: C, 21: D
    assert script.main([str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / 'views.py'}:" in out and "tangled: grade D (complexity 21)" in out
    assert "fine" not in out


def test_a_complex_closure_fails_though_radon_leaves_it_out_of_its_function(script, tmp_path, capsys):
    (tmp_path / "views.py").write_text("def view():\n" + branches("inner", 30, indent="    ") + "    return inner\n")
    assert script.main([str(tmp_path / "views.py")]) == 1
    assert "view.inner: grade E" in capsys.readouterr().out


def test_simple_code_passes_and_a_stricter_bar_can_be_asked_for(script, tmp_path, capsys):
    (tmp_path / "views.py").write_text(branches("middling", 12))  # complexity 13: grade C
    assert script.main([str(tmp_path)]) == 0
    assert capsys.readouterr().out == ""
    assert script.main(["--worst", "B", str(tmp_path)]) == 1


def test_a_file_that_cannot_be_parsed_fails_instead_of_passing_unchecked(script, tmp_path, capsys):
    (tmp_path / "broken.py").write_text("def view(:\n")
    assert script.main([str(tmp_path)]) == 1
    assert "broken.py: cannot be analysed" in capsys.readouterr().out
