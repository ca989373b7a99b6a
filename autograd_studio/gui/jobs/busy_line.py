"""The one busy line of a job the user can stop: what is running, a busy bar, and Cancel.

Auto Layout shows it in the status bar, the Gradient Check above its table; both run a
:class:`~autograd_studio.gui.jobs.worker.CancellableJob` and neither can say how far along
it is, so the bar only says "busy".  Callers pass the button's text and tip already
translated, so each keeps its own wording.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

__all__ = ["BusyLine"]


class BusyLine(QWidget):
    """``label`` (what runs), ``bar`` (indeterminate) and ``cancel_button``; hidden at first."""

    def __init__(
        self,
        cancel_text: str,
        cancel_tip: str,
        button_name: str,
        parent: QWidget | None = None,
        margin: int = 4,
    ) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(margin, 0, margin, 0)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # busy: the job cannot say how far along it is
        self.bar.setMaximumWidth(120)
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setObjectName(button_name)
        self.cancel_button.setText(cancel_text)
        self.cancel_button.setToolTip(cancel_tip)
        row.addWidget(self.label)
        row.addWidget(self.bar)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        self.hide()
