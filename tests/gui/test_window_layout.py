"""Window geometry and docks remembered; show() on an engine graph; the app entry point."""

from __future__ import annotations

from autograd_studio import Node
from autograd_studio.gui.window.settings import StudioSettings
from autograd_studio.gui.window.show import show
from tests.gui.window_support import ScriptedDialogs, make_window, neuron_document


def test_geometry_and_dock_layout_are_restored(qtbot, tmp_path):
    window, _ = make_window(qtbot, tmp_path)
    window.resize(700, 500)  # inside the offscreen screen (800 × 600)
    window.inspector_dock.hide()
    qtbot.waitUntil(lambda: window.size().width() == 700)
    assert window.close()

    again, _ = make_window(qtbot, tmp_path)
    assert again.size().width() == 700 and again.size().height() == 500
    assert again.inspector_dock.isHidden()
    assert not again.palette_dock.isHidden()


def test_settings_never_leave_the_test_folder(qtbot, tmp_path):
    window, _ = make_window(qtbot, tmp_path)
    window.close()
    assert (tmp_path / "settings.ini").is_file()
    assert StudioSettings.at_path(tmp_path / "settings.ini").window_geometry() is not None


def test_show_opens_an_engine_graph_without_blocking(qtbot, tmp_path):
    x1, x2 = Node(2.0, label="x1"), Node(3.0, label="x2")
    w1, w2, b = Node(0.5, label="w1"), Node(-0.8, label="w2"), Node(0.1, label="b")
    y = (w1 * x1 + w2 * x2 + b).relu()
    dialogs = ScriptedDialogs()
    window = show(
        y,
        block=False,
        weights=[w1, w2, b],
        settings=StudioSettings.at_path(tmp_path / "s.ini"),
        dialogs=dialogs,
    )
    qtbot.addWidget(window)
    assert window.isVisible()
    doc = window.document
    assert {r.label for r in doc.nodes.values() if r.kind == "weight"} == {"w1", "w2", "b"}
    assert all(r.pos is not None for r in doc.nodes.values())  # placed so it reads
    # Inputs sit left of the output.
    xs = {r.label: r.pos[0] for r in doc.nodes.values()}
    assert xs["x1"] < doc.nodes[doc.output].pos[0]
    window.run_backward()
    assert window.session.results.grad[doc.output] == 1.0
    assert not window.is_modified
    assert window.close()


def test_show_edits_a_document_in_place(qtbot, tmp_path):
    doc = neuron_document()
    window = show(
        doc, block=False, settings=StudioSettings.at_path(tmp_path / "s.ini"),
        dialogs=ScriptedDialogs(),
    )  # fmt: skip
    qtbot.addWidget(window)
    assert window.document is doc
    window.close()


def test_show_refuses_other_things_clearly():
    import pytest

    with pytest.raises(TypeError, match="Node or GraphDocument"):
        show(3.0, block=False)


def test_window_has_an_icon_and_a_title(qtbot, tmp_path):
    window, _ = make_window(qtbot, tmp_path, neuron_document())
    assert not window.windowIcon().isNull()
    assert window.windowTitle() == "Untitled[*] — Autograd Studio"


def test_appearance_follows_the_scheme_and_the_canvas_follows_the_palette(
    qtbot, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QApplication

    from autograd_studio.gui.look.appearance import apply_appearance

    app = QApplication.instance()
    old_style, old_palette = app.style().name(), app.palette()
    window, _ = make_window(qtbot, tmp_path, neuron_document())
    try:
        monkeypatch.setenv("AUTOGRAD_STUDIO_THEME", "dark")
        apply_appearance(app)
        assert app.palette().window().color().lightness() < 80
        qtbot.waitUntil(lambda: window.view.graph_scene.theme.name == "dark", timeout=2000)
        monkeypatch.setenv("AUTOGRAD_STUDIO_THEME", "light")
        apply_appearance(app)
        assert app.palette().window().color().lightness() > 180
        qtbot.waitUntil(lambda: window.view.graph_scene.theme.name == "light", timeout=2000)
    finally:
        app.setStyle(old_style)
        app.setPalette(old_palette)


def test_on_a_small_screen_the_window_takes_the_screen_and_the_canvas_most_of_it(
    qtbot, tmp_path, monkeypatch
):
    """On a 1280x800 screen the window opened at 90 % (1152x720) with 250 + 300 px docks:
    the canvas was 590 px wide, too narrow for even the 5-node example at readable size."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 1280, 800))
    window, _ = make_window(qtbot, tmp_path)
    assert window.width() >= 1280 - 16 and window.height() >= 800 - 48
    assert window.width() <= 1280 and window.height() <= 800
    qtbot.waitUntil(lambda: window.view.width() > 700)
    assert window.view.width() >= 740


def test_on_a_big_screen_the_window_keeps_its_usual_size(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 1920, 1080))
    window, _ = make_window(qtbot, tmp_path)
    assert (window.width(), window.height()) == (1280, 800)


def test_a_bottom_panel_opens_at_about_its_contents_height(qtbot, tmp_path):
    """Forward and Reverse, Backprop and Gradient Check opened at half the window each: a
    270 px canvas on a 1280x800 screen, above a panel mostly empty."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window, _ = make_window(qtbot, tmp_path, neuron_document())
    window.resize(1264, 752)
    qtbot.waitUntil(lambda: window.height() == 752)
    window.activateWindow()
    window.view.setFocus()
    qtbot.waitUntil(lambda: window.isActiveWindow() and window.view.hasFocus())
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(window.view, Qt.Key.Key_M, keys)  # View > Forward and Reverse
    dock = window.derivative_modes.dock
    qtbot.waitUntil(dock.isVisible)
    qtbot.wait(20)
    assert dock.height() >= dock.widget().minimumSizeHint().height()
    assert window.view.height() >= 752 // 2


def test_the_status_bars_tooltip_follows_its_message_without_a_qt_warning(qtbot, tmp_path, qtlog):
    """Connecting messageChanged straight to setToolTip made libpyside warn on stderr:
    'Cannot add dynamic method "setToolTip(QString)" to QStatusBar'."""
    window, _ = make_window(qtbot, tmp_path, neuron_document())
    window.statusBar().showMessage("a long message " * 20)
    assert window.statusBar().toolTip().startswith("a long message")
    assert not [r.message for r in qtlog.records if "dynamic method" in r.message]
