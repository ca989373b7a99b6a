"""The entry points: run_editor (what `autograd-studio [FILE]` calls) and the screenshot script."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from autograd_studio.graph.fileformat import save
from autograd_studio.gui.window.main_window import MainWindow
from tests.gui.window_support import neuron_document

ROOT = Path(__file__).resolve().parents[2]


def _isolate_native_settings(tmp_path: Path) -> None:
    # run_editor uses the default QSettings(organization, application): point them here.
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "user-settings"))


def _run_and_capture(monkeypatch, path):
    from autograd_studio.gui.window import app as app_module

    seen = {}

    def fake_exec(_app=None) -> int:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        window = next(w for w in windows if w.isVisible())
        seen["title"] = window.windowTitle()
        seen["nodes"] = len(window.document.nodes)
        seen["path"] = window.current_path
        window.undo_stack.setClean()
        window.close()
        window.deleteLater()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    status = app_module.run_editor(path)
    return status, seen


def test_run_editor_opens_the_file_and_returns_the_exit_status(qtbot, tmp_path, monkeypatch):
    _isolate_native_settings(tmp_path)
    path = tmp_path / "neuron.agraph"
    save(neuron_document(), path)
    status, seen = _run_and_capture(monkeypatch, str(path))
    assert status == 0
    assert seen["nodes"] == 10
    assert seen["path"] == str(path.resolve())
    assert seen["title"].startswith("neuron.agraph")


def test_run_editor_on_a_bad_path_shows_an_empty_editor(qtbot, tmp_path, monkeypatch):
    _isolate_native_settings(tmp_path)
    errors = []
    monkeypatch.setattr(
        "autograd_studio.gui.window.dialogs.QtDialogs.error",
        lambda self, title, text: errors.append(text),
    )
    status, seen = _run_and_capture(monkeypatch, str(tmp_path / "missing.agraph"))
    assert status == 0
    assert seen["nodes"] == 0 and seen["path"] is None
    assert errors and "missing.agraph" in errors[0]


def test_screenshot_script_writes_a_png(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("AUTOGRAD_STUDIO_THEME", "light")
    spec = importlib.util.spec_from_file_location("screenshot", ROOT / "scripts" / "screenshot.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    graph = tmp_path / "neuron.agraph"
    save(neuron_document(), graph)
    out = tmp_path / "shot.png"
    assert module.main([str(graph), "-o", str(out), "--size", "900x600", "--select", "w1"]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (900, 600)
    assert module.main([str(tmp_path / "nope.agraph"), "-o", str(out)]) == 2


def test_screenshot_with_check_shows_the_finished_check(qtbot, tmp_path, monkeypatch):
    # The check runs on a worker thread (forced here for any size): the shot must wait.
    from PySide6.QtWidgets import QWidget

    from autograd_studio.gui.panels import gradient_check
    from autograd_studio.gui.window.main_window import MainWindow

    monkeypatch.setattr(gradient_check, "SYNC_CHECK_NODES", 0)
    running_at_shot = []

    def grab(window, *args):
        running_at_shot.append(window.backward_tools.gradcheck_panel.is_running())
        return QWidget.grab(window, *args)

    monkeypatch.setattr(MainWindow, "grab", grab)
    spec = importlib.util.spec_from_file_location("screenshot", ROOT / "scripts" / "screenshot.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    graph = tmp_path / "neuron.agraph"
    save(neuron_document(), graph)
    out = tmp_path / "shot.png"
    assert module.main([str(graph), "-o", str(out), "--size", "900x600", "--check"]) == 0
    assert running_at_shot == [False]
