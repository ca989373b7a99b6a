"""Under zh_CN the sentences the headless layers write (problem details, gradient-flow cuts,
chain-rule narration, file errors) read in Chinese too; numbers, names and math stay as
they are."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from autograd_studio.graph import GraphDocument
from autograd_studio.gui.look.language import install_language
from autograd_studio.messages import TEMPLATES
from tests.gui.backward_support import CTRL, open_window, press
from tests.gui.window_support import make_window, neuron_document


@pytest.fixture
def chinese(qapp):
    install_language("zh_CN")
    yield
    install_language("en")


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"\{\d+\}", text))


def test_every_headless_template_has_a_chinese_translation_with_the_same_placeholders(chinese):
    for key, (context, template) in TEMPLATES.items():
        translated = QCoreApplication.translate(context, template)
        assert translated != template, f"{key} is not translated"
        assert _placeholders(translated) == _placeholders(template), key


def test_a_problem_badge_says_what_is_missing_in_chinese(qtbot, tmp_path, chinese):
    doc = neuron_document()
    lonely = doc.add_node("op", op="mul", pos=(600, 300))
    window, _ = make_window(qtbot, tmp_path, doc)
    qtbot.waitUntil(lambda: lonely in window.session.results.problems, timeout=3000)
    badge = window.view.graph_scene.node_items[lonely].problems()
    assert badge == ("缺少输入：输入 a 和 b 未连接",)
    assert window.session.results.problems[lonely][0].message == (
        "inputs a and b are not connected"  # the command line's English, unchanged
    )


def test_a_gradient_flow_cut_is_explained_in_chinese(qtbot, tmp_path, chinese):
    window, _ = open_window(qtbot, tmp_path, "neuron-dead")
    press(window, Qt.Key.Key_B, CTRL)
    press(window, Qt.Key.Key_G, CTRL)
    note = window.view.decorations.note_item("y")
    assert note.texts() == ["relu 的输入 -1.3000 < 0：局部梯度为 0"]
    tip = window.view.graph_scene.tooltip_at(note.mapToScene(note.boundingRect().center()))
    assert "'y'（relu）没有把梯度传给 'w1*x1 + w2*x2 + b'" in tip
    assert "局部梯度为 0" in window.statusBar().currentMessage()


def test_step_through_narration_says_where_the_sum_stands_in_chinese(qtbot, tmp_path, chinese):
    doc = GraphDocument()
    a = doc.add_node("input", label="a", value=3.0, pos=(0, 0))
    y = doc.add_node("op", op="mul", label="y", pos=(260, 0))
    doc.connect(a, y, 0)
    doc.connect(a, y, 1)
    window, _ = open_window(qtbot, tmp_path, doc)
    press(window, Qt.Key.Key_F10)
    press(window, Qt.Key.Key_F10)
    html = window.backward_tools.backprop_panel.details_html()
    assert "grad(a) += grad(y) * a = 1.0000 * 3.0000 = 3.0000，因此 grad(a) = 6.0000" in html
    assert "so grad" not in html
