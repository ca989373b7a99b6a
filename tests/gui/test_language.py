"""The interface language: English as before, the whole chrome in Chinese, the choice in
View > Language remembered, the system's locale followed, Qt's own buttons translated."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDialogButtonBox

from autograd_studio.gui.look.language import current_language, install_language, resolve_language
from autograd_studio.gui.look.wording import nodes_text
from tests.gui.window_support import make_window, neuron_document

ENGLISH_MENUS = ["&File", "&Edit", "&View", "&Graph", "&Arrange", "&Help"]


@pytest.fixture
def english(qapp):
    install_language("en")
    yield
    install_language("en")


def _menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_the_english_interface_reads_as_it_always_did(qtbot, tmp_path, english):
    window, _ = make_window(qtbot, tmp_path, neuron_document())
    assert _menu_titles(window) == ENGLISH_MENUS
    assert window.actions.backward.text() == "&Backward"
    assert window.actions.undo.text() == "&Undo"
    assert nodes_text(1) == "1 node" and nodes_text(2) == "2 nodes"
    assert nodes_text(65818) == "65,818 nodes"


def test_chinese_menus_actions_badges_and_qt_buttons(qtbot, tmp_path, english):
    install_language("zh_CN")
    doc = neuron_document()
    lonely = doc.add_node("op", op="mul", pos=(600, 300))  # both inputs unconnected
    window, _ = make_window(qtbot, tmp_path, doc)
    titles = _menu_titles(window)
    assert titles[0] == "文件(&F)" and titles[1] == "编辑(&E)" and titles[2] == "视图(&V)"
    assert not set(titles) & set(ENGLISH_MENUS)
    assert window.actions.backward.text() == "反向传播(&B)"
    assert window.actions.backward.statusTip() == "从输出节点开始反向传播，并显示每个梯度"
    qtbot.waitUntil(lambda: lonely in window.session.results.problems, timeout=3000)
    badge = window.view.graph_scene.node_items[lonely].problems()
    assert badge and badge[0].startswith("缺少输入"), badge
    assert nodes_text(3) == "3 个节点"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert buttons.buttons()[0].text() == "取消"  # Qt's own catalog, installed beside ours


def test_view_language_is_remembered_and_offers_a_restart(qtbot, tmp_path, english):
    window, dialogs = make_window(qtbot, tmp_path, neuron_document())
    assert window.actions.language_system.isChecked()
    dialogs.restart_answers.append(False)  # "Later"
    window.actions.language_chinese.trigger()
    assert dialogs.restart_questions == ["简体中文"]
    assert window.settings.language() == "zh_CN"
    assert current_language() == "zh_CN"
    assert window.actions.language_chinese.isChecked()
    assert window.actions.language_english.isChecked() is False
    # A window made from now on speaks Chinese; this one keeps its texts until the restart.
    assert _menu_titles(window) == ENGLISH_MENUS
    later, _ = make_window(qtbot, tmp_path / "later", neuron_document())
    assert _menu_titles(later)[0] == "文件(&F)"
    # Back to the language the window was made in: nothing to restart for.
    window.actions.language_english.trigger()
    assert dialogs.restart_questions == ["简体中文"]
    assert window.settings.language() == "en" and current_language() == "en"
    again, _ = make_window(qtbot, tmp_path / "again", neuron_document())
    assert _menu_titles(again) == ENGLISH_MENUS


def test_the_system_choice_follows_the_locale():
    assert resolve_language("system", QLocale("zh_CN")) == "zh_CN"
    assert resolve_language("system", QLocale("zh_TW")) == "zh_CN"
    assert resolve_language("system", QLocale("de_DE")) == "en"
    assert resolve_language("en", QLocale("zh_CN")) == "en"
    assert resolve_language("zh_CN", QLocale("en_US")) == "zh_CN"


@pytest.mark.slow
def test_a_chinese_system_opens_the_editor_in_chinese(tmp_path):
    script = (
        "from autograd_studio.gui.window.app import ensure_app\n"
        "from autograd_studio.gui.window.main_window import MainWindow\n"
        "app = ensure_app()\n"
        "window = MainWindow()\n"
        "print(window.menuBar().actions()[0].text())\n"
    )
    env = dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8", LANGUAGE="zh_CN")
    env.update(QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path), HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "文件(&F)"
