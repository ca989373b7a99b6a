"""``GraphDocument.snapshot()``: an equal, independent copy a worker thread can read."""

from __future__ import annotations

from autograd_studio.graph.document import GraphDocument
from autograd_studio.interop.expression import from_expression


def test_a_snapshot_equals_the_document_and_shares_nothing_it_could_change():
    doc = from_expression("relu(w1*x1 + w2*x2 + b)", values={"x1": 2.0, "w1": 0.5})
    doc.metadata["description"] = {"text": "neuron"}
    events = []
    doc.subscribe(events.append)
    snap = doc.snapshot()
    assert snap == doc and snap.to_dict() == doc.copy().to_dict()
    assert snap.evaluate().grad == doc.evaluate().grad
    leaf = next(nid for nid, record in doc.nodes.items() if record.op is None)
    doc.set_value(leaf, 9.0)
    doc.add_node("input", label="late", value=1.0)
    doc.metadata["description"]["text"] = "changed"
    assert snap.nodes[leaf].value != 9.0 and "late" not in {r.label for r in snap.nodes.values()}
    assert snap.metadata["description"]["text"] == "neuron"
    snap.set_value(leaf, 3.0)  # observers of the document hear nothing of the snapshot
    assert all(event.node_id != leaf or event.field != "value" for event in events[1:])
    assert isinstance(GraphDocument().snapshot(), GraphDocument)
