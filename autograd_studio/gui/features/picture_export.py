"""File > Export > Image / Selection as Image / DOT in the editor.

Pictures come from :mod:`autograd_studio.gui.canvas.picture` (the same renderer as the command
line's ``render``): the graph as the canvas shows it, with the current ``data`` and
``grad`` (greyed when stale), without the selection outline or hover marks.  The format
follows the file name (``.png`` or ``.svg``); PNG is drawn at the scale chosen in
File > Export > Image Scale (1x, 2x, 4x), on the canvas's background or a transparent one;
both choices are remembered.  DOT is the interop writer's micrograd-style source with the
current results and the canvas positions as ``pos`` (``neato -n2`` redraws the layout).

Where to write is asked through the window's dialogs seam (``export_path``), so tests
answer without a modal dialog.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from autograd_studio.graph.evaluate import EvaluationResult
from autograd_studio.graph.outputfile import write_output
from autograd_studio.gui.canvas.node_geometry import node_size
from autograd_studio.gui.canvas.picture import (
    SVG_TEXT_UP_TO,
    PictureError,
    picture_scene,
    render_png,
    svg_bytes,
    svg_has_text,
)
from autograd_studio.gui.canvas.scene import GraphScene
from autograd_studio.gui.look.wording import nodes_text
from autograd_studio.interop.dot_export import graphviz_positions, to_dot
from autograd_studio.layout import LAYER_GAP

if TYPE_CHECKING:
    from autograd_studio.gui.window.main_window import MainWindow

__all__ = ["DOT_FILTER", "IMAGE_FILTER", "PictureExporter"]

IMAGE_FILTER = QT_TRANSLATE_NOOP("PictureExporter", "PNG image (*.png);;SVG image (*.svg)")
DOT_FILTER = QT_TRANSLATE_NOOP("PictureExporter", "Graphviz DOT (*.dot *.gv);;All files (*)")


class PictureExporter(QObject):
    """The export actions of one main window (installed by the window itself)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        settings = window.settings
        a = window.actions
        # The actions and the File > Export menu are the window's (window/actions.py, menus.py).
        self.scale_actions: dict[int, QAction] = {
            1: a.image_scale1x,
            2: a.image_scale2x,
            4: a.image_scale4x,
        }
        chosen = self.scale()
        for scale, action in self.scale_actions.items():
            action.setChecked(scale == chosen)
            action.triggered.connect(lambda _checked=False, s=scale: self.set_scale(s))
        self.transparent_action = a.transparent_background
        self.transparent_action.setChecked(settings.transparent_export())
        self.transparent_action.toggled.connect(settings.set_transparent_export)

        actions = window.actions
        actions.export_image.triggered.connect(lambda: self.export_image())
        actions.export_selection_image.triggered.connect(lambda: self.export_image(True))
        actions.export_dot.triggered.connect(lambda: self.export_dot())
        window.view.selectionChangedIds.connect(self._on_selection)
        self._on_selection(window.view.selected_node_ids())

    # --- choices -----------------------------------------------------------------------------

    def scale(self) -> int:
        """Pixels per canvas unit of exported PNGs (1, 2 or 4)."""
        return self.window.settings.image_scale()

    def set_scale(self, scale: int) -> None:
        self.window.settings.set_image_scale(scale)
        self.scale_actions[scale].setChecked(True)

    def transparent(self) -> bool:
        return self.transparent_action.isChecked()

    def _on_selection(self, ids: list) -> None:
        self.window.actions.export_selection_image.setEnabled(bool(ids))

    # --- exporting -----------------------------------------------------------------------------

    def export_image(self, selection: bool = False, path: str | None = None) -> bool:
        """Ask where (unless *path* is given) and write the graph, or the selected nodes, as
        a PNG or SVG picture; returns whether a file was written."""
        window = self.window
        view = window.view
        node_ids = view.selected_node_ids() if selection else None
        if selection and not node_ids:
            self._status(self.tr("Select the nodes to export first"))
            return False
        if not window.session.document.nodes:
            self._status(self.tr("Nothing to export: the graph is empty"))
            return False
        if path is None:
            extension = window.settings.image_format()
            suffix = "-selection" if selection else ""
            title = self.tr("Export selection as image") if selection else self.tr("Export image")
            path = window.dialogs.export_path(
                title, self._suggested(f"{suffix}.{extension}"), self.tr(IMAGE_FILTER)
            )
            if not path:
                return False
        fmt = Path(path).suffix.lower().removeprefix(".")
        if not fmt:
            fmt, path = "png", path + ".png"
        if fmt not in ("png", "svg"):
            window.dialogs.error(
                self.tr("Cannot export the image"),
                self.tr("{0}: pictures are PNG or SVG; end the name in .png or .svg.").format(
                    Path(path).name
                ),
            )
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            scene = self._scene(node_ids)
            if fmt == "png":
                rendered = render_png(scene, self.scale(), self.transparent())
                data, what = rendered.data, f"PNG {rendered.width} × {rendered.height}"
                if rendered.scale < self.scale():
                    what += self.tr(" (scaled to {0}x to stay under the size limit)").format(
                        f"{rendered.scale:.3g}"
                    )
            else:
                data = svg_bytes(scene, self.transparent(), title=window.display_name())
                what = "SVG"
                if not svg_has_text(scene):
                    what += self.tr(" (shapes without text: over {0})").format(
                        nodes_text(SVG_TEXT_UP_TO)
                    )
        except PictureError as exc:
            QApplication.restoreOverrideCursor()
            window.dialogs.error(self.tr("Cannot export the image"), str(exc))
            return False
        QApplication.restoreOverrideCursor()
        if not self._write(path, data):
            return False
        window.settings.set_image_format(fmt)
        self._status(self.tr("Exported {0} to {1}").format(what, path))
        return True

    def export_dot(self, path: str | None = None) -> bool:
        """Ask where (unless *path* is given) and write the graph as Graphviz DOT with the
        current results and the canvas's positions."""
        window = self.window
        view = window.view
        if path is None:
            path = window.dialogs.export_path(
                self.tr("Export DOT"), self._suggested(".dot"), self.tr(DOT_FILTER)
            )
            if not path:
                return False
        if not Path(path).suffix:
            path += ".dot"
        document = window.session.document
        top_left = view.graph_scene.node_positions()
        sizes = {node_id: node_size(record.kind) for node_id, record in document.nodes.items()}
        positions = graphviz_positions(document, top_left, sizes, LAYER_GAP)
        source = to_dot(document, self._results(), positions=positions)
        if not self._write(path, source.encode("utf-8")):
            return False
        self._status(
            self.tr("Exported DOT to {0} (draw it as laid out: neato -n2 -Tsvg)").format(path)
        )
        return True

    # --- helpers -------------------------------------------------------------------------------

    def _results(self) -> EvaluationResult:
        """What the canvas shows: the latest results, with any grads shown instead."""
        view = self.window.view
        results = self.window.session.results
        override = view.grad_override()
        if override is not None:
            grad = {node_id: override.get(node_id) for node_id in results.data}
            results = EvaluationResult(results.output, results.data, grad, results.problems)
        return results

    def _scene(self, node_ids: list[str] | None) -> GraphScene:
        view = self.window.view
        stale = self.window.session.grads_stale and view.grad_override() is None
        # The canvas's places, also for nodes the document has no position for yet.
        positions = view.graph_scene.node_positions()
        if node_ids is not None:
            positions = {node_id: positions[node_id] for node_id in node_ids}
        return picture_scene(
            self.window.session.document,
            self._results(),
            stale=stale,
            theme=view.graph_scene.theme,
            node_ids=node_ids,
            positions=positions,
        )

    def _suggested(self, ending: str) -> str:
        window = self.window
        path = window.current_path
        directory = str(Path(path).parent) if path else window.settings.last_directory()
        stem = Path(window.display_name()).stem or "graph"
        return os.path.join(directory, f"{stem}{ending}")

    def _write(self, path: str, data: bytes) -> bool:
        try:
            write_output(path, data)
        except OSError as exc:
            self.window.dialogs.error(
                self.tr("Cannot export"),
                self.tr("{0}: {1}. Nothing was written.").format(path, exc.strerror or exc),
            )
            return False
        return True

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)
