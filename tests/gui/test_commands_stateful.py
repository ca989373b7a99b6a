"""Random edit sequences through the undo stack: undo-all gives back the original document,
redo-all the final one (compared with ``to_dict()``), and the scene mirrors the document at
every step."""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from autograd_studio.engine.ops import OPS
from autograd_studio.graph.document import Edge, GraphDocument
from autograd_studio.gui.canvas.scene import GraphScene
from autograd_studio.gui.canvas.theme import LIGHT
from autograd_studio.gui.editing.clipboard import fragment_from_nodes
from autograd_studio.gui.editing.commands import (
    AddNodeCommand,
    ConnectCommand,
    MoveCommand,
    PasteCommand,
    RemoveCommand,
    SetLabelCommand,
    SetOutputCommand,
    SetValueCommand,
)

_app = QApplication.instance() or QApplication([])

coords = st.integers(-2000, 2000).map(float)
values = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
kinds = st.sampled_from([("input", None), ("weight", None)] + [("op", n) for n in OPS])


class EditSequence(RuleBasedStateMachine):
    @initialize(seed_nodes=st.integers(0, 3))
    def start(self, seed_nodes):
        self.doc = GraphDocument()
        prev = None
        for i in range(seed_nodes):
            nid = self.doc.add_node(
                "op" if prev else "input", op="exp" if prev else None, pos=(i * 200.0, 0.0)
            )
            if prev:
                self.doc.connect(prev, nid, 0)
            prev = nid
        self.stack = QUndoStack()
        self.scene = GraphScene(self.doc, LIGHT)
        self._unsubscribe = self.doc.subscribe(self.scene.on_document_event)
        self.original = self.doc.to_dict()

    def _pick(self, data, predicate=lambda r: True):
        ids = [nid for nid, r in self.doc.nodes.items() if predicate(r)]
        return data.draw(st.sampled_from(ids)) if ids else None

    @rule(spec=kinds, x=coords, y=coords, placed=st.booleans())
    def add(self, spec, x, y, placed):
        kind, op = spec
        self.stack.push(AddNodeCommand(self.doc, kind, op=op, pos=(x, y) if placed else None))

    @precondition(lambda self: len(self.doc) >= 2)
    @rule(data=st.data())
    def connect(self, data):
        source = self._pick(data)
        target = self._pick(data, lambda r: r.kind == "op")
        if target is None:
            return
        port = data.draw(st.integers(0, self.doc.nodes[target].arity - 1))
        if self.doc.can_connect(source, target, port, replace=True):  # as the canvas does
            self.stack.push(ConnectCommand(self.doc, source, target, port))

    @precondition(lambda self: len(self.doc) >= 1)
    @rule(data=st.data(), dx=coords, dy=coords)
    def move(self, data, dx, dy):
        ids = data.draw(st.sets(st.sampled_from(list(self.doc.nodes)), min_size=1, max_size=3))
        moves = {}
        for nid in ids:
            old = self.doc.nodes[nid].pos
            base = old or (0.0, 0.0)
            moves[nid] = (old, (base[0] + dx, base[1] + dy))
        self.stack.push(MoveCommand(self.doc, moves))

    @precondition(lambda self: len(self.doc) >= 1)
    @rule(data=st.data())
    def delete(self, data):
        ids = data.draw(st.sets(st.sampled_from(list(self.doc.nodes)), max_size=3))
        edges = self.doc.edges
        chosen = data.draw(st.sets(st.sampled_from(edges), max_size=2)) if edges else set()
        command = RemoveCommand(self.doc, ids, chosen)
        if not command.is_empty():
            self.stack.push(command)

    @precondition(lambda self: len(self.doc) >= 1)
    @rule(data=st.data(), dx=coords)
    def paste(self, data, dx):
        ids = data.draw(st.sets(st.sampled_from(list(self.doc.nodes)), min_size=1, max_size=4))
        self.stack.push(PasteCommand(self.doc, fragment_from_nodes(self.doc, ids), (dx, 40.0)))

    @rule(data=st.data(), value=values)
    def set_value(self, data, value):
        nid = self._pick(data, lambda r: r.kind != "op")
        if nid is not None:
            self.stack.push(SetValueCommand(self.doc, nid, value))

    @rule(data=st.data(), label=st.text("abcxyz_", max_size=5))
    def set_label(self, data, label):
        nid = self._pick(data)
        if nid is not None:
            self.stack.push(SetLabelCommand(self.doc, nid, label))

    @rule(data=st.data(), clear=st.booleans())
    def set_output(self, data, clear):
        nid = None if clear else self._pick(data)
        self.stack.push(SetOutputCommand(self.doc, nid))

    @precondition(lambda self: self.stack.canUndo())
    @rule()
    def undo(self):
        self.stack.undo()

    @precondition(lambda self: self.stack.canRedo())
    @rule()
    def redo(self):
        self.stack.redo()

    @invariant()
    def scene_mirrors_document(self):
        scene, doc = self.scene, self.doc
        assert set(scene.node_items) == set(doc.nodes)
        assert set(scene.edge_items) == set(doc.edges)
        for nid, record in doc.nodes.items():
            item = scene.node_items[nid]
            if record.pos is not None:
                assert (item.x(), item.y()) == record.pos
        for edge in doc.edges:
            assert isinstance(edge, Edge)

    def teardown(self):
        if not hasattr(self, "stack"):
            return
        final = self.doc.to_dict()
        index = self.stack.index()
        while self.stack.canUndo():
            self.stack.undo()
        assert self.doc.to_dict() == self.original
        for _ in range(index):
            self.stack.redo()
        assert self.doc.to_dict() == final
        self._unsubscribe()


EditSequence.TestCase.settings = settings(max_examples=40, stateful_step_count=25, deadline=None)
test_random_edit_sequences_undo_and_redo_exactly = EditSequence.TestCase
