"""Keep the catalogues in step with the code.

    python scripts/i18n.py update   # extract, update da and en, copy Danish msgids into the da catalogue
    python scripts/i18n.py check    # exit 1 and list what is missing, untranslated, fuzzy or stale

Danish is the source language: message ids are Danish, so the Danish catalogue is the ids themselves; the
English catalogue must translate every one.
"""

from __future__ import annotations

import subprocess  # nosec B404  # runs pybabel from the venv, never a shell
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "messages.pot"
KEYWORDS = ["-k", "N_", "-k", "_l", "-k", "lazy_gettext"]


def pybabel(*args: str) -> None:
    exe = Path(sys.executable).parent / "pybabel"
    subprocess.run([str(exe), *args], cwd=ROOT, check=True, capture_output=True, text=True)  # nosec B603  # fixed arguments


def extract(target: Path) -> None:
    pybabel("extract", "-F", "babel.cfg", *KEYWORDS, "--no-location", "--sort-output", "-o", str(target), ".")


def catalogue(locale: str) -> Path:
    return TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"


def update() -> int:
    extract(POT)
    for locale in ("da", "en"):
        if catalogue(locale).exists():
            pybabel("update", "-i", str(POT), "-d", "translations", "-l", locale, "--no-fuzzy-matching", "--ignore-obsolete")
        else:
            pybabel("init", "-i", str(POT), "-d", "translations", "-l", locale)
    # Both catalogues are written the same way every time, so an update only shows real changes in a diff.
    for locale in ("da", "en"):
        path = catalogue(locale)
        with path.open("rb") as f:
            cat = read_po(f, locale=locale)
        if locale == "da":  # Danish is the source language: the ids are the Danish texts
            for message in cat:
                if message.id and not message.string:
                    message.string = message.id
        with path.open("wb") as f:
            write_po(f, cat, omit_header=False, sort_output=True, width=110)
    print("Catalogues updated. Translate the empty msgstr entries in translations/en/LC_MESSAGES/messages.po.")
    return 0


def problems() -> list[str]:
    """What is wrong with the catalogues: missing ids, empty or fuzzy translations, ids no longer in the code."""
    found: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.pot"
        extract(fresh)
        with fresh.open("rb") as f:
            wanted = {m.id for m in read_po(f) if m.id}
    for locale in ("da", "en"):
        path = catalogue(locale)
        if not path.exists():
            found.append(f"{locale}: the catalogue {path.relative_to(ROOT)} is missing")
            continue
        with path.open("rb") as f:
            cat = read_po(f, locale=locale)
        have = {m.id: m for m in cat if m.id}
        for msgid in sorted(wanted - set(have), key=str):
            found.append(f"{locale}: not in the catalogue (run scripts/i18n.py update): {msgid!r}")
        for msgid in sorted(set(have) - wanted, key=str):
            found.append(f"{locale}: stale, no longer in the code: {msgid!r}")
        for msgid, message in have.items():
            if msgid not in wanted:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if not all(strings):
                found.append(f"{locale}: untranslated: {msgid!r}")
            if message.fuzzy:
                found.append(f"{locale}: fuzzy: {msgid!r}")
    return found


def check() -> int:
    found = problems()
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    sys.exit({"update": update, "check": check}[command]())
