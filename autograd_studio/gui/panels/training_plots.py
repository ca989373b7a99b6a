"""The Training panel's pictures: the live loss (and accuracy) curve and, for a model of two
inputs, its decision boundary over the data points (pyqtgraph)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsItem, QWidget

__all__ = ["BoundaryPlot", "LossPlot"]

_LOSS = (31, 119, 180)
_ACCURACY = (44, 160, 44)
_NEGATIVE = (214, 96, 77)
_POSITIVE = (67, 147, 195)


def _own_menus(plot: pg.PlotWidget) -> None:
    """Give pyqtgraph's context menus a parent.  It makes them as parentless windows held
    in reference cycles, so the garbage collector deletes them at a random later moment,
    possibly while other code walks ``QApplication.topLevelWidgets()`` (a crash); owned by
    the plot, Qt deletes them with it."""
    item = plot.getPlotItem()
    for menu in (item.ctrlMenu, item.vb.menu):
        if menu is not None and menu.parent() is None:
            menu.setParent(plot, menu.windowFlags())


class LossPlot(pg.PlotWidget):
    """Loss per step (left axis, log scale once positive) and accuracy (right axis, 0-1)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w")
        self.setObjectName("lossPlot")
        item = self.getPlotItem()
        item.showGrid(x=True, y=True, alpha=0.2)
        item.setLabel("bottom", self.tr("step"))
        item.setLabel("left", self.tr("loss"))
        item.addLegend(offset=(-10, 10))
        self.loss_curve = item.plot([], [], pen=pg.mkPen(_LOSS, width=2), name=self.tr("loss"))
        self.accuracy_view = pg.ViewBox(enableMenu=False)
        item.showAxis("right")
        item.scene().addItem(self.accuracy_view)
        item.getAxis("right").linkToView(self.accuracy_view)
        item.getAxis("right").setLabel(self.tr("accuracy"))
        self.accuracy_view.setXLink(item)
        self.accuracy_view.setYRange(0.0, 1.0, padding=0.02)
        self.accuracy_curve = pg.PlotDataItem([], [], pen=pg.mkPen(_ACCURACY, width=2))
        self.accuracy_view.addItem(self.accuracy_curve)
        item.legend.addItem(self.accuracy_curve, self.tr("accuracy"))
        item.vb.sigResized.connect(self._sync_views)
        _own_menus(self)
        item.disableAutoRange()
        for side in ("left", "bottom", "right"):  # repainting the curve need not replay axes
            item.getAxis(side).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._range: tuple[int, float, float] | None = None

    def _sync_views(self) -> None:
        self.accuracy_view.setGeometry(self.getPlotItem().vb.sceneBoundingRect())

    def show_history(self, losses: list[float], accuracies: list[float], planned: int = 0) -> None:
        """The curves so far; the x axis spans the run's *planned* steps up front and the y
        axis grows only when a loss exceeds it, so that the axes (slow to repaint) stay
        still while the curve grows."""
        steps = np.arange(1, len(losses) + 1)
        finite = np.nan_to_num(np.asarray(losses, dtype=np.float64), nan=0.0, posinf=0.0)
        self.loss_curve.setData(steps, finite)
        self.accuracy_curve.setData(steps[: len(accuracies)], np.asarray(accuracies))
        self.getPlotItem().getAxis("right").setVisible(bool(accuracies))
        width = max(len(losses), planned, 1)
        top = float(finite.max()) * 1.05 if len(finite) else 1.0
        bottom = min(float(finite.min()), 0.0) if len(finite) else 0.0
        if (width, top, bottom) != self._range:
            grow = self._range is None or width > self._range[0] or top > self._range[1]
            if grow or not len(losses) or bottom < self._range[2]:
                self._range = (width, top, bottom)
                item = self.getPlotItem()
                item.setXRange(0, width, padding=0.02)
                item.setYRange(bottom, top or 1.0, padding=0.0)

    @property
    def points(self) -> int:
        """How many steps the loss curve shows."""
        x, _y = self.loss_curve.getData()
        return 0 if x is None else len(x)


class BoundaryPlot(pg.PlotWidget):
    """The model's prediction over the plane of its two inputs (blue above the class
    midpoint, red below), with the dataset's points coloured by their label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w")
        self.setObjectName("boundaryPlot")
        self.setAspectLocked(True)
        _own_menus(self)
        self.image = pg.ImageItem()
        self.addItem(self.image)
        self.points = pg.ScatterPlotItem(size=7, pen=pg.mkPen("k", width=0.5))
        self.addItem(self.points)
        lut = np.zeros((256, 4), dtype=np.ubyte)
        for k in range(256):
            t = k / 255.0
            a, b = np.array(_NEGATIVE), np.array(_POSITIVE)
            lut[k, :3] = (a + (b - a) * t) * 0.45 + 255 * 0.55  # pale: the points stand out
            lut[k, 3] = 255
        self.image.setLookupTable(lut)
        self.grid_size = 32
        self.bounds: tuple[float, float, float, float] | None = None

    def set_points(self, x: np.ndarray, y: np.ndarray, labels: np.ndarray, split: float) -> None:
        brushes = [pg.mkBrush(*(_POSITIVE if v > split else _NEGATIVE)) for v in labels.tolist()]
        self.points.setData(x, y, brush=brushes)
        pad_x = 0.1 * (np.ptp(x) or 1.0)
        pad_y = 0.1 * (np.ptp(y) or 1.0)
        self.bounds = (x.min() - pad_x, x.max() + pad_x, y.min() - pad_y, y.max() + pad_y)

    def grid(self) -> tuple[np.ndarray, np.ndarray]:
        """The plane's sample points (flattened x and y), row by row."""
        assert self.bounds is not None
        x0, x1, y0, y1 = self.bounds
        gx, gy = np.meshgrid(
            np.linspace(x0, x1, self.grid_size), np.linspace(y0, y1, self.grid_size)
        )
        return gx.ravel(), gy.ravel()

    def show_prediction(self, values: np.ndarray, split: float) -> None:
        assert self.bounds is not None
        n = self.grid_size
        z = np.clip(np.nan_to_num(values - split), -1.0, 1.0).reshape(n, n).T
        self.image.setImage(z, levels=(-1.0, 1.0))
        x0, x1, y0, y1 = self.bounds
        self.image.setRect(x0, y0, x1 - x0, y1 - y0)
