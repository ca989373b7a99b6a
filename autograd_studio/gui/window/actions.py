"""Every command of the main window as a ``QAction``: name, text, shortcuts, icon, tips.

The table below is the one place where a shortcut is chosen, so an accidental duplicate
(which Qt resolves by firing neither action) shows up in one read and in a test.  The main
window connects the actions to what they do and puts them in menus and the toolbar.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
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
    "auto": QT_TRANSLATE_NOOP(
        "StudioActions",
        "Graphviz dot up to 1,000 nodes when it is installed, else the layered layout",
    ),
    "dot": QT_TRANSLATE_NOOP(
        "StudioActions", "Graphviz dot: the neatest pictures; slow past a few thousand nodes"
    ),
    "layered": QT_TRANSLATE_NOOP(
        "StudioActions", "The layered layout: no Graphviz needed, seconds even for 65,000 nodes"
    ),
}

ACTION_SPECS: tuple[ActionSpec, ...] = (
    # File
    ActionSpec(
        "New",
        QT_TRANSLATE_NOOP("StudioActions", "&New"),
        (Key.New,),
        "new",
        QT_TRANSLATE_NOOP("StudioActions", "Start an empty graph"),
    ),
    ActionSpec(
        "Open",
        QT_TRANSLATE_NOOP("StudioActions", "&Open…"),
        (Key.Open,),
        "open",
        QT_TRANSLATE_NOOP("StudioActions", "Open an .agraph file"),
    ),
    ActionSpec(
        "Save",
        QT_TRANSLATE_NOOP("StudioActions", "&Save"),
        (Key.Save,),
        "save",
        QT_TRANSLATE_NOOP("StudioActions", "Save the graph"),
    ),
    ActionSpec(
        "SaveAs",
        QT_TRANSLATE_NOOP("StudioActions", "Save &As…"),
        ("Ctrl+Shift+S",),
        "save-as",
        QT_TRANSLATE_NOOP("StudioActions", "Save under a new name"),
    ),
    ActionSpec(
        "Close",
        QT_TRANSLATE_NOOP("StudioActions", "&Close"),
        ("Ctrl+W",),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "Close the graph (the window stays, empty)"),
    ),
    ActionSpec(
        "ClearRecent",
        QT_TRANSLATE_NOOP("StudioActions", "&Clear Recent Files"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "Forget the recent files"),
    ),
    ActionSpec(
        "Quit",
        QT_TRANSLATE_NOOP("StudioActions", "&Quit"),
        (Key.Quit,),
        "quit",
        QT_TRANSLATE_NOOP("StudioActions", "Close the window"),
    ),
    # Edit (Undo and Redo come from the undo stack, see create_actions)
    ActionSpec(
        "Cut",
        QT_TRANSLATE_NOOP("StudioActions", "Cu&t"),
        (Key.Cut,),
        "cut",
        QT_TRANSLATE_NOOP("StudioActions", "Cut the selected nodes"),
    ),
    ActionSpec(
        "Copy",
        QT_TRANSLATE_NOOP("StudioActions", "&Copy"),
        (Key.Copy,),
        "copy",
        QT_TRANSLATE_NOOP("StudioActions", "Copy the selected nodes"),
    ),
    ActionSpec(
        "Paste",
        QT_TRANSLATE_NOOP("StudioActions", "&Paste"),
        (Key.Paste,),
        "paste",
        QT_TRANSLATE_NOOP("StudioActions", "Paste nodes from the clipboard"),
    ),
    ActionSpec(
        "Duplicate",
        QT_TRANSLATE_NOOP("StudioActions", "D&uplicate"),
        ("Ctrl+D",),
        "duplicate",
        QT_TRANSLATE_NOOP("StudioActions", "Duplicate the selection"),
    ),
    ActionSpec(
        "Delete",
        QT_TRANSLATE_NOOP("StudioActions", "&Delete"),
        ("Delete", "Backspace"),
        "delete",
        QT_TRANSLATE_NOOP("StudioActions", "Delete the selected nodes"),
    ),
    ActionSpec(
        "SelectAll",
        QT_TRANSLATE_NOOP("StudioActions", "Select &All"),
        (Key.SelectAll,),
        "select-all",
        QT_TRANSLATE_NOOP("StudioActions", "Select every node"),
    ),
    ActionSpec(
        "Find",
        QT_TRANSLATE_NOOP("StudioActions", "&Find…"),
        ("Ctrl+F",),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "Find a node by its label or id"),
    ),
    ActionSpec(
        "Preferences",
        QT_TRANSLATE_NOOP("StudioActions", "Pre&ferences…"),
        (Key.Preferences, "Ctrl+,"),
        None,
        QT_TRANSLATE_NOOP(
            "StudioActions", "The largest file to open and how soon unsaved work is autosaved"
        ),
    ),
    # View
    ActionSpec(
        "ZoomIn",
        QT_TRANSLATE_NOOP("StudioActions", "Zoom &In"),
        ("Ctrl+=", "Ctrl++"),
        "zoom-in",
        QT_TRANSLATE_NOOP("StudioActions", "Zoom in"),
    ),
    ActionSpec(
        "ZoomOut",
        QT_TRANSLATE_NOOP("StudioActions", "Zoom &Out"),
        ("Ctrl+-",),
        "zoom-out",
        QT_TRANSLATE_NOOP("StudioActions", "Zoom out"),
    ),
    ActionSpec(
        "ResetZoom",
        QT_TRANSLATE_NOOP("StudioActions", "&Actual Size"),
        ("Ctrl+0",),
        "zoom-reset",
        QT_TRANSLATE_NOOP("StudioActions", "Zoom to 100%"),
    ),
    ActionSpec(
        "Fit",
        QT_TRANSLATE_NOOP("StudioActions", "&Fit Graph"),
        ("F",),
        "fit",
        QT_TRANSLATE_NOOP("StudioActions", "Show the whole graph"),
    ),
    ActionSpec(
        "ThemeSystem",
        QT_TRANSLATE_NOOP("StudioActions", "&System"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "Light or dark as the system is"),
        True,
    ),
    ActionSpec(
        "ThemeLight",
        QT_TRANSLATE_NOOP("StudioActions", "&Light"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "Always the light theme"),
        True,
    ),
    ActionSpec(
        "ThemeDark",
        QT_TRANSLATE_NOOP("StudioActions", "&Dark"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "Always the dark theme"),
        True,
    ),
    # View > Language: the languages' own names, the same in every language
    ActionSpec(
        "LanguageSystem",
        QT_TRANSLATE_NOOP("StudioActions", "&System"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "The language of the system"),
        True,
    ),
    ActionSpec("LanguageEnglish", "English", (), None, "English", True),
    ActionSpec("LanguageChinese", "简体中文", (), None, "简体中文", True),
    # Graph
    ActionSpec(
        "Backward",
        QT_TRANSLATE_NOOP("StudioActions", "&Backward"),
        ("Ctrl+B",),
        "backward",
        QT_TRANSLATE_NOOP("StudioActions", "Run backward from the output node and show every grad"),
    ),
    ActionSpec(
        "SetOutput",
        QT_TRANSLATE_NOOP("StudioActions", "Set as &Output"),
        ("Ctrl+Shift+O",),
        "set-output",
        QT_TRANSLATE_NOOP("StudioActions", "Make the selected node the root of Backward"),
    ),
    # Graph > Derivatives: reverse and forward mode (gui/features/derivative_modes.py)
    ActionSpec(
        "ReverseMode",
        QT_TRANSLATE_NOOP("StudioActions", "&Reverse Mode"),
        ("Ctrl+Alt+R",),
        None,
        QT_TRANSLATE_NOOP(
            "StudioActions", "Reverse mode: Backward gives d(target)/d(every node) in one pass"
        ),
        checkable=True,
    ),
    ActionSpec(
        "ForwardMode",
        QT_TRANSLATE_NOOP("StudioActions", "&Forward Mode"),
        ("Ctrl+Alt+F",),
        None,
        QT_TRANSLATE_NOOP(
            "StudioActions", "Forward mode: every node shows d(node)/d(input) from one forward pass"
        ),
        checkable=True,
    ),
    ActionSpec(
        "SetTarget",
        QT_TRANSLATE_NOOP("StudioActions", "Set as Derivative &Target"),
        ("Ctrl+Shift+T",),
        None,
        QT_TRANSLATE_NOOP(
            "StudioActions",
            "Differentiate the selected node in reverse mode (instead of the output)",
        ),
    ),
    ActionSpec(
        "SetWrt",
        QT_TRANSLATE_NOOP("StudioActions", "Differentiate &With Respect To"),
        ("Ctrl+Shift+R",),
        None,
        QT_TRANSLATE_NOOP(
            "StudioActions", "Forward mode: tangents d(node)/d(the selected node) on every node"
        ),
    ),
    ActionSpec(
        "CompareModes",
        QT_TRANSLATE_NOOP("StudioActions", "Compare &Modes"),
        ("Ctrl+Shift+M",),
        None,
        QT_TRANSLATE_NOOP(
            "StudioActions",
            "Both modes' number for (target, input) side by side, and the passes each needs",
        ),
    ),
    ActionSpec(
        "AddNode",
        QT_TRANSLATE_NOOP("StudioActions", "&Add Node…"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "Search for a node to add (Tab on the canvas)"),
    ),
    ActionSpec(
        "ZeroGrad",
        QT_TRANSLATE_NOOP("StudioActions", "&Zero Grad"),
        ("Ctrl+Shift+Backspace",),
        "zero",
        QT_TRANSLATE_NOOP("StudioActions", "Set every grad to 0"),
    ),
    ActionSpec(
        "AccumulateGrads",
        QT_TRANSLATE_NOOP("StudioActions", "Acc&umulate Grads"),
        (),
        "accumulate",
        QT_TRANSLATE_NOOP(
            "StudioActions",
            "Backward sums onto the grads shown, as micrograd's backward() does (off: reset first)",
        ),
        checkable=True,
    ),
    # Step-through backward; debugger keys
    ActionSpec(
        "BackpropStep",
        QT_TRANSLATE_NOOP("StudioActions", "&Step"),
        ("F10",),
        "step",
        QT_TRANSLATE_NOOP("StudioActions", "Run the next node's local backward"),
    ),
    ActionSpec(
        "BackpropStepBack",
        QT_TRANSLATE_NOOP("StudioActions", "Step &Back"),
        ("Shift+F10",),
        "step-back",
        QT_TRANSLATE_NOOP("StudioActions", "Undo the last step"),
    ),
    ActionSpec(
        "BackpropReset",
        QT_TRANSLATE_NOOP("StudioActions", "&Reset to Seed"),
        ("Home",),
        "reset",
        QT_TRANSLATE_NOOP("StudioActions", "Back to grad(output) = 1"),
    ),
    ActionSpec(
        "BackpropEnd",
        QT_TRANSLATE_NOOP("StudioActions", "Run to &End"),
        ("End",),
        "end",
        QT_TRANSLATE_NOOP("StudioActions", "Run every remaining step"),
    ),
    ActionSpec(
        "BackpropPlay",
        QT_TRANSLATE_NOOP("StudioActions", "&Play"),
        ("F5",),
        "play",
        QT_TRANSLATE_NOOP("StudioActions", "Step automatically (Pause: F5)"),
        checkable=True,
    ),
    ActionSpec(
        "BackpropStop",
        QT_TRANSLATE_NOOP("StudioActions", "S&top Stepping"),
        ("Shift+F5",),
        "stop",
        QT_TRANSLATE_NOOP("StudioActions", "Leave the step-through"),
    ),
    ActionSpec(
        "GradientFlow",
        QT_TRANSLATE_NOOP("StudioActions", "Gradient &Flow"),
        ("Ctrl+G",),
        "flow",
        QT_TRANSLATE_NOOP(
            "StudioActions",
            "Edges by how much gradient they carry; zero-grad nodes dimmed; cuts explained",
        ),
        checkable=True,
    ),
    ActionSpec(
        "CheckGradients",
        QT_TRANSLATE_NOOP("StudioActions", "&Check Gradients"),
        ("Ctrl+Shift+C",),
        "check",
        QT_TRANSLATE_NOOP(
            "StudioActions", "Compare every grad with central differences and PyTorch"
        ),
    ),
    # Graph > Training (gui/features/training.py)
    ActionSpec(
        "Train",
        QT_TRANSLATE_NOOP("StudioActions", "&Training…"),
        ("Ctrl+T",),
        None,
        QT_TRANSLATE_NOOP(
            "StudioActions",
            "Train the weights on a dataset: loss plot, decision boundary, Step / Play / Reset",
        ),
    ),
    # File > Import / Export (code round trips)
    ActionSpec(
        "ImportExpression",
        QT_TRANSLATE_NOOP("StudioActions", "Python &Expression…"),
        ("Ctrl+Shift+I",),
        None,
        QT_TRANSLATE_NOOP(
            "StudioActions", "A new graph from an expression such as relu(w1*x1 + w2*x2 + b)"
        ),
    ),
    ActionSpec(
        "ExportPython",
        QT_TRANSLATE_NOOP("StudioActions", "&Python Script (Autograd Studio)…"),
        (),
        "script",
        QT_TRANSLATE_NOOP(
            "StudioActions",
            "A script that rebuilds the graph with this engine and prints every grad",
        ),
    ),
    ActionSpec(
        "ExportTorch",
        QT_TRANSLATE_NOOP("StudioActions", "Py&Torch Script…"),
        (),
        "script",
        QT_TRANSLATE_NOOP(
            "StudioActions", "A script that rebuilds the graph with PyTorch and prints every grad"
        ),
    ),
    # File > Export: pictures (gui/picture_export.py)
    ActionSpec(
        "ExportImage",
        QT_TRANSLATE_NOOP("StudioActions", "&Image (PNG, SVG)…"),
        ("Ctrl+Shift+E",),
        None,
        QT_TRANSLATE_NOOP(
            "StudioActions", "The graph as annotated on the canvas, as a PNG or SVG picture"
        ),
    ),
    ActionSpec(
        "ExportSelectionImage",
        QT_TRANSLATE_NOOP("StudioActions", "&Selection as Image…"),
        (),
        None,
        QT_TRANSLATE_NOOP(
            "StudioActions",
            "The selected nodes as annotated on the canvas, as a PNG or SVG picture",
        ),
    ),
    ActionSpec(
        "ExportDot",
        QT_TRANSLATE_NOOP("StudioActions", "&DOT (Graphviz)…"),
        (),
        None,
        QT_TRANSLATE_NOOP(
            "StudioActions",
            "Graphviz source: micrograd-style records with data and grad, at the canvas's places",
        ),
    ),
    # Graph > Functions (gui/features/functions.py)
    ActionSpec(
        "Group",
        "&Group into Function",
        ("Ctrl+Alt+G",),
        None,
        "Turn the selected nodes into one function node (double-click it to open it)",
    ),
    ActionSpec(
        "Ungroup",
        "&Ungroup",
        ("Ctrl+Alt+Shift+G",),
        None,
        "Put the selected function node's nodes back in its place",
    ),
    ActionSpec(
        "MakeUnique",
        "Make &Unique",
        (),
        None,
        "Give the selected function node its own copy, so that editing it leaves others alone",
    ),
    ActionSpec(
        "NewFunction",
        "New Function from &Expression…",
        (),
        None,
        "A new function from a formula such as softplus(x) = log(1 + exp(x))",
    ),
    ActionSpec(
        "InsertTemplate",
        "Insert &Template…",
        (),
        None,
        "A neuron, layer, MLP or loss as a function with seeded random weights",
    ),
    ActionSpec(
        "ExportFunctions",
        "&Function Library…",
        (),
        None,
        "Write this graph's functions to a library file to use in other graphs",
    ),
    ActionSpec(
        "ImportFunctions",
        "&Function Library…",
        (),
        None,
        "Add the functions of a library file to this graph",
    ),
    ActionSpec(
        "LeaveFunction",
        "&Leave Function",
        ("Alt+Up",),
        None,
        "Go back up from the function you opened",
    ),
    # Arrange
    ActionSpec(
        "AutoLayout",
        QT_TRANSLATE_NOOP("StudioActions", "&Auto Layout"),
        ("Ctrl+L",),
        "auto-layout",
        QT_TRANSLATE_NOOP("StudioActions", "Arrange the graph from left to right"),
    ),
    ActionSpec(
        "LayoutEngineAuto",
        QT_TRANSLATE_NOOP("StudioActions", "&Automatic"),
        (),
        None,
        _ENGINE_TIPS["auto"],
        True,
    ),
    ActionSpec(
        "LayoutEngineDot",
        QT_TRANSLATE_NOOP("StudioActions", "Graphviz &dot"),
        (),
        None,
        _ENGINE_TIPS["dot"],
        True,
    ),
    ActionSpec(
        "LayoutEngineLayered",
        QT_TRANSLATE_NOOP("StudioActions", "&Layered"),
        (),
        None,
        _ENGINE_TIPS["layered"],
        True,
    ),
    ActionSpec(
        "AnimateLayout",
        QT_TRANSLATE_NOOP("StudioActions", "A&nimate Layout"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "Glide the nodes to their new places (small graphs)"),
        checkable=True,
    ),
    # File > Export > Image Scale, Transparent Background
    ActionSpec(
        "ImageScale1x",
        QT_TRANSLATE_NOOP("StudioActions", "&1x"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "PNG pictures with 1 pixel(s) per canvas unit"),
        True,
    ),
    ActionSpec(
        "ImageScale2x",
        QT_TRANSLATE_NOOP("StudioActions", "&2x"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "PNG pictures with 2 pixel(s) per canvas unit"),
        True,
    ),
    ActionSpec(
        "ImageScale4x",
        QT_TRANSLATE_NOOP("StudioActions", "&4x"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "PNG pictures with 4 pixel(s) per canvas unit"),
        True,
    ),
    ActionSpec(
        "TransparentBackground",
        QT_TRANSLATE_NOOP("StudioActions", "&Transparent Background"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "Pictures without the canvas's background colour"),
        checkable=True,
    ),
    # Help
    ActionSpec(
        "Shortcuts",
        QT_TRANSLATE_NOOP("StudioActions", "&Keyboard Shortcuts"),
        (Key.HelpContents,),
        "shortcuts",
        QT_TRANSLATE_NOOP("StudioActions", "List every shortcut"),
    ),
    ActionSpec(
        "About",
        QT_TRANSLATE_NOOP("StudioActions", "&About Autograd Studio"),
        (),
        "about",
        QT_TRANSLATE_NOOP("StudioActions", "Version and credits"),
    ),
)


#: The show/hide actions of the docks: Qt makes them (``QDockWidget.toggleViewAction``), and
#: :meth:`StudioActions.adopt` gives them these looks and shortcuts, so they are chosen here
#: with every other one.
DOCK_TOGGLE_SPECS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "ShowPalette",
        QT_TRANSLATE_NOOP("StudioActions", "&Palette"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "Show or hide the palette"),
    ),
    ActionSpec(
        "ShowInspector",
        QT_TRANSLATE_NOOP("StudioActions", "&Inspector"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "Show or hide the inspector"),
    ),
    ActionSpec(
        "History",
        QT_TRANSLATE_NOOP("StudioActions", "&History"),
        ("Ctrl+H",),
        "history",
        QT_TRANSLATE_NOOP("StudioActions", "Show every edit; click one to go back to it"),
    ),
    ActionSpec(
        "ShowBackprop",
        QT_TRANSLATE_NOOP("StudioActions", "&Backprop Panel"),
        (),
        "step",
        QT_TRANSLATE_NOOP("StudioActions", "Show or hide the Backprop panel"),
    ),
    ActionSpec(
        "ShowGradientCheck",
        QT_TRANSLATE_NOOP("StudioActions", "&Gradient Check Panel"),
        (),
        "check",
        QT_TRANSLATE_NOOP("StudioActions", "Show or hide the Gradient Check panel"),
    ),
    ActionSpec(
        "ShowModes",
        QT_TRANSLATE_NOOP("StudioActions", "F&orward and Reverse Panel"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "Show or hide the Forward and Reverse panel"),
    ),
    ActionSpec(
        "ShowTraining",
        QT_TRANSLATE_NOOP("StudioActions", "&Training Panel"),
        (),
        None,
        QT_TRANSLATE_NOOP("StudioActions", "Show or hide the Training panel"),
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
        action.setText(_translated(spec.text))
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
    preferences: QAction
    zoom_in: QAction
    zoom_out: QAction
    reset_zoom: QAction
    fit: QAction
    theme_system: QAction
    theme_light: QAction
    theme_dark: QAction
    language_system: QAction
    language_english: QAction
    language_chinese: QAction
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
    train: QAction
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
    show_training: QAction


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


def _translated(text: str) -> str:
    # The table's texts are marked with QT_TRANSLATE_NOOP; they are translated as the
    # actions are made, after the language's translators are installed.
    return QCoreApplication.translate("StudioActions", text)


def _apply(action: QAction, spec: ActionSpec) -> None:
    action.setObjectName(f"action{spec.name}")
    action.setShortcuts(_sequences(spec.shortcuts))
    if spec.icon:
        action.setIcon(action_icon(spec.icon))
    if spec.tip:
        tip = _translated(spec.tip)
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        action.setStatusTip(tip)
    action.setCheckable(spec.checkable)


def create_actions(parent: QWidget, undo_stack: QUndoStack) -> StudioActions:
    """Build every action of the window (unconnected, except Undo/Redo to *undo_stack*)."""
    actions = StudioActions()
    for spec in ACTION_SPECS:
        action = QAction(_translated(spec.text), parent)
        _apply(action, spec)
        actions.add(_attribute(spec.name), action)

    # The stack's own actions keep their text ("Undo Add mul") and enabled state current.
    undo = undo_stack.createUndoAction(parent, QCoreApplication.translate("StudioActions", "&Undo"))
    _apply(
        undo,
        ActionSpec(
            "Undo",
            "",
            (Key.Undo,),
            "undo",
            QT_TRANSLATE_NOOP("StudioActions", "Undo the last edit"),
        ),
    )
    actions.add("undo", undo)
    redo = undo_stack.createRedoAction(parent, QCoreApplication.translate("StudioActions", "&Redo"))
    _apply(
        redo,
        ActionSpec(
            "Redo",
            "",
            ("Ctrl+Shift+Z", "Ctrl+Y"),
            "redo",
            QT_TRANSLATE_NOOP("StudioActions", "Redo"),
        ),
    )
    actions.add("redo", redo)
    # macOS moves it to the application menu, where its users look for it
    actions.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
    # View > Theme: one choice of three (a radio group in the menu)
    themes = QActionGroup(parent)
    themes.setExclusive(True)
    for action in (actions.theme_system, actions.theme_light, actions.theme_dark):
        themes.addAction(action)
    # Reverse / Forward, Arrange > Layout Engine, File > Export > Image Scale: one choice each
    for members in (
        (actions.language_system, actions.language_english, actions.language_chinese),
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
