"""The rules core stays free of the web layer and the database (DEVELOPERS.md: keep the layering strict)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_hold():
    """import-linter checks every contract in pyproject.toml: no Flask/SQLAlchemy/portal in the core."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--config", str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_loads_without_flask_or_sqlalchemy():
    """Importing the pure core in a fresh interpreter pulls in neither Flask, SQLAlchemy nor portal."""
    code = (
        "import sys, scheduling.evaluation, scheduling.course, scheduling.reasons;"
        "bad=[m for m in ('flask','sqlalchemy','portal') if m in sys.modules];"
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, f"core imported {result.stdout.strip()} {result.stderr}"
