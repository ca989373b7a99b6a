"""The translation catalogs: every user-visible GUI string is in them and translated, and
the compiled ``.qm`` files are the ones their ``.ts`` sources give.

``scripts/update_translations.py --check`` runs ``pyside6-lupdate`` over the GUI sources
into a copy of each catalog and lists what a translator still has to do; these tests run it
on the real sources and on planted ones, so the checker itself is checked.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "update_translations.py"


def _ts_dir() -> Path:
    from autograd_studio.resources import resource

    return resource("translations")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_every_gui_string_is_in_the_chinese_catalog_and_translated():
    result = _run("--check")
    assert result.returncode == 0, (
        "GUI strings without a Chinese translation. Run "
        "`.venv/bin/python scripts/update_translations.py`, give each new message of "
        "autograd_studio/resources/translations/autograd_studio_zh_CN.ts its translation "
        '(Qt Linguist, or by hand: <translation type="unfinished"></translation> -> '
        "<translation>中文</translation>), then run the script again to compile the .qm:\n"
        + result.stdout
    )


@pytest.mark.slow
def test_the_check_reports_a_string_that_is_not_in_the_catalog(tmp_path):
    sources = tmp_path / "gui"
    sources.mkdir()
    (sources / "panel.py").write_text(
        "from PySide6.QtCore import QObject\n"
        "class Panel(QObject):\n"
        "    def title(self):\n"
        "        return self.tr('A string nobody translated yet')\n",
        encoding="utf-8",
    )
    ts_dir = tmp_path / "translations"
    shutil.copytree(_ts_dir(), ts_dir)
    result = _run("--check", "--sources", str(sources), "--ts-dir", str(ts_dir))
    assert result.returncode == 1
    assert "A string nobody translated yet" in result.stdout
    assert "autograd_studio_zh_CN.ts" in result.stdout


@pytest.mark.slow
def test_the_compiled_catalogs_match_their_sources(tmp_path):
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    for ts in sorted(_ts_dir().glob("*.ts")):
        qm = tmp_path / ts.with_suffix(".qm").name
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
        committed = ts.with_suffix(".qm")
        assert committed.exists(), f"{committed.name} is missing: run update_translations.py"
        assert committed.read_bytes() == qm.read_bytes(), (
            f"{committed.name} is older than {ts.name}: run scripts/update_translations.py"
        )
