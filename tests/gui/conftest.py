"""Fixtures for the canvas tests: a document, its editing session and undo stack, and a
view shown at a fixed size (1000 x 700, 1:1 zoom, scene origin near the top-left) so scene
coordinates map to the same pixels in every test."""

from __future__ import annotations

import pytest

from autograd_studio.graph.document import GraphDocument


@pytest.fixture(autouse=True, scope="session")
def _private_app_data():
    """Recovery files (autosave) go to Qt's test locations, never the user's own."""
    from PySide6.QtCore import QStandardPaths

    QStandardPaths.setTestModeEnabled(True)
    yield


@pytest.fixture
def doc() -> GraphDocument:
    return GraphDocument()


@pytest.fixture
def session(qtbot, doc):
    """An editing session over ``doc``."""
    from autograd_studio.gui.editing.session import EditorSession

    return EditorSession(doc)


@pytest.fixture
def undo_stack(session):
    return session.undo_stack


@pytest.fixture
def view(qtbot, session):
    """A shown GraphView over ``doc``: 1:1, the scene point (-40, -40) at the top-left."""
    from autograd_studio.gui.canvas.view import GraphView

    view = GraphView(session)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    view._fitted = True  # the tests place the camera themselves
    view.reset_zoom()
    view.centerOn(460, 310)
    view.graph_scene.finish_items()  # a big graph's items come over frames: all of them now
    view.setFocus()
    yield view
