#!/usr/bin/env python3
"""Refresh the translation catalogs from the GUI sources, then compile them.

    .venv/bin/python scripts/update_translations.py          # lupdate, then lrelease
    .venv/bin/python scripts/update_translations.py --check  # exit 1 if any string is
                                                             # missing or unfinished

Every user-visible string of ``autograd_studio/gui`` goes through ``tr()`` or
``QCoreApplication.translate`` (``QT_TRANSLATE_NOOP`` for tables built before a
translator exists); the sentences the headless layers write come from the one table in
``autograd_studio/messages.py``, scanned too.  ``pyside6-lupdate`` collects them into
``autograd_studio/resources/translations/autograd_studio_<lang>.ts`` (kept in git, edited
with Qt Linguist or by hand) and ``pyside6-lrelease`` compiles each into the ``.qm`` file
the editor loads.  The ``.qm`` files are committed as well, so a checkout and a wheel work
without Qt's tools; a test checks that they match their ``.ts``.  The English catalog holds
only plural forms (``%n node(s)`` -> "1 node", "2 nodes").
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "autograd_studio" / "gui"
# The headless layers' sentences: one table of templates, marked for lupdate, that the
# command line prints in English and the editor translates (autograd_studio/messages.py).
HEADLESS_SENTENCES = ROOT / "autograd_studio" / "messages.py"
CATALOG = "autograd_studio"
LANGUAGES = ("zh_CN", "en")  # en: plural forms only


TS_DIR = ROOT / "autograd_studio" / "resources" / "translations"


def qt_tool(name: str) -> str:
    """``pyside6-<name>`` beside this Python (a venv's bin), else on PATH."""
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    if beside.exists():
        return str(beside)
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        sys.exit(f"pyside6-{name} not found: install PySide6-Essentials into this Python")
    return found


def source_files(sources: Path) -> list[str]:
    found = sorted(str(p) for p in sources.rglob("*.py"))
    return [*found, str(HEADLESS_SENTENCES)] if sources == SOURCES else found


def lupdate(sources: Path, ts: Path, language: str) -> None:
    args = [qt_tool("lupdate"), "-locations", "none", "-no-obsolete"]
    args += ["-source-language", "en", "-target-language", language]
    if language == "en":
        args.append("-pluralonly")
    args += [*source_files(sources), "-ts", str(ts)]
    subprocess.run(args, check=True, capture_output=True, text=True)


def lrelease(ts: Path, qm: Path) -> None:
    args = [qt_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)]
    subprocess.run(args, check=True, capture_output=True, text=True)


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source) -> the ``<message>`` element of catalog *ts*."""
    if not ts.exists():
        return {}
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def unfinished(message: ET.Element) -> bool:
    translation = message.find("translation")
    if translation is None or translation.get("type") in {"unfinished", "vanished", "obsolete"}:
        return True
    forms = translation.findall("numerusform")
    if forms:
        return any(not (form.text or "").strip() for form in forms)
    return not (translation.text or "").strip()


def problems(sources: Path, ts_dir: Path) -> list[str]:
    """What a translator still has to do: strings missing from a catalog or unfinished."""
    found = []
    for language in LANGUAGES:
        ts = ts_dir / f"{CATALOG}_{language}.ts"
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / ts.name
            if ts.exists():
                shutil.copy(ts, fresh)
            lupdate(sources, fresh, language)
            before, after = messages(ts), messages(fresh)
        for key, message in after.items():
            context, source = key
            if key not in before:
                found.append(f"{ts.name}: not in the catalog: [{context}] {source!r}")
            elif unfinished(message):
                found.append(f"{ts.name}: unfinished: [{context}] {source!r}")
        for context, source in before.keys() - after.keys():
            found.append(f"{ts.name}: no longer in the sources: [{context}] {source!r}")
    return found


def fill_english_plurals(ts: Path) -> None:
    """English plural forms follow from the source: ``%n node(s)`` -> ``%n node``, ``%n nodes``."""
    tree = ET.parse(ts)
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if message.get("numerus") != "yes" or translation is None:
            continue
        if not unfinished(message):
            continue
        for form in translation.findall("numerusform"):
            translation.remove(form)
        for text in (
            source.replace("(s)", "").replace("(es)", ""),
            source.replace("(", "").replace(")", ""),
        ):
            ET.SubElement(translation, "numerusform").text = text
        translation.attrib.pop("type", None)
    tree.write(ts, encoding="utf-8", xml_declaration=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report what is missing")
    parser.add_argument("--sources", type=Path, default=SOURCES, help=argparse.SUPPRESS)
    parser.add_argument("--ts-dir", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    ts_dir = args.ts_dir or TS_DIR
    if args.check:
        report = problems(args.sources, ts_dir)
        print("\n".join(report) if report else "every string is translated")
        return 1 if report else 0
    ts_dir.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        ts = ts_dir / f"{CATALOG}_{language}.ts"
        lupdate(args.sources, ts, language)
        if language == "en":
            fill_english_plurals(ts)
        lrelease(ts, ts.with_suffix(".qm"))
        print(f"{ts} -> {ts.with_suffix('.qm').name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
