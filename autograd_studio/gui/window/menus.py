"""Where the main window's actions appear: the menu bar and the toolbar.

Menus only arrange actions built in :mod:`autograd_studio.gui.window.actions`; what an action does
is wired in the window.  Open Recent and Examples are refilled from their sources each time
they are about to show.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolBar

from autograd_studio.gui.window.examples import Example

if TYPE_CHECKING:
    from autograd_studio.gui.window.main_window import MainWindow

__all__ = ["build_menu_bar", "build_toolbar", "fill_examples_menu", "fill_recent_menu"]


def build_menu_bar(window: MainWindow) -> tuple[QMenu, QMenu]:
    """File, Edit, View, Graph, Arrange, Help; returns the (Open Recent, Examples) menus."""
    a = window.actions
    bar = window.menuBar()
    file_menu = bar.addMenu(QCoreApplication.translate("Menus", "&File"))
    file_menu.addActions([a.new, a.open])
    recent_menu = file_menu.addMenu(QCoreApplication.translate("Menus", "Open &Recent"))
    recent_menu.setObjectName("recentMenu")
    recent_menu.setToolTipsVisible(True)
    examples_menu = file_menu.addMenu(QCoreApplication.translate("Menus", "&Examples"))
    examples_menu.setObjectName("examplesMenu")
    examples_menu.setToolTipsVisible(True)
    file_menu.addSeparator()
    file_menu.addActions([a.save, a.save_as, a.close])
    file_menu.addSeparator()
    import_menu = file_menu.addMenu(QCoreApplication.translate("Menus", "&Import"))
    import_menu.setObjectName("importMenu")
    import_menu.addActions([a.import_expression, a.import_functions])
    export_menu = file_menu.addMenu(QCoreApplication.translate("Menus", "E&xport"))
    export_menu.setObjectName("exportMenu")
    export_menu.addActions([a.export_python, a.export_torch, a.export_functions])
    export_menu.addSeparator()
    export_menu.addActions([a.export_image, a.export_selection_image, a.export_dot])
    export_menu.addSeparator()
    scales = export_menu.addMenu(QCoreApplication.translate("Menus", "Image &Scale"))
    scales.setObjectName("imageScaleMenu")
    scales.addActions([a.image_scale1x, a.image_scale2x, a.image_scale4x])
    export_menu.addAction(a.transparent_background)
    file_menu.addSeparator()
    file_menu.addAction(a.quit)

    edit_menu = bar.addMenu(QCoreApplication.translate("Menus", "&Edit"))
    edit_menu.addActions([a.undo, a.redo])
    edit_menu.addSeparator()
    edit_menu.addActions([a.cut, a.copy, a.paste, a.duplicate, a.delete])
    edit_menu.addSeparator()
    edit_menu.addActions([a.select_all, a.find])
    edit_menu.addSeparator()
    edit_menu.addAction(a.history)
    edit_menu.addSeparator()
    edit_menu.addAction(a.preferences)

    view_menu = bar.addMenu(QCoreApplication.translate("Menus", "&View"))
    view_menu.addActions([a.zoom_in, a.zoom_out, a.reset_zoom, a.fit])
    view_menu.addSeparator()
    view_menu.addActions([a.show_palette, a.show_inspector, a.show_backprop])
    view_menu.addActions([a.show_gradient_check, a.show_modes, a.show_training])
    view_menu.addSeparator()
    view_menu.addAction(a.gradient_flow)
    view_menu.addSeparator()
    theme_menu = view_menu.addMenu(QCoreApplication.translate("Menus", "&Theme"))
    theme_menu.setObjectName("themeMenu")
    theme_menu.addActions([a.theme_system, a.theme_light, a.theme_dark])
    language_menu = view_menu.addMenu(QCoreApplication.translate("Menus", "&Language"))
    language_menu.setObjectName("languageMenu")
    language_menu.addActions([a.language_system, a.language_english, a.language_chinese])

    graph_menu = bar.addMenu(QCoreApplication.translate("Menus", "&Graph"))
    graph_menu.addActions([a.backward, a.zero_grad, a.accumulate_grads])
    step_menu = graph_menu.addMenu(QCoreApplication.translate("Menus", "S&tep Through Backward"))
    step_menu.setObjectName("stepMenu")
    step_menu.addActions([a.backprop_step, a.backprop_step_back, a.backprop_play])
    step_menu.addActions([a.backprop_reset, a.backprop_end, a.backprop_stop])
    graph_menu.addAction(a.check_gradients)
    graph_menu.addAction(a.train)
    derivatives_menu = graph_menu.addMenu(QCoreApplication.translate("Menus", "&Derivatives"))
    derivatives_menu.setObjectName("derivativesMenu")
    derivatives_menu.addActions([a.reverse_mode, a.forward_mode])
    derivatives_menu.addSeparator()
    derivatives_menu.addActions([a.set_target, a.set_wrt])
    derivatives_menu.addSeparator()
    derivatives_menu.addAction(a.compare_modes)
    graph_menu.addSeparator()
    graph_menu.addAction(a.set_output)
    graph_menu.addSeparator()
    graph_menu.addActions([a.group, a.ungroup, a.make_unique, a.leave_function])
    graph_menu.addActions([a.new_function, a.insert_template])
    graph_menu.addSeparator()
    graph_menu.addAction(a.add_node)

    arrange_menu = bar.addMenu(QCoreApplication.translate("Menus", "&Arrange"))
    arrange_menu.setObjectName("arrangeMenu")
    arrange_menu.addAction(a.auto_layout)
    arrange_menu.addSeparator()
    engines = arrange_menu.addMenu(QCoreApplication.translate("Menus", "Layout &Engine"))
    engines.setObjectName("layoutEngineMenu")
    engines.addActions([a.layout_engine_auto, a.layout_engine_dot, a.layout_engine_layered])
    arrange_menu.addAction(a.animate_layout)

    help_menu = bar.addMenu(QCoreApplication.translate("Menus", "&Help"))
    help_menu.addActions([a.shortcuts, a.about])

    # Actions live on the window too, so their shortcuts work while a dock has focus.
    window.addActions(list(a))
    return recent_menu, examples_menu


def build_toolbar(window: MainWindow) -> QToolBar:
    """New Open Save | Undo Redo | Backward Step Flow | Reverse Forward | Fit Auto-Layout
    (only Backward and the mode switch show text)."""
    a = window.actions
    toolbar = QToolBar(QCoreApplication.translate("Menus", "Main toolbar"), window)
    toolbar.setObjectName("mainToolBar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    groups = (
        (a.new, a.open, a.save),
        (a.undo, a.redo),
        (a.backward, a.backprop_step, a.gradient_flow),
        (a.reverse_mode, a.forward_mode),
        (a.fit, a.auto_layout),
    )
    for index, group in enumerate(groups):
        if index:
            toolbar.addSeparator()
        for action in group:
            toolbar.addAction(action)
            if action in (a.reverse_mode, a.forward_mode):  # the mode switch: two words
                toolbar.widgetForAction(action).setToolButtonStyle(
                    Qt.ToolButtonStyle.ToolButtonTextOnly
                )
            elif action is not a.backward:  # the one button named in full: the point of it all
                toolbar.widgetForAction(action).setToolButtonStyle(
                    Qt.ToolButtonStyle.ToolButtonIconOnly
                )
    toolbar.widgetForAction(a.reverse_mode).setObjectName("reverseModeButton")
    toolbar.widgetForAction(a.forward_mode).setObjectName("forwardModeButton")
    backward_button = toolbar.widgetForAction(a.backward)
    backward_button.setObjectName("backwardButton")
    font = backward_button.font()
    font.setBold(True)
    backward_button.setFont(font)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    return toolbar


def fill_recent_menu(
    menu: QMenu, paths: list[str], open_recent: Callable[[str], object], clear: QAction
) -> None:
    """Numbered entries (full path as tooltip), or a disabled "No recent files"."""
    menu.clear()
    for index, path in enumerate(paths, start=1):
        prefix = f"&{index}" if index < 10 else str(index)
        action = menu.addAction(f"{prefix} {Path(path).name}")
        action.setToolTip(path)
        action.setStatusTip(path)
        action.setData(path)
        action.triggered.connect(lambda _checked=False, p=path: open_recent(p))
    if not paths:
        menu.addAction(QCoreApplication.translate("Menus", "No recent files")).setEnabled(False)
    menu.addSeparator()
    menu.addAction(clear)
    clear.setEnabled(bool(paths))


def fill_examples_menu(
    menu: QMenu, examples: list[Example], open_example: Callable[[Example], object]
) -> None:
    """One entry per example, its description as tooltip and status tip."""
    menu.clear()
    for example in examples:
        action = menu.addAction(example.name)
        action.setData(str(example.path))
        if example.description:
            action.setToolTip(example.description)
            action.setStatusTip(example.description)
        action.triggered.connect(lambda _checked=False, e=example: open_example(e))
    if not examples:
        menu.addAction(QCoreApplication.translate("Menus", "No examples found")).setEnabled(False)
