"""``python -m scheduling explain`` as a whole process (issue 11: < 120 ms), paired with ``python -c pass``.

Runs the two commands alternately (``--runs`` times each) and prints the median and minimum of each one's CPU
time (user + system, from ``getrusage`` of the child) and wall time, and the difference: what explain costs on
top of starting Python. CPU time is the figure to compare on a shared machine; wall time waits for other work.
``--pythonpath DIR`` measures another checkout's ``scheduling`` (e.g. ``git archive`` of main, unpacked) with
this venv, for a before/after in one run. ``hyperfine -N`` gives the same picture (benchmarks/README.md).

Bytecode: with ``PYTHONDONTWRITEBYTECODE=1`` (set in some shells) every run compiles the project's modules
again, ~20 ms; an installed package has its bytecode. Measure that case with
``env -u PYTHONDONTWRITEBYTECODE PYTHONPYCACHEPREFIX=/tmp/pycache .venv/bin/python benchmarks/bench_explain.py``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess  # nosec B404  # runs this venv's Python on fixed arguments, never a shell
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "scheduling" / "examples" / "03-just-handed-over.json"


def _run(argv: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one run of ``argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, check=True)  # nosec B603
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--example", type=Path, default=EXAMPLE)
    parser.add_argument("--text", action="store_true", help="explain --text instead of JSON")
    parser.add_argument("--pythonpath", action="append", default=[], help="measure this checkout's scheduling too")
    args = parser.parse_args()
    cwd = tempfile.gettempdir()  # not the repository: its folder would shadow --pythonpath
    explain = ["-m", "scheduling", "explain", str(args.example.resolve()), "--on", "2026-06-01", *(["--text"] if args.text else [])]
    commands = {"python -c pass": ([sys.executable, "-c", "pass"], dict(os.environ))}
    commands["explain (this checkout)"] = ([sys.executable, *explain], dict(os.environ))
    for path in args.pythonpath:
        commands[f"explain ({path})"] = ([sys.executable, *explain], {**os.environ, "PYTHONPATH": str(Path(path).resolve())})
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for argv, env in commands.values():  # warm-up
        _run(argv, env, cwd)
    for _ in range(args.runs):
        for name, (argv, env) in commands.items():
            times[name].append(_run(argv, env, cwd))
    floor = statistics.median(cpu for cpu, _ in times["python -c pass"])
    print(f"{'command':40} {'CPU median':>11} {'CPU min':>9} {'wall median':>12} {'CPU over pass':>14}")
    for name, runs in times.items():
        cpu = statistics.median(c for c, _ in runs)
        print(
            f"{name:40} {cpu * 1e3:8.1f} ms {min(c for c, _ in runs) * 1e3:6.1f} ms "
            f"{statistics.median(w for _, w in runs) * 1e3:9.1f} ms {(cpu - floor) * 1e3:11.1f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
