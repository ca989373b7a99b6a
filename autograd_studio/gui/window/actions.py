"""Every command of the main window as a ``QAction``: name, text, shortcuts, icon, tips.

The table below is the one place where a shortcut is chosen, so an accidental duplicate
(which Qt resolves by firing neither action) shows up in one read and in a test.  The main
window connects the actions to what they do and puts them in menus and the toolbar.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QWidget

from autograd_studio.gui.look.icons import action_icon

__all__ = [
    "ACTION_SPECS",
    "DOCK_TOGGLE_SPECS",
    "ActionSpec",
    "StudioActions",
    "create_actions",
]

Key = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    """How one action looks: ``name`` becomes the object name ``action<Name>``."""

    name: str
    text: str
    shortcuts: tuple[QKeySequence.StandardKey | str, ...] = ()
    icon: str | None = None
    tip: str = ""
    checkable: bool = False


_ENGINE_TIPS = {
    "auto": "Graphviz dot up to 1,000 nodes when it is installed, else the layered layout",
    "dot": "Graphviz dot: the neatest pictures; slow past a few thousand nodes",
    "layered": "The layered layout: no Graphviz needed, seconds even for 65,000 nodes",
}

ACTION_SPECS: tuple[ActionSpec, ...] = (
    # File
    ActionSpec("New", "&New", (Key.New,), "new", "Start an empty graph"),
    ActionSpec("Open", "&Open…", (Key.Open,), "open", "Open an .agraph file"),
    ActionSpec("Save", "&Save", (Key.Save,), "save", "Save the graph"),
    ActionSpec("SaveAs", "Save &As…", ("Ctrl+Shift+S",), "save-as", "Save under a new name"),
    ActionSpec("Close", "&Close", ("Ctrl+W",), None, "Close the graph (the window stays, empty)"),
    ActionSpec("ClearRecent", "&Clear Recent Files", (), None, "Forget the recent files"),
    ActionSpec("Quit", "&Quit", (Key.Quit,), "quit", "Close the window"),
    # Edit (Undo and Redo come from the undo stack, see create_actions)
    ActionSpec("Cut", "Cu&t", (Key.Cut,), "cut", "Cut the selected nodes"),
    ActionSpec("Copy", "&Copy", (Key.Copy,), "copy", "Copy the selected nodes"),
    ActionSpec("Paste", "&Paste", (Key.Paste,), "paste", "Paste nodes from the clipboard"),
    ActionSpec("Duplicate", "D&uplicate", ("Ctrl+D",), "duplicate", "Duplicate the selection"),
    ActionSpec("Delete", "&Delete", ("Delete", "Backspace"), "delete", "Delete the selected nodes"),
    ActionSpec("SelectAll", "Select &All", (Key.SelectAll,), "select-all", "Select every node"),
    ActionSpec("Find", "&Find…", ("Ctrl+F",), None, "Find a node by its label or id"),
    # View
    ActionSpec("ZoomIn", "Zoom &In", ("Ctrl+=", "Ctrl++"), "zoom-in", "Zoom in"),
    ActionSpec("ZoomOut", "Zoom &Out", ("Ctrl+-",), "zoom-out", "Zoom out"),
    ActionSpec("ResetZoom", "&Actual Size", ("Ctrl+0",), "zoom-reset", "Zoom to 100%"),
    ActionSpec("Fit", "&Fit Graph", ("F",), "fit", "Show the whole graph"),
    ActionSpec("ThemeSystem", "&System", (), None, "Light or dark as the system is", True),
    ActionSpec("ThemeLight", "&Light", (), None, "Always the light theme", True),
    ActionSpec("ThemeDark", "&Dark", (), None, "Always the dark theme", True),
    # Graph
    ActionSpec(
        "Backward",
        "&Backward",
        ("Ctrl+B",),
        "backward",
        "Run backward from the output node and show every grad",
    ),
    ActionSpec(
        "SetOutput",
        "Set as &Output",
        ("Ctrl+Shift+O",),
        "set-output",
        "Make the selected node the root of Backward",
    ),
    # Graph > Derivatives: reverse and forward mode (gui/features/derivative_modes.py)
    ActionSpec(
        "ReverseMode",
        "&Reverse Mode",
        ("Ctrl+Alt+R",),
        None,
        "Reverse mode: Backward gives d(target)/d(every node) in one pass",
        checkable=True,
    ),
    ActionSpec(
        "ForwardMode",
        "&Forward Mode",
        ("Ctrl+Alt+F",),
        None,
        "Forward mode: every node shows d(node)/d(input) from one forward pass",
        checkable=True,
    ),
    ActionSpec(
        "SetTarget",
        "Set as Derivative &Target",
        ("Ctrl+Shift+T",),
        None,
        "Differentiate the selected node in reverse mode (instead of the output)",
    ),
    ActionSpec(
        "SetWrt",
        "Differentiate &With Respect To",
        ("Ctrl+Shift+R",),
        None,
        "Forward mode: tangents d(node)/d(the selected node) on every node",
    ),
    ActionSpec(
        "CompareModes",
        "Compare &Modes",
        ("Ctrl+Shift+M",),
        None,
        "Both modes' number for (target, input) side by side, and the passes each needs",
    ),
    ActionSpec("AddNode", "&Add Node…", (), None, "Search for a node to add (Tab on the canvas)"),
    ActionSpec("ZeroGrad", "&Zero Grad", ("Ctrl+Shift+Backspace",), "zero", "Set every grad to 0"),
    ActionSpec(
        "AccumulateGrads",
        "Acc&umulate Grads",
        (),
        "accumulate",
        "Backward sums onto the grads shown, as micrograd's backward() does (off: reset first)",
        checkable=True,
    ),
    # Step-through backward; debugger keys
    ActionSpec("BackpropStep", "&Step", ("F10",), "step", "Run the next node's local backward"),
    ActionSpec("BackpropStepBack", "Step &Back", ("Shift+F10",), "step-back", "Undo the last step"),
    ActionSpec("BackpropReset", "&Reset to Seed", ("Home",), "reset", "Back to grad(output) = 1"),
    ActionSpec("BackpropEnd", "Run to &End", ("End",), "end", "Run every remaining step"),
    ActionSpec(
        "BackpropPlay", "&Play", ("F5",), "play", "Step automatically (Pause: F5)", checkable=True
    ),
    ActionSpec("BackpropStop", "S&top Stepping", ("Shift+F5",), "stop", "Leave the step-through"),
    ActionSpec(
        "GradientFlow",
        "Gradient &Flow",
        ("Ctrl+G",),
        "flow",
        "Edges by how much gradient they carry; zero-grad nodes dimmed; cuts explained",
        checkable=True,
    ),
    ActionSpec(
        "CheckGradients",
        "&Check Gradients",
        ("Ctrl+Shift+C",),
        "check",
        "Compare every grad with central differences and PyTorch",
    ),
    # File > Import / Export (code round trips)
    ActionSpec(
        "ImportExpression",
        "Python &Expression…",
        ("Ctrl+Shift+I",),
        None,
        "A new graph from an expression such as relu(w1*x1 + w2*x2 + b)",
    ),
    ActionSpec(
        "ExportPython",
        "&Python Script (Autograd Studio)…",
        (),
        "script",
        "A script that rebuilds the graph with this engine and prints every grad",
    ),
    ActionSpec(
        "ExportTorch",
        "Py&Torch Script…",
        (),
        "script",
        "A script that rebuilds the graph with PyTorch and prints every grad",
    ),
    # File > Export: pictures (gui/picture_export.py)
    ActionSpec(
        "ExportImage",
        "&Image (PNG, SVG)…",
        ("Ctrl+Shift+E",),
        None,
        "The graph as annotated on the canvas, as a PNG or SVG picture",
    ),
    ActionSpec(
        "ExportSelectionImage",
        "&Selection as Image…",
        (),
        None,
        "The selected nodes as annotated on the canvas, as a PNG or SVG picture",
    ),
    ActionSpec(
        "ExportDot",
        "&DOT (Graphviz)…",
        (),
        None,
        "Graphviz source: micrograd-style records with data and grad, at the canvas's places",
    ),
    # Arrange
    ActionSpec(
        "AutoLayout",
        "&Auto Layout",
        ("Ctrl+L",),
        "auto-layout",
        "Arrange the graph from left to right",
    ),
    ActionSpec("LayoutEngineAuto", "&Automatic", (), None, _ENGINE_TIPS["auto"], True),
    ActionSpec("LayoutEngineDot", "Graphviz &dot", (), None, _ENGINE_TIPS["dot"], True),
    ActionSpec("LayoutEngineLayered", "&Layered", (), None, _ENGINE_TIPS["layered"], True),
    ActionSpec(
        "AnimateLayout",
        "A&nimate Layout",
        (),
        None,
        "Glide the nodes to their new places (small graphs)",
        checkable=True,
    ),
    # File > Export > Image Scale, Transparent Background
    ActionSpec(
        "ImageScale1x", "&1x", (), None, "PNG pictures with 1 pixel(s) per canvas unit", True
    ),
    ActionSpec(
        "ImageScale2x", "&2x", (), None, "PNG pictures with 2 pixel(s) per canvas unit", True
    ),
    ActionSpec(
        "ImageScale4x", "&4x", (), None, "PNG pictures with 4 pixel(s) per canvas unit", True
    ),
    ActionSpec(
        "TransparentBackground",
        "&Transparent Background",
        (),
        None,
        "Pictures without the canvas's background colour",
        checkable=True,
    ),
    # Help
    ActionSpec(
        "Shortcuts", "&Keyboard Shortcuts", (Key.HelpContents,), "shortcuts", "List every shortcut"
    ),
    ActionSpec("About", "&About Autograd Studio", (), "about", "Version and credits"),
)


#: The show/hide actions of the docks: Qt makes them (``QDockWidget.toggleViewAction``), and
#: :meth:`StudioActions.adopt` gives them these looks and shortcuts, so they are chosen here
#: with every other one.
DOCK_TOGGLE_SPECS: tuple[ActionSpec, ...] = (
    ActionSpec("ShowPalette", "&Palette", (), None, "Show or hide the palette"),
    ActionSpec("ShowInspector", "&Inspector", (), None, "Show or hide the inspector"),
    ActionSpec(
        "History", "&History", ("Ctrl+H",), "history", "Show every edit; click one to go back to it"
    ),
    ActionSpec("ShowBackprop", "&Backprop Panel", (), "step", "Show or hide the Backprop panel"),
    ActionSpec(
        "ShowGradientCheck",
        "&Gradient Check Panel",
        (),
        "check",
        "Show or hide the Gradient Check panel",
    ),
    ActionSpec(
        "ShowModes",
        "F&orward and Reverse Panel",
        (),
        None,
        "Show or hide the Forward and Reverse panel",
    ),
)


class StudioActions:
    """The window's actions as attributes (``actions.new``, ``actions.backward`` ...) and
    by object name (``actions["actionBackward"]``)."""

    def __init__(self) -> None:
        self._by_name: dict[str, QAction] = {}

    def add(self, attribute: str, action: QAction) -> None:
        setattr(self, attribute, action)
        self._by_name[action.objectName()] = action

    def adopt(self, spec_name: str, action: QAction) -> QAction:
        """Give *action* (a dock's toggle, made by Qt) the looks of its spec in
        :data:`DOCK_TOGGLE_SPECS` and list it as ``actions.<attribute>``."""
        spec = _DOCK_TOGGLES[spec_name]
        action.setText(spec.text)
        _apply(action, replace(spec, checkable=True))
        self.add(_attribute(spec.name), action)
        return action

    def __getitem__(self, object_name: str) -> QAction:
        return self._by_name[object_name]

    def __iter__(self):
        return iter(self._by_name.values())

    # Attributes set by create_actions, listed for readers and type checkers.
    new: QAction
    open: QAction
    save: QAction
    save_as: QAction
    close: QAction
    clear_recent: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    cut: QAction
    copy: QAction
    paste: QAction
    duplicate: QAction
    delete: QAction
    select_all: QAction
    find: QAction
    zoom_in: QAction
    zoom_out: QAction
    reset_zoom: QAction
    fit: QAction
    theme_system: QAction
    theme_light: QAction
    theme_dark: QAction
    backward: QAction
    set_output: QAction
    add_node: QAction
    reverse_mode: QAction
    forward_mode: QAction
    set_target: QAction
    set_wrt: QAction
    compare_modes: QAction
    zero_grad: QAction
    accumulate_grads: QAction
    backprop_step: QAction
    backprop_step_back: QAction
    backprop_reset: QAction
    backprop_end: QAction
    backprop_play: QAction
    backprop_stop: QAction
    gradient_flow: QAction
    check_gradients: QAction
    import_expression: QAction
    export_python: QAction
    export_torch: QAction
    export_image: QAction
    export_selection_image: QAction
    export_dot: QAction
    auto_layout: QAction
    layout_engine_auto: QAction
    layout_engine_dot: QAction
    layout_engine_layered: QAction
    animate_layout: QAction
    image_scale1x: QAction
    image_scale2x: QAction
    image_scale4x: QAction
    transparent_background: QAction
    shortcuts: QAction
    about: QAction
    # Adopted dock toggles (DOCK_TOGGLE_SPECS)
    show_palette: QAction
    show_inspector: QAction
    history: QAction
    show_backprop: QAction
    show_gradient_check: QAction
    show_modes: QAction


def _attribute(name: str) -> str:
    # "SaveAs" -> "save_as", "ZoomIn" -> "zoom_in"
    out = []
    for i, ch in enumerate(name):
        if ch.isupper() and i:
            out.append("_")
        out.append(ch.lower())
    return "".join(out)


def _sequences(keys: tuple[QKeySequence.StandardKey | str, ...]) -> list[QKeySequence]:
    sequences: list[QKeySequence] = []
    for key in keys:
        candidates = [QKeySequence(key)] if isinstance(key, str) else QKeySequence.keyBindings(key)
        for sequence in candidates:
            if not sequence.isEmpty() and sequence not in sequences:
                sequences.append(sequence)
    return sequences


def _apply(action: QAction, spec: ActionSpec) -> None:
    action.setObjectName(f"action{spec.name}")
    action.setShortcuts(_sequences(spec.shortcuts))
    if spec.icon:
        action.setIcon(action_icon(spec.icon))
    if spec.tip:
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{spec.tip} ({shortcut})" if shortcut else spec.tip)
        action.setStatusTip(spec.tip)
    action.setCheckable(spec.checkable)


def create_actions(parent: QWidget, undo_stack: QUndoStack) -> StudioActions:
    """Build every action of the window (unconnected, except Undo/Redo to *undo_stack*)."""
    actions = StudioActions()
    for spec in ACTION_SPECS:
        action = QAction(spec.text, parent)
        _apply(action, spec)
        actions.add(_attribute(spec.name), action)

    # The stack's own actions keep their text ("Undo Add mul") and enabled state current.
    undo = undo_stack.createUndoAction(parent, "&Undo")
    _apply(undo, ActionSpec("Undo", "", (Key.Undo,), "undo", "Undo the last edit"))
    actions.add("undo", undo)
    redo = undo_stack.createRedoAction(parent, "&Redo")
    _apply(redo, ActionSpec("Redo", "", ("Ctrl+Shift+Z", "Ctrl+Y"), "redo", "Redo"))
    actions.add("redo", redo)
    # View > Theme: one choice of three (a radio group in the menu)
    themes = QActionGroup(parent)
    themes.setExclusive(True)
    for action in (actions.theme_system, actions.theme_light, actions.theme_dark):
        themes.addAction(action)
    # Reverse / Forward, Arrange > Layout Engine, File > Export > Image Scale: one choice each
    for members in (
        (actions.reverse_mode, actions.forward_mode),
        (actions.layout_engine_auto, actions.layout_engine_dot, actions.layout_engine_layered),
        (actions.image_scale1x, actions.image_scale2x, actions.image_scale4x),
    ):
        group = QActionGroup(parent)
        group.setExclusive(True)
        for action in members:
            group.addAction(action)
    return actions


_DOCK_TOGGLES = {spec.name: spec for spec in DOCK_TOGGLE_SPECS}
