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


def _canvas(image: QImage) -> list[int]:
    # The middle of the window, between the palette and the inspector, below the toolbar:
    # where the nodes show their grads.  (The status bar's messages time out, so a busy
    # machine could grab it blank both before and after a key press.)
    height, width = image.height(), image.width()
    return [
        image.pixel(x, y)
        for y in range(80, height - 40, 2)
        for x in range(width // 4, width * 7 // 10, 2)
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
        grabs = iter(range(10**6))

        def canvas() -> list[int]:
            shot = xserver.grab(window, tmp_path / f"grab{next(grabs)}.png", tmp_path)
            return _canvas(QImage(str(shot)))

        # The graph is drawn when two grabs in a row show the same canvas, and not a blank one.
        shown = [canvas()]
        xserver.wait_until(
            lambda: shown.append(canvas()) or (shown[-1] == shown[-2] and len(set(shown[-1])) > 3),
            "the canvas to show the graph",
        )
        before = shown[-1]
        xserver.press(window, "ctrl+b")  # Backward: every node's grad appears on its card
        xserver.wait_until(
            lambda: _differing(before, canvas()) > 50, "Ctrl+B to show the grads on the canvas"
        )

        xserver.press(window, "ctrl+q")
        _, err = editor.communicate(timeout=120)
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
        # (the title names the document: a bare "Autograd Studio" matches Qt's helper windows)
        window = xserver.wait_for_window("Untitled", editor)
        assert "Untitled" in xserver.window_name(window)
        xserver.press(window, "ctrl+q")
        _, err = editor.communicate(timeout=120)
    finally:
        if editor.poll() is None:
            editor.kill()
            editor.communicate()
    assert editor.returncode == 0, err
