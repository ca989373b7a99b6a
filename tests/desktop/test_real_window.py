"""The installed ``autograd-studio`` in a real X server: the window a user gets.

The rest of the suite runs Qt offscreen, which needs none of the system libraries of the
xcb platform plugin; these tests start the console script on Xvfb with
``QT_QPA_PLATFORM=xcb``, so a machine where the editor cannot open a window fails here.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtGui import QImage

from tests.cli.conftest import EXAMPLES
from tests.desktop.xserver import XServer, installed_command, start_xvfb

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def xserver():
    yield from start_xvfb()


def _status_bar(image: QImage) -> list[int]:
    # The bottom strip of the window, left part: where the status bar shows its messages.
    height, width = image.height(), image.width()
    return [
        image.pixel(x, y) for y in range(height - 22, height - 4) for x in range(width * 3 // 5)
    ]


def _differing(before: list[int], after: list[int]) -> int:
    return sum(a != b for a, b in zip(before, after, strict=True))


def test_the_editor_opens_an_example_takes_backward_and_quits(xserver: XServer, tmp_path):
    example = tmp_path / "neuron-active.agraph"
    shutil.copyfile(EXAMPLES / "neuron-active.agraph", example)
    editor = subprocess.Popen(
        [str(installed_command()), str(example)],
        env=xserver.env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        window = xserver.wait_for_window("neuron-active.agraph", editor)
        assert xserver.window_name(window) == "neuron-active.agraph — Autograd Studio"
        before = QImage(str(xserver.grab(window, tmp_path / "before.png", tmp_path)))

        xserver.press(window, "ctrl+b")  # Backward
        # The status bar said "Opened ..."; after Backward it names the output it ran from.
        for attempt in range(10):  # the key press and the repaint take their time
            after = QImage(str(xserver.grab(window, tmp_path / f"after{attempt}.png", tmp_path)))
            changed = _differing(_status_bar(before), _status_bar(after))
            if changed > 50:
                break
        assert changed > 50, "Ctrl+B changed nothing in the status bar"

        xserver.press(window, "ctrl+q")
        _, err = editor.communicate(timeout=30)
    finally:
        if editor.poll() is None:
            editor.kill()
            editor.communicate()
    assert editor.returncode == 0, err
    assert "Traceback" not in err
    assert example.read_bytes() == (EXAMPLES / "neuron-active.agraph").read_bytes()


def test_an_empty_editor_opens_untitled_and_quits(xserver: XServer, tmp_path):
    editor = subprocess.Popen(
        [str(installed_command())],
        env=xserver.env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        window = xserver.wait_for_window("Autograd Studio", editor)
        assert "Untitled" in xserver.window_name(window)
        xserver.press(window, "ctrl+q")
        _, err = editor.communicate(timeout=30)
    finally:
        if editor.poll() is None:
            editor.kill()
            editor.communicate()
    assert editor.returncode == 0, err
