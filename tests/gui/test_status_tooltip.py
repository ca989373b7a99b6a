"""The status's tooltip lists the first problems and names only the nodes it lists (a
deletion in a big graph can leave thousands of nodes without an input)."""

from __future__ import annotations

from autograd_studio.graph import GraphDocument
from autograd_studio.graph.evaluate import evaluate
from autograd_studio.gui.window import status_bar
from autograd_studio.gui.window.status_bar import TOOLTIP_LINES, OutputStatus


def test_the_tooltip_names_only_the_problems_it_lists(qtbot, monkeypatch):
    doc = GraphDocument()
    x = doc.add_node("input", id="x", value=1.0)
    for k in range(40):  # forty adds, each with its port 1 free
        doc.connect(x, doc.add_node("op", op="add", id=f"a{k}"), 0)
    results = evaluate(doc, backward=False)
    assert len(results.problems) == 40
    named: list[str] = []
    title = status_bar.node_title
    monkeypatch.setattr(status_bar, "node_title", lambda d, n: named.append(n) or title(d, n))
    label = OutputStatus()
    qtbot.addWidget(label)
    label.show_results(doc, results)
    lines = label.toolTip().split("\n")
    assert len(lines) == TOOLTIP_LINES and lines[0].startswith("x + ?: ")
    assert "not connected" in lines[-1]
    assert len(named) <= TOOLTIP_LINES + 1  # (the output's name too, if there is one)
