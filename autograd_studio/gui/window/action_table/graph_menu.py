"""The Graph menu's actions: backward, derivatives, the step-through, checks, training
and functions."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from autograd_studio.gui.window.action_table.spec import ActionSpec

GRAPH_SPECS: tuple[ActionSpec, ...] = (
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
)
