"""The gradient-flow view: the canvas shows where gradient went and where it stopped.

With View > Gradient Flow on, after a Backward:

- every edge is drawn by the |gradient| it carried (width and colour on a log scale over the
  graph's range; a legend in the canvas's corner gives the range); edges that carried
  nothing are thin dashed lines, edges whose gradient is nan red dashed ones;
- nodes whose gradient is exactly zero are faded;
- an op that received gradient but passed none to an input (the notebook's dead ReLU) gets
  a red note with the reason, ``relu input -1.3000 < 0: local gradient 0``, and a cross on
  that input.

The numbers come from :func:`autograd_studio.analysis.flow.gradient_flow`; this module only
turns them into looks.  Without fresh grads (no Backward yet, or an edit since) the marks
are cleared and the legend says to press Backward.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QWidget

from autograd_studio.analysis.flow import GradientFlow, gradient_flow
from autograd_studio.gui.canvas.decoration_items import paint_cut_mark
from autograd_studio.gui.canvas.decorations import DIMMED_OPACITY
from autograd_studio.gui.canvas.theme import Theme
from autograd_studio.gui.canvas.view import GraphView
from autograd_studio.gui.editing.session import EditorSession
from autograd_studio.gui.features.flow_looks import (
    MAX_WIDTH,
    MIN_WIDTH,
    FlowEdgeStyles,
    FlowNotes,
    flow_color,
    flow_width,
)
from autograd_studio.gui.look.sentences import said
from autograd_studio.gui.look.wording import edges_text, english_plural, nodes_text
from autograd_studio.numbers import canvas_number

__all__ = [
    "MAX_WIDTH",
    "MIN_WIDTH",
    "FlowLegendWidget",
    "GradientFlowView",
    "flow_color",
    "flow_width",
]

_CLIENT = "flow"
#: Cut sentences in the legend's tooltip (its text counts them all).
TOOLTIP_CUTS = 12


class GradientFlowView(QObject):
    """Keeps the flow marks on one view in step with its results while :attr:`enabled`.

    ``flow`` is the :class:`GradientFlow` shown (``None`` when off or without fresh grads);
    ``changed`` fires after every recomputation, ``statusMessage`` carries the explanation.
    """

    changed = Signal()
    statusMessage = Signal(str)

    def __init__(
        self, session: EditorSession, view: GraphView, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.view = view
        self.enabled = False
        self.flow: GradientFlow | None = None
        #: what the canvas shows while on (``None`` when off): see ``flow_looks``.
        self.edge_styles: FlowEdgeStyles | None = None
        self.notes: FlowNotes | None = None
        self.legend = FlowLegendWidget(view)
        self.legend.hide()
        session.resultsPublished.connect(self._on_results)

    def set_enabled(self, on: bool) -> None:
        """Turn the view on (marks and legend) or off (the canvas as usual)."""
        self.enabled = bool(on)
        self.refresh()
        if self.enabled and self.flow is not None:
            lines = [said(line) for line in self.flow.describe(self.session.document, limit=1)]
            if lines:
                self.statusMessage.emit(lines[0])

    def refresh(self) -> None:
        """Recompute from the view's current results and put the marks on the canvas."""
        view, session = self.view, self.session
        results = session.results
        fresh = (
            self.enabled
            and results.output is not None
            and not session.grads_stale
            # after Zero Grad every grad is 0, the output's seed too: nothing flowed
            and any(g for g in results.grad.values())
        )
        self.flow = gradient_flow(session.document, results) if fresh else None
        if self.flow is None:
            self.edge_styles = self.notes = None
            view.set_edge_styles(None)
            view.set_dimmed(())
            view.set_notes(_CLIENT, None)
        else:
            self._apply(self.flow)
        self.legend.set_flow(self.flow, session.document, view.graph_scene.theme)
        self.legend.setVisible(self.enabled)
        if self.enabled:
            self.legend.place()
        self.changed.emit()

    def _apply(self, flow: GradientFlow) -> None:
        # The looks are mappings worked out per edge and per note when the canvas asks
        # (flow_looks): nothing here walks the graph's edges or writes its cuts' notes.
        view, doc = self.view, self.session.document
        self.edge_styles = FlowEdgeStyles(doc, flow, view.graph_scene.theme)
        self.notes = FlowNotes(doc, flow)
        view.set_edge_styles(self.edge_styles)
        view.set_dimmed(flow.zero_grad)
        view.set_notes(_CLIENT, self.notes)

    def _on_results(self, _result) -> None:
        if self.enabled:
            self.refresh()


class _Row(NamedTuple):
    """One row of the legend: a text in *rect*, and which sample (if any) sits left of it."""

    text: str
    rect: QRectF
    font: QFont
    sample: str = ""  # "scale", "zero-edge", "zero-node", "cut", "nan" or ""
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft
    strong: bool = False


class FlowLegendWidget(QWidget):
    """The legend painted in the canvas's bottom-left corner: the log scale of |grad|, the
    dashed "no gradient" edge, the faded "grad exactly 0" node, the cut mark, and the first
    cut in words."""

    WIDTH = 318
    MARGIN = 12
    PAD = 12.0
    SAMPLE_W = 44.0  # room left of a row for its sample

    def __init__(self, view) -> None:
        super().__init__(view)
        self.setObjectName("flowLegend")
        self._view = view
        self._flow: GradientFlow | None = None
        self._sentence = ""
        self._theme: Theme | None = None
        self._has_output = True
        self._font = QFont("DejaVu Sans")
        self._font.setPointSizeF(8.5)
        self._bold = QFont(self._font)
        self._bold.setBold(True)
        self._rows: list[_Row] = []
        # A click folds the legend to its title (and unfolds it): it never has to cover the
        # graph, however small the canvas (a bottom panel open).
        self.collapsed = False
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        view.installEventFilter(self)

    # --- content -----------------------------------------------------------------------------

    def set_flow(self, flow: GradientFlow | None, doc, theme: Theme) -> None:
        self._flow = flow
        self._theme = theme
        self._has_output = doc.output is not None
        lines = (
            [said(line) for line in flow.describe(doc, limit=TOOLTIP_CUTS)]
            if flow is not None
            else []
        )
        self._sentence = lines[0] if flow is not None and flow.cuts else ""
        self.setToolTip("\n".join(lines))
        self._relayout()

    def set_collapsed(self, collapsed: bool) -> None:
        """Fold the legend to its title (``True``) or show all of it."""
        self.collapsed = collapsed
        self._relayout()
        if self.isVisible():
            self.place()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.set_collapsed(not self.collapsed)
            event.accept()
            return
        super().mousePressEvent(event)

    def _relayout(self) -> None:
        self._rows = self._layout()
        bottom = max(row.rect.bottom() for row in self._rows)
        width = self.WIDTH if not self.collapsed else int(self._rows[0].rect.width() / 2)
        self.setFixedSize(width, int(bottom + (self.PAD if not self.collapsed else 6)))
        self.update()

    def text(self) -> str:
        """Everything the legend says, as plain text (for tests and screen readers)."""
        return "\n".join(row.text for row in self._rows if row.text)

    def _layout(self) -> list[_Row]:
        pad, w = self.PAD, self.WIDTH - 2 * self.PAD
        title = self.tr("Gradient flow") + ("  ▸" if self.collapsed else "  ▾")
        rows = [_Row(title, QRectF(pad, 8, w, 16), self._bold, strong=True)]
        if self.collapsed:
            return rows
        y = 28.0
        flow = self._flow
        if flow is None:
            if self._has_output:
                hint = self.tr("Press Backward (Ctrl+B) to see where the gradient flows.")
            else:  # Backward would do nothing: say what it needs first
                hint = self.tr("No output node: set one (right-click a node), then press Backward.")
            rows.append(_Row(hint, QRectF(pad, y, w, 32), self._font))
            return rows
        if flow.legend is not None:
            rows.append(
                _Row(
                    self.tr("|grad| along each edge, log scale"), QRectF(pad, y, w, 14), self._font
                )
            )
            y += 18
            rows.append(_Row("", QRectF(pad, y, w, 16), self._font, "scale"))
            y += 18
            low, high = canvas_number(flow.legend.low), canvas_number(flow.legend.high)
            rows.append(_Row(low, QRectF(pad, y, w / 2, 14), self._font))
            right = Qt.AlignmentFlag.AlignRight
            rows.append(_Row(high, QRectF(pad + w / 2, y, w / 2, 14), self._font, align=right))
            y += 20
        else:
            none = self.tr("No edge carries any gradient.")
            rows.append(_Row(none, QRectF(pad, y, w, 14), self._font))
            y += 20
        zero = len(flow.zero_grad)
        cuts = len(flow.cuts)
        x, tw = pad + self.SAMPLE_W, w - self.SAMPLE_W
        samples = [
            (self.tr("no gradient along this edge"), "zero-edge"),
            (self.tr("grad exactly 0: {0}").format(nodes_text(zero)), "zero-node"),
            (
                english_plural(self.tr("gradient stops here: %n input(s)", "", cuts), cuts),
                "cut",
            ),
        ]
        undefined = len(flow.undefined)
        if undefined:  # drawn red and dashed like a cut, but nothing was cut: say what it is
            samples.append((self.tr("gradient is nan: {0}").format(edges_text(undefined)), "nan"))
        for text, sample in samples:
            rows.append(_Row(text, QRectF(x, y, tw, 16), self._font, sample))
            y += 20
        if self._sentence:
            y += 2
            metrics = QFontMetricsF(self._font)
            box = metrics.boundingRect(
                QRectF(pad, y, w, 400), Qt.TextFlag.TextWordWrap, self._sentence
            )
            rows.append(
                _Row(self._sentence, QRectF(pad, y, w, box.height() + 2), self._font, strong=True)
            )
        return rows

    # --- geometry ----------------------------------------------------------------------------

    def place(self) -> None:
        """Keep to the view's bottom-left corner."""
        self.move(self.MARGIN, self._view.height() - self.height() - self.MARGIN)
        self.raise_()

    def eventFilter(self, watched, event) -> bool:
        if watched is self._view and event.type() == QEvent.Type.Resize and self.isVisible():
            self.place()
        return False

    # --- painting ----------------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        theme = self._theme or self._view.graph_scene.theme
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        background = QColor(theme.card)
        background.setAlpha(240)
        painter.setPen(QPen(theme.card_border, 1.0))
        painter.setBrush(background)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8)
        for row in self._rows:
            if row.text:
                painter.setFont(row.font)
                painter.setPen(theme.text if row.strong else theme.muted)
                painter.drawText(row.rect, row.align | Qt.TextFlag.TextWordWrap, row.text)
            if row.sample:
                self._paint_sample(painter, theme, row)
        painter.end()

    def _paint_sample(self, painter: QPainter, theme: Theme, row: _Row) -> None:
        y = row.rect.center().y()
        x0 = self.PAD + 2
        if row.sample == "scale":  # thickness and colour grow like the edges'
            n, w = 48, row.rect.width()
            painter.setPen(Qt.PenStyle.NoPen)
            for i in range(n):
                strength = i / (n - 1)
                width = flow_width(strength)
                painter.setBrush(flow_color(strength, theme))
                painter.drawRect(
                    QRectF(row.rect.left() + w * i / n, y - width / 2, w / n + 0.6, width)
                )
        elif row.sample == "zero-edge":
            painter.setPen(QPen(theme.stale, 1.6, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x0, y), QPointF(x0 + 32, y))
        elif row.sample == "nan":
            painter.setPen(QPen(theme.problem, 2.5, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x0, y), QPointF(x0 + 32, y))
        elif row.sample == "zero-node":
            painter.setOpacity(DIMMED_OPACITY + 0.2)
            painter.setPen(QPen(theme.card_border, 1.0))
            painter.setBrush(theme.card)
            painter.drawRoundedRect(QRectF(x0 + 1, y - 7, 30, 14), 3, 3)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.weight_tint)
            painter.drawRoundedRect(QRectF(x0 + 1, y - 7, 30, 5), 2, 2)
            painter.setOpacity(1.0)
        elif row.sample == "cut":
            paint_cut_mark(painter, QPointF(x0 + 16, y), theme, radius=7.0, ring=1.5, stroke=1.8)
