"""Copy Det Fælles Designsystem's built files from node_modules into portal/static/dkfds (never committed)."""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "dkfds" / "dist"
TARGET = ROOT / "portal" / "static" / "dkfds"


def main() -> int:
    if not SOURCE.is_dir():
        print("node_modules/dkfds is missing: run 'npm ci' first (make does it for you).", file=sys.stderr)
        return 1
    stamp = TARGET / ".version"
    version = (SOURCE.parent / "package.json").read_text(encoding="utf-8")
    if stamp.exists() and stamp.read_text(encoding="utf-8") == version:
        return 0
    if TARGET.exists():
        shutil.rmtree(TARGET)
    for part in ("css", "js", "fonts", "img"):
        shutil.copytree(SOURCE / part, TARGET / part)
    stamp.write_text(version, encoding="utf-8")
    print(f"DKFDS copied to {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
