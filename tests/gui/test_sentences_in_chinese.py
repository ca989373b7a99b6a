"""Under zh_CN the sentences the headless layers write (problem details, gradient-flow cuts,
chain-rule narration, file errors, training's dead-ReLU note, refused edges) read in
Chinese too; numbers, names and math stay as
they are."""

from __future__ import annotations

import re
import sys

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtTest import QTest

from autograd_studio.graph import GraphDocument, load
from autograd_studio.graph.errors import GraphError
from autograd_studio.gui.look.language import install_language
from autograd_studio.gui.look.sentences import said, said_error
from autograd_studio.messages import TEMPLATES, Message
from tests.gui.backward_support import CTRL, EXAMPLES, SHIFT, open_window, press
from tests.gui.canvas_helpers import center, click
from tests.gui.test_code_roundtrip import import_dialog, type_expression
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


def test_a_file_the_editor_cannot_open_is_explained_in_chinese(qtbot, tmp_path, chinese):
    newer = tmp_path / "newer.agraph"
    newer.write_text('{"format": "autograd-studio-graph", "version": 99, "nodes": []}')
    empty = tmp_path / "empty.agraph"
    empty.write_text("")
    window, dialogs = make_window(qtbot, tmp_path, neuron_document())
    assert not window.open_file(newer)
    assert not window.open_file(empty)
    (title, text), (_, empty_text) = dialogs.errors
    assert "newer.agraph" in title
    assert text.startswith("“version”字段处：该文件的格式版本为 99，由更新版本的")
    assert text.endswith("及更早的文件。")
    assert empty_text == "文件是空的。"


def test_the_dead_relu_explanation_is_in_chinese(qtbot, tmp_path, chinese):
    window, _ = make_window(qtbot, tmp_path, load(EXAMPLES / "neuron-dead.agraph"))
    window.actions["actionTrain"].trigger()
    QTest.mouseClick(window.training.panel.step_button, Qt.MouseButton.LeftButton)
    text = window.training.panel.message.text()
    assert text.startswith("在全部 4 行数据上，每个权重的梯度都恰好为 0"), text
    assert "ReLU 'y' 在每一行上的输出都是 0" in text and "死亡 ReLU" in text
    assert "（从 -1.6 到 -0.7）" in text  # the numbers as the English sentence writes them


def test_an_edge_that_would_close_a_cycle_says_so_in_chinese(qtbot, tmp_path, chinese):
    doc = GraphDocument()
    a = doc.add_node("input", label="a", value=1.0, pos=(0, 0))
    m = doc.add_node("op", op="neg", label="m", pos=(200, 0))
    doc.connect(a, m, 0)
    window, _ = make_window(qtbot, tmp_path, doc)
    try:
        window.document.check_connection(m, m, 0)
    except GraphError as error:
        assert said_error(error) == "不能把 'm' 连接到它自己"
        assert str(error) == "cannot connect 'm' to itself"
    else:
        raise AssertionError("a self-loop was accepted")


def test_the_gradient_check_says_kinds_and_pytorchs_absence_in_chinese(
    qtbot, tmp_path, chinese, monkeypatch
):
    monkeypatch.setitem(sys.modules, "torch", None)
    window, _ = open_window(qtbot, tmp_path, "neuron-active")
    press(window, Qt.Key.Key_C, CTRL | SHIFT)
    panel = window.backward_tools.gradcheck_panel
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=30_000)
    kinds = {panel.table.item(row, 1).text() for row in range(panel.table.rowCount())}
    assert kinds == {"输入", "权重"}
    assert "未安装 PyTorch；可用以下命令安装：pip install 'autograd-studio[torch]'" in (
        panel.torch_note.text()
    )


def test_a_gradient_check_without_an_output_says_why_in_chinese(qtbot, tmp_path, chinese):
    doc = GraphDocument()
    doc.add_node("input", label="a", value=1.0, pos=(0, 0))
    doc.add_node("input", label="b", value=1.0, pos=(0, 100))
    window, _ = open_window(qtbot, tmp_path, doc)
    press(window, Qt.Key.Key_C, CTRL | SHIFT)
    panel = window.backward_tools.gradcheck_panel
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=30_000)
    assert "图中没有输出节点" in panel.summary.text()


def test_an_expression_that_cannot_be_imported_says_why_in_chinese(qtbot, tmp_path, chinese):
    window, _ = open_window(qtbot, tmp_path, GraphDocument())
    dialog = import_dialog(window)
    type_expression(qtbot, dialog, "x % 2")
    assert dialog.document() is None
    assert "第 1 列：不允许使用运算符 &#x27;%&#x27;" in dialog.error_label.text()  # html
    assert str(dialog.error()) == "column 1: the operator '%' is not allowed"  # the CLI's
    type_expression(qtbot, dialog, "tanh(x, y)")
    assert "tanh 需要 1 个操作数，实际给了 2 个" in dialog.error_label.text()
    dialog.reject()


def test_in_english_every_sentence_reads_exactly_as_the_command_line_prints_it(qapp):
    install_language("en")
    for key, (_context, template) in TEMPLATES.items():
        count = len(set(_placeholders(template)))
        message = Message(key, *(f"<{n}>" for n in range(count)))
        assert said(message) == message, key


def test_a_selection_that_cannot_become_a_function_says_why_in_chinese(qtbot, tmp_path, chinese):
    window, dialogs = make_window(qtbot, tmp_path, neuron_document())
    view = window.view
    click(view, center(view, "mul"))
    click(view, center(view, "mul1"), CTRL)
    qtbot.waitUntil(lambda: sorted(view.selected_node_ids()) == ["mul", "mul1"], timeout=2000)
    qtbot.waitUntil(window.actions.group.isEnabled, timeout=2000)
    window.actions.group.trigger()
    ((_title, text),) = dialogs.errors
    assert text.startswith("所选部分有 2 个输出（"), text
    assert "一个函数只返回一个值" in text
