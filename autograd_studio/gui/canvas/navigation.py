"""Zoom, pan and fit for the canvas (:class:`NavigationMixin`, part of GraphView).

Zoom is clamped to :data:`MIN_ZOOM` .. :data:`MAX_ZOOM` and anchored: the scene point under
the anchor (the mouse for the wheel, the centre for keys) stays where it is.  A graph too
big to fit at :data:`MIN_ZOOM` (the 65,818-node demo needs about 0.002) lowers the floor to
what shows all of it, so Fit and zooming out always can.

The canvas is unbounded (panning goes anywhere), yet its scroll bars show, as a desktop
app's do, when the graph reaches past the view: their range is the graph (with Fit's
margins) together with what is in view, widened first wherever a pan, a zoom or a centring
is about to go, and narrowed again once the view settles.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QFont, QTransform

from autograd_studio.gui.canvas.node_geometry import (
    READABLE_TEXT_PX,
    fonts,
    node_bounds,
    order_matters,
)

__all__ = ["MAX_ZOOM", "MIN_ZOOM", "ZOOM_STEP", "NavigationMixin"]

MIN_ZOOM = 0.05
MAX_ZOOM = 4.0
ZOOM_STEP = 1.25
#: Scene units around the cards when Fit drops its usual margins to keep text readable.
TIGHT_MARGIN = 12.0
BOUNDS_ONE_BY_ONE_UP_TO = 2000  # nodes brought into view: above, one rectangle for all


class NavigationMixin:
    """Zoom and pan of a QGraphicsView showing a GraphScene."""

    def init_scroll_range(self) -> None:
        """Scroll bars as needed, their range following the graph and the view (called once
        by the view's constructor)."""
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        # A range no bigger than the view pins the scene's top-left corner where the view's
        # is (centring it would nudge the view by a few pixels on every re-measure).
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._range_timer = QTimer(self)
        self._range_timer.setSingleShot(True)
        self._range_timer.setInterval(0)
        self._range_timer.timeout.connect(self.sync_scroll_range)
        self._syncing_range = False
        later = self._range_timer.start
        self.horizontalScrollBar().valueChanged.connect(lambda _value: later())
        self.verticalScrollBar().valueChanged.connect(lambda _value: later())
        self.graph_scene.changed.connect(lambda _region: later())
        self.setSceneRect(self._visible_rect())

    def sync_scroll_range(self, going_to: QRectF | None = None) -> None:
        """Make the scroll range the graph and what is in view, or instead *going_to*, the
        scene rectangle the view is about to show (so the bars never flicker in a pan)."""
        if self._syncing_range:
            return
        rect = self._visible_rect() if going_to is None else QRectF(going_to)
        # Measured as if the bars were hidden: a range that depends on whether they show
        # turns them on and off again forever (the view shrinks, the range grows, ...).
        most, zoom = self.maximumViewportSize(), self.zoom()
        rect.setWidth(max(rect.width(), most.width() / zoom))
        rect.setHeight(max(rect.height(), most.height() / zoom))
        # Every pan asks: the graph's extent is measured once per document version (a
        # drag in progress moves cards, not the document, and stays inside what is in view).
        shown = self.graph_scene.document
        key = (id(shown), shown.version)
        cached = getattr(self, "_content_cache", None)
        if cached is None or cached[0] != key:
            # Narrower than Fit's narrow margins: a graph Fit shows whole has no bars.
            cached = self._content_cache = (key, self._tight_rect(self._fit_rect(), 2.0))
        content = cached[1]
        if not content.isEmpty():
            rect = rect.united(content)
        if rect != self.sceneRect():
            self._syncing_range = True
            try:
                self.setSceneRect(rect)
            finally:
                self._syncing_range = False

    def _visible_rect(self) -> QRectF:
        """The scene rectangle the viewport shows, to its last pixel."""
        size = self.viewport().size()
        inverse, _ok = self.viewportTransform().inverted()
        return inverse.mapRect(QRectF(0, 0, size.width(), size.height()))

    def centerOn(self, *where) -> None:
        """QGraphicsView.centerOn, free to go past the graph's edge (the range widens)."""
        if len(where) == 2:
            point = QPointF(*where)
        elif isinstance(where[0], QPointF):
            point = where[0]
        else:  # an item
            point = where[0].sceneBoundingRect().center()
        visible = self._visible_rect()
        visible.moveCenter(point)
        self.sync_scroll_range(going_to=visible)
        super().centerOn(point)

    def zoom(self) -> float:
        """The current scale (1.0: one scene unit per pixel)."""
        return self.transform().m11()

    def set_zoom(self, scale: float, anchor: QPoint | None = None) -> None:
        """Zoom to *scale* (clamped to MIN_ZOOM..MAX_ZOOM), keeping *anchor* (viewport
        coordinates; default the centre) over the same scene point."""
        # A little room past the fit, as any smaller graph has at MIN_ZOOM.
        floor = MIN_ZOOM if scale >= MIN_ZOOM else min(MIN_ZOOM, 0.8 * self.fit_zoom())
        scale = min(max(scale, floor), MAX_ZOOM)
        if anchor is None:
            anchor = self.viewport().rect().center()
        before = self.mapToScene(anchor)
        factor = scale / self.zoom()
        if abs(factor - 1.0) < 1e-12:
            return
        self._zooming = True  # the items follow once the view is where it goes
        try:
            # Where the view will be after zooming about the anchor: in range before it goes there.
            size = self.viewport().size()
            self.sync_scroll_range(
                going_to=QRectF(
                    QPointF(before.x() - anchor.x() / scale, before.y() - anchor.y() / scale),
                    QPointF(
                        before.x() + (size.width() - anchor.x()) / scale,
                        before.y() + (size.height() - anchor.y()) / scale,
                    ),
                )
            )
            # Set, not multiplied: a product drifts (0.9999999 at 1:1 overflowed the scroll range).
            self.setTransform(QTransform.fromScale(scale, scale))
            after = self.mapFromScene(before)
            self.scroll_by(after.x() - anchor.x(), after.y() - anchor.y())
        finally:
            self._zooming = False
        self._sync_items()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def fit_all(self) -> None:
        """Show every node (never magnifying past 1:1, however big the graph); an empty
        canvas centres the origin.

        A graph a person reads node by node (up to :data:`DETAILED_UP_TO` nodes) is never
        shrunk below :meth:`readable_zoom`: when it does not fit at that size, the view
        shows its beginning (inputs on the left, the top) and the rest is a scroll away.
        """
        rect = self._fit_rect()
        if rect.isEmpty():
            self.set_zoom(1.0)
            self.centerOn(0, 0)
            return
        self._fit(rect)
        self._fitted = True
        self.sync_scroll_range()

    def bring_into_view(self, node_ids: Iterable[str]) -> None:
        """Show the nodes *node_ids* (after Auto Layout, or its Undo): as they are when they
        already fit at the current zoom, else fitted as :meth:`fit_all` fits a graph."""
        nodes = self.document.nodes
        rect = self._cards_rect(list(filter(nodes.__contains__, node_ids)))
        if rect.isEmpty():
            return
        rect.adjust(-60, -50, 60, 50)
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        if visible.contains(rect):
            return
        if rect.width() <= visible.width() and rect.height() <= visible.height():
            self.centerOn(rect.center())
            return
        self._fit(rect)

    def _cards_rect(self, node_ids: list[str]) -> QRectF:
        """What the cards of *node_ids* paint, with their ports and tags (a graph too big
        for items: the widest any card paints, around every position)."""
        scene = self.graph_scene
        nodes = scene.document.nodes  # what the scene shows (also while the view is built)
        rect = QRectF()
        if len(node_ids) > BOUNDS_ONE_BY_ONE_UP_TO:
            corners = scene.corners_of(node_ids)
            if corners is None:
                return rect
            left, top, right, bottom = corners
            widest = node_bounds("op", 2, True)
            return QRectF(left, top, right - left, bottom - top).adjusted(
                widest.left(), widest.top(), widest.right(), widest.bottom()
            )
        for nid in node_ids:
            record = nodes[nid]
            x, y = scene.node_pos(nid)
            card = node_bounds(record.kind, record.arity, order_matters(record.op))
            rect = rect.united(card.translated(x, y))
        return rect

    def _fit(self, rect: QRectF) -> None:
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > 1.0:
            self.set_zoom(1.0)
        center = rect.center()
        readable = self.readable_zoom()
        if self.zoom() < readable and self.graph_scene.always_detailed:
            seen = self.viewport().size()
            width, height = seen.width() / readable, seen.height() / readable
            # Fit's margins are a nicety: a graph that fits readable without them (the
            # neuron on a 1280x800 screen) is shown whole with narrow ones.
            tight = self._tight_rect(rect)
            if tight.width() <= width and tight.height() <= height:
                self.fitInView(tight, Qt.AspectRatioMode.KeepAspectRatio)
                # fitInView keeps 2 px clear on each side, which put a graph that just fits
                # (the neuron, Fit pressed while zoomed in with scroll bars) below the floor.
                self.set_zoom(min(max(self.zoom(), readable), 1.0))
                self.centerOn(tight.center())
                return
            self.set_zoom(readable)
            center = self._readable_center(rect, width, height)
            self.show_status(
                self.tr(
                    "Fit keeps the text readable; the rest of the graph is a pan away "
                    "(middle button or Space+drag)"
                )
            )
        self.centerOn(center)

    def _tight_rect(self, rect: QRectF, margin: float = TIGHT_MARGIN) -> QRectF:
        """*rect* (Fit's rectangle) cut down to what the cards paint plus *margin*."""
        if rect.isEmpty():
            return rect
        tight = self._cards_rect(list(self.graph_scene.document.nodes)).adjusted(
            -margin, -margin, margin, margin
        )
        return tight.intersected(rect) if not tight.isEmpty() else rect

    def _readable_center(self, rect: QRectF, width: float, height: float) -> QPointF:
        """Where to centre a *width* x *height* window on *rect*, too big for it: its
        beginning (inputs on the left, the top), moved only as far as it takes to show the
        output card whole, since Backward starts there."""
        center = rect.center()
        shown = self.graph_scene.document
        output = shown.output
        card = self._cards_rect([output]) if output in shown.nodes else QRectF()
        if rect.width() > width:
            left = rect.left()
            if not card.isEmpty():
                left = max(left, min(card.right() + TIGHT_MARGIN, rect.right()) - width)
            center.setX(left + width / 2)
        if rect.height() > height:
            top = rect.top()
            if not card.isEmpty():
                top = max(top, min(card.bottom() + TIGHT_MARGIN, rect.bottom()) - height)
            center.setY(top + height / 2)
        return center

    def smallest_text_pixels(self) -> float:
        """How tall the smallest node text (label, data, grad) is on screen now, in pixels."""
        return self.zoom() * min(self.text_pixels(font) for font in fonts().reading)

    def readable_zoom(self) -> float:
        """The zoom at which the smallest node text is :data:`READABLE_TEXT_PX` tall."""
        return READABLE_TEXT_PX / min(self.text_pixels(font) for font in fonts().reading)

    def text_pixels(self, font: QFont) -> float:
        """How tall *font* is on screen at zoom 1: its size in pixels (1 pt = 1/72 inch)."""
        if font.pixelSize() > 0:
            return float(font.pixelSize())
        return font.pointSizeF() * self.viewport().logicalDpiY() / 72.0

    def fit_zoom(self) -> float:
        """The zoom at which every node fits in the viewport (1.0 for an empty canvas).

        Cached per document version: the wheel asks on every step below MIN_ZOOM.
        """
        key = (
            id(self.document),
            self.document.version,
            self.viewport().size().toTuple(),
        )
        cached = getattr(self, "_fit_zoom_cache", None)
        if cached is not None and cached[0] == key:
            return cached[1]
        rect = self._fit_rect()
        size = self.viewport().size()
        if rect.isEmpty() or size.isEmpty():
            zoom = 1.0
        else:
            zoom = min(size.width() / rect.width(), size.height() / rect.height())
        self._fit_zoom_cache = (key, zoom)
        return zoom

    def _fit_rect(self) -> QRectF:
        rect = self.graph_scene.nodes_bounding_rect()
        if not rect.isEmpty():
            rect.adjust(-60, -50, 60, 50)
        return rect

    def scroll_by(self, dx: float, dy: float) -> None:
        """Pan by (*dx*, *dy*) viewport pixels, past the graph's edge if need be."""
        zoom = self.zoom()
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        x, y = h.value() + round(dx), v.value() + round(dy)
        self.sync_scroll_range(going_to=self._visible_rect().translated(dx / zoom, dy / zoom))
        h.setValue(x)
        v.setValue(y)

    def update_cursor(self) -> None:
        cursor = Qt.CursorShape.OpenHandCursor if self._space else Qt.CursorShape.ArrowCursor
        self.viewport().setCursor(cursor)
