"""The gradient-flow view: the canvas shows where gradient went and where it stopped.

With View > Gradient Flow on, after a Backward:

- every edge is drawn by the |gradient| it carried (width and colour on a log scale over the
  graph's range; a legend in the canvas's corner gives the range); edges that carried
  nothing are thin dashed lines;
- nodes whose gradient is exactly zero are faded;
- an op that received gradient but passed none to an input (the notebook's dead ReLU) gets
  a red note with the reason, ``relu input -1.3000 < 0: local gradient 0``, and a cross on
  that input.

The numbers come from :func:`autograd_studio.analysis.flow.gradient_flow`; this module only
turns them into looks.  Without fresh grads (no Backward yet, or an edit since) the marks
are cleared and the legend says to press Backward.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QWidget

from autograd_studio.analysis.flow import GradientFlow, gradient_flow
from autograd_studio.gui.canvas.decorations import DIMMED_OPACITY, EdgeStyle, NodeNote
from autograd_studio.gui.canvas.theme import Theme
from autograd_studio.viz import format_number

__all__ = ["FlowLegendWidget", "GradientFlowView", "flow_color", "flow_width"]

MIN_WIDTH = 1.5
MAX_WIDTH = 8.0
_CLIENT = "flow"
_LIGHT_RAMP = ("#fdae6b", "#e6550d", "#8c2d04")
_DARK_RAMP = ("#9c4f1f", "#f76707", "#ffd8a8")


def flow_width(strength: float) -> float:
    """Edge width for a strength in [0, 1] (see ``GradientFlow.edge_strength``)."""
    return MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * strength


def flow_color(strength: float, theme: Theme) -> QColor:
    """Edge colour for a strength in [0, 1]: pale to deep orange (light), dim to bright
    (dark), so strong flow stands out on either background."""
    low, mid, high = (QColor(c) for c in (_LIGHT_RAMP if theme.name == "light" else _DARK_RAMP))
    if strength <= 0.5:
        return _mix(low, mid, strength * 2)
    return _mix(mid, high, (strength - 0.5) * 2)


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    t = min(1.0, max(0.0, t))
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


class _Line(NamedTuple):
    text: str
    rect: QRectF
    font: QFont
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft
    strong: bool = False


class GradientFlowView(QObject):
    """Keeps the flow marks on one view in step with its results while :attr:`enabled`.

    ``flow`` is the :class:`GradientFlow` shown (``None`` when off or without fresh grads);
    ``changed`` fires after every recomputation, ``statusMessage`` carries the explanation.
    """

    changed = Signal()
    statusMessage = Signal(str)

    def __init__(self, view, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.enabled = False
        self.flow: GradientFlow | None = None
        self.legend = FlowLegendWidget(view)
        self.legend.hide()
        view.resultsChanged.connect(self._on_results)

    def set_enabled(self, on: bool) -> None:
        """Turn the view on (marks and legend) or off (the canvas as usual)."""
        self.enabled = bool(on)
        self.refresh()
        if self.enabled and self.flow is not None:
            lines = self.flow.describe(self.view.document)
            if lines:
                self.statusMessage.emit(lines[0])

    def refresh(self) -> None:
        """Recompute from the view's current results and put the marks on the canvas."""
        view = self.view
        decorations = view.decorations
        results = view.results
        fresh = (
            self.enabled
            and results.output is not None
            and not view.grads_stale
            and any(g is not None for g in results.grad.values())
        )
        self.flow = gradient_flow(view.document, results) if fresh else None
        if self.flow is None:
            decorations.set_edge_styles(None)
            decorations.set_dimmed(())
            decorations.set_notes(_CLIENT, None)
        else:
            self._apply(self.flow)
        self.legend.set_flow(self.flow, view.document, view.graph_scene.theme)
        self.legend.setVisible(self.enabled)
        if self.enabled:
            self.legend.place()
        self.changed.emit()

    def _apply(self, flow: GradientFlow) -> None:
        view = self.view
        theme = view.graph_scene.theme
        styles = {}
        for edge in view.document.edges:
            magnitude = flow.magnitude(edge)
            if math.isnan(magnitude):
                styles[edge] = EdgeStyle(2.5, QColor(theme.problem), dashed=True)
            elif magnitude == 0.0:
                styles[edge] = EdgeStyle(1.6, QColor(theme.stale), dashed=True)
            else:
                strength = flow.edge_strength(edge)
                styles[edge] = EdgeStyle(flow_width(strength), flow_color(strength, theme))
        view.decorations.set_edge_styles(styles)
        view.decorations.set_dimmed(flow.zero_grad)
        notes: dict[str, NodeNote] = {}
        lines = flow.describe(view.document)
        for cut, line in zip(flow.cuts, lines, strict=False):
            earlier = notes.get(cut.node_id)
            text = f"✂ {cut.reason}"
            if earlier is not None:  # both inputs cut (0 * 0): one note, both reasons
                text = f"{earlier.text}; {cut.reason}"
                line = f"{earlier.tooltip}\n{line}"
            notes[cut.node_id] = NodeNote(text, line, "cut", cut.port)
        view.decorations.set_notes(_CLIENT, notes)

    def _on_results(self, _result) -> None:
        if self.enabled:
            self.refresh()


class FlowLegendWidget(QWidget):
    """The legend painted in the canvas's bottom-left corner: the log scale of |grad|, the
    dashed "no gradient" edge, the faded "grad exactly 0" node, the cut mark, and the first
    cut in words."""

    WIDTH = 318
    MARGIN = 12

    def __init__(self, view) -> None:
        super().__init__(view)
        self.setObjectName("flowLegend")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, False)
        self._view = view
        self._flow: GradientFlow | None = None
        self._sentence = ""
        self._zero = 0
        self._cuts = 0
        self._theme: Theme | None = None
        self._font = QFont("DejaVu Sans")
        self._font.setPointSizeF(8.5)
        self._bold = QFont(self._font)
        self._bold.setBold(True)
        view.installEventFilter(self)

    # --- content -----------------------------------------------------------------------------

    def set_flow(self, flow: GradientFlow | None, doc, theme: Theme) -> None:
        self._flow = flow
        self._theme = theme
        self._zero = len(flow.zero_grad) if flow is not None else 0
        self._cuts = len(flow.cuts) if flow is not None else 0
        lines = flow.describe(doc) if flow is not None else []
        self._sentence = lines[0] if flow is not None and flow.cuts else ""
        self.setToolTip("\n".join(lines))
        self.setFixedSize(self.WIDTH, self._height())
        self.update()

    def text(self) -> str:
        """Everything the legend says, as plain text (for tests and screen readers)."""
        return "\n".join(line.text for line in self._texts())

    # --- geometry ----------------------------------------------------------------------------

    def place(self) -> None:
        """Keep to the view's bottom-left corner."""
        self.move(self.MARGIN, self._view.height() - self.height() - self.MARGIN)
        self.raise_()

    def eventFilter(self, watched, event) -> bool:
        if watched is self._view and event.type() == QEvent.Type.Resize and self.isVisible():
            self.place()
        return False

    def _height(self) -> int:
        texts = self._texts()
        bottom = max((line.rect.bottom() for line in texts), default=40.0)
        return int(bottom + 12)

    def _texts(self) -> list[_Line]:
        """Every line of text, top to bottom; :meth:`_paint_marks` draws the samples."""
        w = self.WIDTH - 24
        out = [_Line("Gradient flow", QRectF(12, 8, w, 16), self._bold, strong=True)]
        flow = self._flow
        if flow is None:
            hint = "Press Backward (Ctrl+B) to see where the gradient flows."
            out.append(_Line(hint, QRectF(12, 28, w, 32), self._font))
            return out
        out.append(_Line("|grad| along each edge, log scale", QRectF(12, 26, w, 14), self._font))
        if flow.legend is not None:
            low, high = format_number(flow.legend.low), format_number(flow.legend.high)
            out.append(_Line(low, QRectF(12, 62, w / 2, 14), self._font))
            right = Qt.AlignmentFlag.AlignRight
            out.append(_Line(high, QRectF(12 + w / 2, 62, w / 2, 14), self._font, right))
        y = 82.0
        out.append(_Line("no gradient (0)", QRectF(56, y, w - 44, 16), self._font))
        y += 20
        zero = f"grad exactly 0: {self._zero} node{'s' if self._zero != 1 else ''}"
        out.append(_Line(zero, QRectF(56, y, w - 44, 16), self._font))
        y += 20
        cuts = f"flow cut: {self._cuts} input{'s' if self._cuts != 1 else ''}"
        out.append(_Line(cuts, QRectF(56, y, w - 44, 16), self._font))
        y += 22
        if self._sentence:
            metrics = QFontMetricsF(self._font)
            rect = metrics.boundingRect(
                QRectF(12, y, w, 200), Qt.TextFlag.TextWordWrap, self._sentence
            )
            box = QRectF(12, y, w, rect.height() + 2)
            out.append(_Line(self._sentence, box, self._font, strong=True))
        return out

    # --- painting ----------------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        theme = self._theme or self._view.graph_scene.theme
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        background = QColor(theme.card)
        background.setAlpha(238)
        painter.setPen(QPen(theme.card_border, 1.0))
        painter.setBrush(background)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8)
        for line in self._texts():
            painter.setFont(line.font)
            painter.setPen(theme.text if line.strong else theme.muted)
            painter.drawText(line.rect, line.align | Qt.TextFlag.TextWordWrap, line.text)
        if self._flow is not None:
            self._paint_marks(painter, theme)
        painter.end()

    def _paint_marks(self, painter: QPainter, theme: Theme) -> None:
        w = self.WIDTH - 24
        if self._flow is not None and self._flow.legend is not None:
            # The scale: a ramp whose thickness and colour grow like the edges'.
            n = 48
            for i in range(n):
                s = i / (n - 1)
                x = 12 + w * i / n
                width = flow_width(s)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(flow_color(s, theme))
                painter.drawRect(QRectF(x, 52 - width / 2, w / n + 0.6, width))
        y = 90.0
        pen = QPen(theme.stale, 1.6, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(14, y), QPointF(48, y))
        y += 20
        faded = QColor(theme.card_border)
        painter.setOpacity(DIMMED_OPACITY + 0.25)
        painter.setPen(QPen(theme.card_border, 1.0))
        painter.setBrush(theme.card)
        painter.drawRoundedRect(QRectF(16, y - 6, 30, 13), 3, 3)
        painter.setBrush(faded)
        painter.drawRoundedRect(QRectF(16, y - 6, 30, 5), 2, 2)
        painter.setOpacity(1.0)
        y += 20
        center = QPointF(31, y)
        painter.setPen(QPen(theme.card, 1.5))
        painter.setBrush(theme.problem)
        painter.drawEllipse(center, 7.0, 7.0)
        cross = QPen(theme.on_tint, 1.8)
        cross.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(cross)
        d = 2.8
        painter.drawLine(center + QPointF(-d, -d), center + QPointF(d, d))
        painter.drawLine(center + QPointF(-d, d), center + QPointF(d, -d))
