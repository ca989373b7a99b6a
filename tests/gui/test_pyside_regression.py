"""PySide6-Essentials 6.12.0 aborts Python 3.11 ("Fatal Python error: none_dealloc") after a
few thousand calls of void Qt methods such as ``QGraphicsItem.setPos``: each call drops a
reference to ``None`` that it never took.  The canvas makes such calls by the thousand, so
this runs 50,000 of them under the installed PySide6.  They run in a subprocess so that an
abort shows up as a failing test with Qt's stderr instead of killing pytest."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap

import pytest

CALLS = 50_000

VOID_CALLS = f"""
import sys
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsScene

app = QApplication(sys.argv[:1])
scene = QGraphicsScene()
item = QGraphicsRectItem(0, 0, 10, 10)
scene.addItem(item)
refs_before = sys.getrefcount(None)
for i in range({CALLS}):
    item.setPos(i, -i)              # void
    item.setPos(QPointF(i, i))      # void, the other overload
    item.setZValue(i % 7)           # void
    item.setToolTip("node")         # void
    item.update()                   # void
print("calls", {CALLS}, "pos", item.pos().x(), item.pos().y(), "z", item.zValue())
print("none-refs-lost", refs_before - sys.getrefcount(None))
"""


def run_qt(code: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run *code* in a fresh headless Python; a crash or abort becomes a test failure."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    try:
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"the Qt subprocess did not finish within {timeout} s: {exc.stderr!r}")
    if result.returncode != 0:
        pytest.fail(
            f"the Qt subprocess died with exit status {result.returncode}"
            f" (negative: killed by signal {-result.returncode})\n"
            f"--- stderr ---\n{result.stderr.strip()}\n--- stdout ---\n{result.stdout.strip()}",
            pytrace=False,
        )
    return result


def test_fifty_thousand_void_qt_calls_survive():
    result = run_qt(VOID_CALLS)
    lines = result.stdout.split("\n")
    assert (
        lines[0] == f"calls {CALLS} pos {float(CALLS - 1)} {float(CALLS - 1)} z {(CALLS - 1) % 7}.0"
    )
    lost = int(lines[1].split()[1])
    # A leaking-None binding loses one reference per call (250,000 here); allow noise.
    assert abs(lost) < 1000, f"void calls changed None's reference count by {lost}"


def test_a_crash_in_the_subprocess_is_reported_with_its_stderr():
    code = textwrap.dedent(
        """
        import os, sys
        sys.stderr.write("Fatal Python error: none_dealloc\\n")
        sys.stderr.flush()
        os.abort()
        """
    )
    with pytest.raises(pytest.fail.Exception) as info:
        run_qt(code)
    assert "none_dealloc" in str(info.value)
    assert "signal" in str(info.value)


def test_pyside6_below_6_12_on_python_before_3_12():
    import PySide6

    if sys.version_info >= (3, 12):
        pytest.skip("PySide6 6.12's none_dealloc abort concerns Python < 3.12 only")
    match = re.match(r"(\d+)\.(\d+)", PySide6.__version__)
    assert match, PySide6.__version__
    version = (int(match[1]), int(match[2]))
    assert version < (6, 12), (
        f"PySide6 {PySide6.__version__} on Python {sys.version.split()[0]}: 6.12 aborts "
        "Python 3.11 (none_dealloc); pyproject.toml pins <6.12 there"
    )
