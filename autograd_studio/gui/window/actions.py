"""The window's ``QAction``s, made from the action table (:mod:`.action_table`).

The table (one module per menu) chooses every name, text, shortcut, icon and tip; this
module turns its rows into actions, adds Undo/Redo from the undo stack and the exclusive
groups, and gives the docks' own toggles their looks.  The main window connects the
actions to what they do and :mod:`.menus` puts them in menus and the toolbar.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QWidget

from autograd_studio.gui.look.icons import action_icon
from autograd_studio.gui.window.action_table import (
    ACTION_SPECS,
    DOCK_TOGGLE_SPECS,
    ActionSpec,
    Key,
)

__all__ = [
    "ACTION_SPECS",
    "DOCK_TOGGLE_SPECS",
    "ActionSpec",
    "StudioActions",
    "create_actions",
]


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
