"""The Training panel: dataset, bindings, optimizer settings, the controls and the plots.

The panel only shows and collects; :class:`~autograd_studio.gui.features.training.
TrainingController` owns the trainer, the timer and the undo steps.  Every edit of the
dataset, the bindings or the settings is reported by ``setupEdited`` (the controller makes
it an undoable document edit, so it is saved with the file).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from autograd_studio.graph.document import GraphDocument
from autograd_studio.gui.panels.choice_box import ChoiceBox
from autograd_studio.gui.panels.training_plots import BoundaryPlot, LossPlot
from autograd_studio.training import GENERATORS, Dataset, DataSetup, OptimizerSettings, generate
from autograd_studio.training.datasets import Generator

__all__ = ["TrainingPanel"]

_PREVIEW_ROWS = 200  # the table shows (and edits) the first rows; files keep them all


class TrainingPanel(QWidget):
    setupEdited = Signal(object, object)  # DataSetup | None, OptimizerSettings
    stepRequested = Signal()
    playToggled = Signal(bool)
    resetRequested = Signal()
    importRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingPanel")
        self._filling = False
        self._doc: GraphDocument | None = None
        self._dataset: Dataset | None = None

        self.generator_box = QComboBox(objectName="generatorBox")
        for name in GENERATORS:
            self.generator_box.addItem(name, name)
        self.rows_box = QSpinBox(objectName="rowsBox", minimum=1, maximum=100_000, value=100)
        self.noise_box = QDoubleSpinBox(objectName="noiseBox", decimals=3, maximum=10.0)
        self.noise_box.setSingleStep(0.05)
        self.noise_box.setValue(0.1)
        self.seed_box = QSpinBox(objectName="seedBox", maximum=2**31 - 1)
        self.generate_button = QPushButton(self.tr("Generate"), objectName="generateButton")
        self.import_button = QPushButton(self.tr("Import CSV…"), objectName="importCsvButton")
        self.table = QTableWidget(objectName="datasetTable")
        self.table.setMinimumHeight(120)
        self.rows_label = QLabel(objectName="datasetRowsLabel")

        self.bindings_form = QFormLayout()
        self.binding_boxes: dict[str, ChoiceBox] = {}
        # Every op node is a choice of loss and prediction (65,077 on the demo graph): the
        # boxes are given them when the panel is first shown, not at every open.
        self.target_box = ChoiceBox(objectName="targetBox")
        self.loss_box = ChoiceBox(objectName="lossBox")
        self.prediction_box = ChoiceBox(objectName="predictionBox")

        self.optimizer_box = QComboBox(objectName="optimizerBox")
        self.optimizer_box.addItem("SGD", "sgd")
        self.optimizer_box.addItem("Adam", "adam")
        self.lr_box = _number("learningRateBox", 0.1, 1e-6, 100.0, 4)
        self.momentum_box = _number("momentumBox", 0.0, 0.0, 0.999, 3)
        self.decay_box = QCheckBox(self.tr("Linear decay (micrograd)"), objectName="decayBox")
        self.l2_box = _number("l2Box", 0.0, 0.0, 10.0, 6)
        self.steps_box = QSpinBox(objectName="stepsBox", minimum=1, maximum=1_000_000, value=100)
        self.speed_box = QSpinBox(objectName="speedBox", minimum=1, maximum=1000, value=60)
        self.speed_box.setSuffix(self.tr(" steps/s"))
        self.speed_box.setToolTip(self.tr("At most this many steps a second while playing"))

        self.step_button = QPushButton(self.tr("Step"), objectName="trainStepButton")
        self.play_button = QPushButton(self.tr("Play"), objectName="trainPlayButton")
        self.play_button.setCheckable(True)
        self.reset_button = QPushButton(self.tr("Reset"), objectName="trainResetButton")
        self.rate_label = QLabel(objectName="trainRateLabel")
        self.message = QLabel(objectName="trainMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.loss_plot = LossPlot()
        self.boundary_plot = BoundaryPlot()
        self._layout()
        self._connect()

    # --- building ---------------------------------------------------------------------------

    def _layout(self) -> None:
        generator_row = QHBoxLayout()
        for widget in (self.generator_box, self.rows_box, self.noise_box, self.seed_box):
            generator_row.addWidget(widget)
        buttons = QHBoxLayout()
        buttons.addWidget(self.generate_button)
        buttons.addWidget(self.import_button)
        data_box = QGroupBox(self.tr("Dataset"))
        data = QVBoxLayout(data_box)
        data.addLayout(generator_row)
        data.addLayout(buttons)
        data.addWidget(self.table, 1)
        data.addWidget(self.rows_label)

        bind_box = QGroupBox(self.tr("Model"))
        bind = QVBoxLayout(bind_box)
        bind.addLayout(self.bindings_form)
        roles = QFormLayout()
        roles.addRow(self.tr("Target column"), self.target_box)
        roles.addRow(self.tr("Loss node"), self.loss_box)
        roles.addRow(self.tr("Prediction node"), self.prediction_box)
        bind.addLayout(roles)

        opt_box = QGroupBox(self.tr("Optimizer"))
        opt = QFormLayout(opt_box)
        opt.addRow(self.tr("Optimizer"), self.optimizer_box)
        opt.addRow(self.tr("Learning rate"), self.lr_box)
        opt.addRow(self.tr("Momentum"), self.momentum_box)
        opt.addRow("", self.decay_box)
        opt.addRow(self.tr("L2 (alpha)"), self.l2_box)
        opt.addRow(self.tr("Steps per run"), self.steps_box)
        opt.addRow(self.tr("Speed"), self.speed_box)

        controls = QHBoxLayout()
        for button in (self.step_button, self.play_button, self.reset_button):
            controls.addWidget(button)
        controls.addStretch(1)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(data_box, 1)
        column.addWidget(bind_box)
        column.addWidget(opt_box)

        # The settings scroll: stacked they are taller than a 1280x800 screen leaves the dock,
        # and their minimum height made the whole window grow past the bottom of the screen.
        settings = QScrollArea(objectName="trainingSettings")
        settings.setWidget(left)
        settings.setWidgetResizable(True)
        settings.setFrameShape(QScrollArea.Shape.NoFrame)
        settings.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        settings.setMinimumWidth(left.minimumSizeHint().width() + 16)
        side = QWidget()  # the settings scroll; Step, Play and Reset stay in sight below them
        side_column = QVBoxLayout(side)
        side_column.setContentsMargins(0, 0, 0, 0)
        side_column.addWidget(settings, 1)
        side_column.addLayout(controls)
        side_column.addWidget(self.rate_label)  # its own line: it grows as a run goes
        side_column.addWidget(self.message)
        plots = QSplitter(Qt.Orientation.Vertical)
        plots.addWidget(self.loss_plot)
        plots.addWidget(self.boundary_plot)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(side)
        splitter.addWidget(plots)
        splitter.setStretchFactor(1, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(splitter)

    def _connect(self) -> None:
        self.generate_button.clicked.connect(self._generate)
        self.import_button.clicked.connect(self.importRequested)
        self.step_button.clicked.connect(self.stepRequested)
        self.play_button.toggled.connect(self._on_play)
        self.reset_button.clicked.connect(self.resetRequested)
        self.table.itemChanged.connect(self._on_cell)
        for box in (self.target_box, self.loss_box, self.prediction_box, self.optimizer_box):
            box.currentIndexChanged.connect(self._edited)
        for box in (self.lr_box, self.momentum_box, self.l2_box, self.steps_box):
            box.valueChanged.connect(self._edited)
        self.decay_box.toggled.connect(self._edited)

    # --- showing a document's setup ---------------------------------------------------------

    def show_setup(
        self, doc: GraphDocument, setup: DataSetup | None, settings: OptimizerSettings
    ) -> None:
        """Fill every control from the document's sections (without reporting edits)."""
        self._filling = True
        try:
            self._doc = doc
            self._dataset = setup.dataset if setup is not None else None
            inputs = [nid for nid, r in doc.nodes.items() if r.kind == "input"]
            ops = [nid for nid, r in doc.nodes.items() if r.kind != "input" and r.op]
            self._fill_table()
            self._fill_bindings(inputs, setup)
            self.loss_box.set_choices(ops, setup.loss if setup else doc.output, none=False)
            self.prediction_box.set_choices(ops, setup.prediction if setup else None)
            columns = self._dataset.columns if self._dataset is not None else []
            self.target_box.set_choices(columns, setup.target if setup else None)
            self.optimizer_box.setCurrentIndex(
                max(self.optimizer_box.findData(settings.optimizer), 0)
            )
            self.lr_box.setValue(settings.learning_rate)
            self.momentum_box.setValue(settings.momentum)
            self.decay_box.setChecked(settings.decay)
            self.l2_box.setValue(settings.l2)
            self.steps_box.setValue(settings.steps)
            generator = self._dataset.generator if self._dataset is not None else None
            if generator is not None:
                self.generator_box.setCurrentIndex(
                    max(self.generator_box.findData(generator.name), 0)
                )
                self.rows_box.setValue(generator.rows)
                self.noise_box.setValue(generator.noise)
                self.seed_box.setValue(generator.seed)
            self._sync_enabled()
        finally:
            self._filling = False

    def _fill_table(self) -> None:
        data = self._dataset
        self.table.blockSignals(True)
        try:
            if data is None:
                self.table.setRowCount(0)
                self.table.setColumnCount(0)
                self.rows_label.setText(self.tr("No dataset: generate one or import a CSV file."))
                return
            shown = min(len(data), _PREVIEW_ROWS)
            self.table.setColumnCount(len(data.columns))
            self.table.setHorizontalHeaderLabels(data.columns)
            self.table.setRowCount(shown)
            for r in range(shown):
                for c, value in enumerate(data.rows[r].tolist()):
                    self.table.setItem(r, c, QTableWidgetItem(f"{value:.6g}"))
            more = self.tr(" (the first {0} shown)").format(shown) if shown < len(data) else ""
            self.rows_label.setText(self.tr("{0} rows").format(len(data)) + more)
        finally:
            self.table.blockSignals(False)

    def _fill_bindings(self, inputs: list[str], setup: DataSetup | None) -> None:
        while self.bindings_form.rowCount():
            self.bindings_form.removeRow(0)
        self.binding_boxes = {}
        if self._dataset is None:
            return
        bound = setup.bindings if setup is not None else {}
        for column in self._dataset.columns:
            box = ChoiceBox(objectName=f"bindingBox_{column}")
            guess = bound.get(column, column if column in inputs else None)
            box.set_choices(inputs, guess)
            box.currentIndexChanged.connect(self._edited)
            self.bindings_form.addRow(self.tr("Column {0} feeds").format(column), box)
            self.binding_boxes[column] = box

    # --- collecting -------------------------------------------------------------------------

    def setup(self) -> DataSetup | None:
        """The dataset setup the controls describe (None without dataset or loss node)."""
        loss = self.loss_box.value()
        if self._dataset is None or loss is None:
            return None
        bindings = {
            c: box.value() for c, box in self.binding_boxes.items() if box.value() is not None
        }
        return DataSetup(
            self._dataset,
            bindings,
            loss,
            self.target_box.value(),
            self.prediction_box.value(),
        )

    def settings(self) -> OptimizerSettings:
        return OptimizerSettings(
            optimizer=self.optimizer_box.currentData(),
            learning_rate=self.lr_box.value(),
            momentum=self.momentum_box.value(),
            decay=self.decay_box.isChecked(),
            l2=self.l2_box.value(),
            steps=self.steps_box.value(),
        )

    def _edited(self, *_args: object) -> None:
        self._sync_enabled()
        if not self._filling:
            self.setupEdited.emit(self.setup(), self.settings())

    def _sync_enabled(self) -> None:
        sgd = self.optimizer_box.currentData() == "sgd"
        self.momentum_box.setEnabled(sgd)
        self.decay_box.setEnabled(sgd)

    def set_dataset(self, dataset: Dataset) -> None:
        """A new dataset (generated, imported): rebind by column name and report it."""
        self._dataset = dataset
        if self._doc is not None:
            self._filling = True
            try:
                self._fill_table()
                inputs = [nid for nid, r in self._doc.nodes.items() if r.kind == "input"]
                self._fill_bindings(inputs, None)
                target = "y" if "y" in dataset.columns else None
                self.target_box.set_choices(dataset.columns, target)
            finally:
                self._filling = False
        self._edited()

    def _generate(self) -> None:
        name = self.generator_box.currentData()
        data = generate(name, self.rows_box.value(), self.noise_box.value(), self.seed_box.value())
        self.set_dataset(data)

    def _on_cell(self, item: QTableWidgetItem) -> None:
        if self._dataset is None:
            return
        try:
            value = float(item.text())
        except ValueError:
            value = float("nan")
        if value != value or value in (float("inf"), float("-inf")):
            self.message.setText(
                self.tr("{0!r} is not a number; the cell keeps its value.").format(item.text())
            )
            self._fill_table()
            return
        rows = self._dataset.rows.copy()
        rows[item.row(), item.column()] = value
        self.set_dataset(Dataset(list(self._dataset.columns), rows, None))

    # --- controls ---------------------------------------------------------------------------

    def _on_play(self, playing: bool) -> None:
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))
        self.playToggled.emit(playing)

    def set_playing(self, playing: bool) -> None:
        """Show the Play button's state without reporting a toggle."""
        self.play_button.blockSignals(True)
        self.play_button.setChecked(playing)
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))
        self.play_button.blockSignals(False)

    @property
    def generator(self) -> Generator:
        return Generator(
            self.generator_box.currentData(),
            self.rows_box.value(),
            self.noise_box.value(),
            self.seed_box.value(),
        )


def _number(name: str, value: float, low: float, high: float, decimals: int) -> QDoubleSpinBox:
    box = QDoubleSpinBox(objectName=name, decimals=decimals, minimum=low, maximum=high)
    box.setSingleStep(10 ** -(decimals - 1) if decimals > 1 else 0.1)
    box.setValue(value)
    return box
