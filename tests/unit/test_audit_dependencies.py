"""`make lint`'s dependency audit (issue 9): a known vulnerability fails, a service that audited nothing is said
out loud instead of passing as "no known vulnerabilities"."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit_dependencies.py"


@pytest.fixture
def script():
    spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _reports(script, monkeypatch, **by_service):
    monkeypatch.setattr(script, "audit", lambda service: by_service.get(service))


def test_a_known_vulnerability_fails(script, monkeypatch, capsys):
    _reports(script, monkeypatch, pypi={"dependencies": [
        {"name": "flask", "version": "0.1", "vulns": [{"id": "PYSEC-1", "fix_versions": ["3.1.3"]}]},
        {"name": "jinja2", "version": "3.1.6", "vulns": []},
    ]})
    assert script.main() == 1
    assert "flask 0.1: PYSEC-1 (fixed in: 3.1.3)" in capsys.readouterr().out


def test_a_clean_audit_passes(script, monkeypatch, capsys):
    _reports(script, monkeypatch, pypi={"dependencies": [{"name": "flask", "version": "3.1.3", "vulns": []}]})
    assert script.main() == 0
    assert "no known vulnerabilities in 1 packages" in capsys.readouterr().out


def test_when_no_service_knows_any_package_it_says_not_audited(script, monkeypatch, capsys):
    skipped = {"dependencies": [{"name": "flask", "version": "3.1.3", "skip_reason": "Dependency not found on PyPI"}]}
    _reports(script, monkeypatch, pypi=skipped, osv=None)
    monkeypatch.delenv("SELVBOOKING_REQUIRE_AUDIT", raising=False)
    assert script.main() == 0
    assert "NOT AUDITED" in capsys.readouterr().err
    monkeypatch.setenv("SELVBOOKING_REQUIRE_AUDIT", "1")
    assert script.main() == 2


def test_the_osv_service_is_asked_when_pypi_knows_nothing(script, monkeypatch):
    skipped = {"dependencies": [{"name": "flask", "version": "3.1.3", "skip_reason": "Dependency not found on PyPI"}]}
    vulnerable = {"dependencies": [{"name": "flask", "version": "3.1.3", "vulns": [{"id": "GHSA-x", "fix_versions": []}]}]}
    _reports(script, monkeypatch, pypi=skipped, osv=vulnerable)
    assert script.main() == 1
