"""`make lint`'s dependency audit: pip-audit over the installed environment (.venv), within a time limit.

    python scripts/audit_dependencies.py

* A known vulnerability in an installed package fails (exit 1), unless it is listed in :data:`IGNORED` with the
  reason it cannot be fixed yet (no fixed version, or the vulnerable part is not used).
* pip-audit asks a vulnerability service about every package: PyPI's per-release JSON API, then OSV. When
  neither answers from this machine (a PyPI mirror without the per-release API, no DNS for api.osv.dev, no
  network), pip-audit still prints "No known vulnerabilities found" after skipping every package. This script
  says instead, loudly, that the dependencies were NOT audited — and fails only when
  ``SELVBOOKING_REQUIRE_AUDIT=1`` (set it where the services are reachable, so a silent skip cannot pass there).
* Everything is bounded: each request by pip-audit's ``--timeout``, the whole audit by :data:`TOTAL_SECONDS`.
"""

from __future__ import annotations

import json
import os
import subprocess  # nosec B404  # runs pip-audit from the venv, never a shell
import sys

#: Vulnerability ids to ignore, each with the reason (none today).
IGNORED: dict[str, str] = {}

SERVICES = ("pypi", "osv")
REQUEST_SECONDS = 20
TOTAL_SECONDS = 240


def audit(service: str) -> dict | None:
    """pip-audit's JSON report using ``service``; None when it did not finish in time."""
    command = [
        sys.executable, "-m", "pip_audit", "--skip-editable", "--progress-spinner", "off", "--format", "json",
        "--vulnerability-service", service, "--timeout", str(REQUEST_SECONDS),
    ]
    for vuln in IGNORED:
        command += ["--ignore-vuln", vuln]
    try:
        done = subprocess.run(  # nosec B603  # fixed arguments
            command, capture_output=True, text=True, timeout=TOTAL_SECONDS / len(SERVICES)
        )
    except subprocess.TimeoutExpired:
        print(f"pip-audit ({service}): no answer within {TOTAL_SECONDS // len(SERVICES)} s", file=sys.stderr)
        return None
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"pip-audit ({service}) failed: {last[:300]}", file=sys.stderr)
        return None


def main() -> int:
    for service in SERVICES:
        report = audit(service)
        if report is None:
            continue
        packages = report.get("dependencies", [])
        audited = [p for p in packages if "skip_reason" not in p]
        if not audited:  # the service answered for no package: try the next one
            print(f"pip-audit ({service}): the service knew none of the {len(packages)} packages", file=sys.stderr)
            continue
        vulnerable = [(p, v) for p in audited for v in p.get("vulns", [])]
        for package, vuln in vulnerable:
            fixes = ", ".join(vuln.get("fix_versions", [])) or "no fixed version"
            print(f"{package['name']} {package['version']}: {vuln['id']} (fixed in: {fixes})")
        skipped = len(packages) - len(audited)
        if vulnerable:
            print(f"pip-audit ({service}): {len(vulnerable)} known vulnerabilities; upgrade, or list them in "
                  "scripts/audit_dependencies.py IGNORED with the reason.")
            return 1
        print(f"pip-audit ({service}): no known vulnerabilities in {len(audited)} packages"
              + (f" ({skipped} not audited)" if skipped else "") + ".")
        return 0
    print("pip-audit: DEPENDENCIES NOT AUDITED: no vulnerability service (PyPI's per-release JSON API, OSV) answered "
          "from this machine. Run `make lint` where pypi.org and api.osv.dev are reachable "
          "(SELVBOOKING_REQUIRE_AUDIT=1 makes this an error).", file=sys.stderr)
    return 2 if os.environ.get("SELVBOOKING_REQUIRE_AUDIT") == "1" else 0


if __name__ == "__main__":
    sys.exit(main())
