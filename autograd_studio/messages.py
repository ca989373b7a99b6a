"""Sentences the headless layers write for a person, in English and ready for translation.

The evaluator, the gradient-flow analysis, the chain-rule trace, the file reader, training
and layout all explain themselves in sentences: ``input b is not connected``, ``'y' (relu)
passes no gradient to 'z': ...``.  The command line prints them as they are; the editor
shows them in the interface language.  So each such sentence is a :class:`Message`: a
plain ``str`` holding the English text (every caller that printed, joined or compared the
old strings still does), that also remembers its template ``key`` and the ``args`` that
filled it.  :func:`render` writes a message again through any translator; the editor
passes Qt's.

The templates live in :data:`TEMPLATES`, once.  Each is wrapped in a function named
``QT_TRANSLATE_NOOP`` so that ``pyside6-lupdate`` (run over this file by
``scripts/update_translations.py``) collects it into the Qt catalogs under its context;
here it only returns ``(context, template)``: nothing in this module imports Qt.

Arguments are strings: numbers are written by :mod:`autograd_studio.numbers` or ``repr``
before they go in, so no translation ever changes a number.  An argument may itself be a
message (a reason inside a sentence) and is then translated too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

__all__ = ["CAPITALISED", "TEMPLATES", "Message", "joined", "kind_word", "render"]


def QT_TRANSLATE_NOOP(context: str, template: str) -> tuple[str, str]:
    """Marks *template* for ``pyside6-lupdate`` (the name it looks for); no Qt involved."""
    return context, template


#: key -> (translation context, English template with ``{0}``-style placeholders).
TEMPLATES: dict[str, tuple[str, str]] = {
    # Lists inside sentences.
    "and": QT_TRANSLATE_NOOP("Sentences", "{0} and {1}"),
    # Why a node has no value (evaluation problems, badges, the inspector).
    "input-unconnected": QT_TRANSLATE_NOOP("Problems", "input {0} is not connected"),
    "inputs-unconnected": QT_TRANSLATE_NOOP("Problems", "inputs {0} and {1} are not connected"),
    "waiting": QT_TRANSLATE_NOOP("Problems", "no value: {0} cannot be computed yet"),
    "function-input-unconnected": QT_TRANSLATE_NOOP(
        "Problems", "input {0} of {1} is not connected"
    ),
    "function-no-output": QT_TRANSLATE_NOOP("Problems", "function {0} has no output node"),
    "no-output": QT_TRANSLATE_NOOP("Problems", "no output node: set one, or leave a single sink"),
    # nan/inf where it first appears: "{call}: {why}".
    "non-finite-value": QT_TRANSLATE_NOOP("Problems", "{0}: {1}"),
    "too-large": QT_TRANSLATE_NOOP("Problems", "the result is too large for a float"),
    "undefined": QT_TRANSLATE_NOOP("Problems", "undefined here"),
    "gradient-through": QT_TRANSLATE_NOOP("Problems", "gradient is {0}: it comes through {1}"),
    "derivative-not-finite": QT_TRANSLATE_NOOP(
        "Problems", "{0} ({1}), whose local derivative is not finite here"
    ),
    "derivative-not-finite-domain": QT_TRANSLATE_NOOP(
        "Problems", "{0} ({1}), whose local derivative is not finite here ({2})"
    ),
    "tangent-not-finite": QT_TRANSLATE_NOOP(
        "Problems", "tangent is {0}: the local derivative of {1} is not finite here"
    ),
    "tangent-not-finite-domain": QT_TRANSLATE_NOOP(
        "Problems", "tangent is {0}: the local derivative of {1} is not finite here ({2})"
    ),
    "inside-function": QT_TRANSLATE_NOOP("Problems", "inside, at {0}: {1}"),
    # Where an op is not defined or not finite (the op registry's ``domain``).
    "domain-div": QT_TRANSLATE_NOOP("Problems", "b = 0 gives ±inf (or nan for 0/0)"),
    "domain-pow": QT_TRANSLATE_NOOP(
        "Problems", "a < 0 with a fractional b is nan; 0 to a negative power is inf"
    ),
    "domain-exp": QT_TRANSLATE_NOOP("Problems", "overflows to inf above a ≈ 709.78"),
    "domain-log": QT_TRANSLATE_NOOP("Problems", "a < 0 is nan; a = 0 is −inf"),
    "domain-sqrt": QT_TRANSLATE_NOOP("Problems", "a < 0 is nan; the derivative at 0 is inf"),
    # Gradient flow: where the gradient stops, and why.
    "cut": QT_TRANSLATE_NOOP("GradientFlowNotes", "{0} ({1}) passes no gradient to {2}: {3}"),
    "zero-grad-one": QT_TRANSLATE_NOOP("GradientFlowNotes", "1 node has a gradient of exactly 0"),
    "zero-grad-many": QT_TRANSLATE_NOOP(
        "GradientFlowNotes", "{0} nodes have a gradient of exactly 0"
    ),
    "zero-here": QT_TRANSLATE_NOOP(
        "GradientFlowNotes", "{0} local gradient for input {1} is 0 here"
    ),
    "zero-here-hint": QT_TRANSLATE_NOOP(
        "GradientFlowNotes", "{0} local gradient for input {1} is 0 here ({2})"
    ),
    "operand-zero": QT_TRANSLATE_NOOP("GradientFlowNotes", "operand {0} is 0: local gradient 0"),
    "other-operand-zero": QT_TRANSLATE_NOOP(
        "GradientFlowNotes", "other operand {0} is 0: local gradient 0"
    ),
    "indicator-zero": QT_TRANSLATE_NOOP(
        "GradientFlowNotes", "{0} input {1} {2} {3}: local gradient 0"
    ),
    "expression-zero": QT_TRANSLATE_NOOP("GradientFlowNotes", "{0}: local gradient {1} is 0"),
    "saturates": QT_TRANSLATE_NOOP(
        "GradientFlowNotes", "{0} input {1} saturates: local gradient {2} underflows to 0"
    ),
    "zero-at": QT_TRANSLATE_NOOP("GradientFlowNotes", "{0} at {1}: local gradient {2} is 0"),
    # Chain-rule narration (Backprop and forward-mode step-through).
    "accumulated": QT_TRANSLATE_NOOP("ChainRuleNotes", "{0}, so grad({1}) = {2}"),
    # A function call as one step (analysis/call_trace.py).
    "call-part": QT_TRANSLATE_NOOP(
        "ChainRuleNotes", "{0} (one part of the call: the engine runs another node in between)"
    ),
    "call-received": QT_TRANSLATE_NOOP("ChainRuleNotes", "grad({0}) += {1} back through {2}"),
    "call-received-so": QT_TRANSLATE_NOOP("ChainRuleNotes", "{0}, so grad = {1}"),
    "call-tangent": QT_TRANSLATE_NOOP(
        "ChainRuleNotes", "dot({0}) = {1}: {2} carries {3} through {4} rule(s)"
    ),
    "call-tangent-weights": QT_TRANSLATE_NOOP(
        "ChainRuleNotes",
        "dot({0}) = {1}: {2} carries its own weights' tangents through {3} rule(s)",
    ),
    "skipped": QT_TRANSLATE_NOOP("ChainRuleNotes", "{0} has no data ({1}): skipped"),
    "output-no-data": QT_TRANSLATE_NOOP("ChainRuleNotes", "the output {0} has no data ({1})"),
    "wrt-no-data": QT_TRANSLATE_NOOP("ChainRuleNotes", "{0} has no data ({1})"),
    "choose-wrt": QT_TRANSLATE_NOOP(
        "ChainRuleNotes", "choose an input or weight to differentiate with respect to"
    ),
    # Graph files that cannot be read (the editor's Open dialog; ``GraphFileError.in_words``).
    "sentence": QT_TRANSLATE_NOOP("FileErrors", "{0}."),
    "file-problem-at": QT_TRANSLATE_NOOP("FileErrors", "In {0}: {1}."),
    "file-unreadable": QT_TRANSLATE_NOOP(
        "FileErrors",
        "The file is damaged or is not an Autograd Studio graph: its text could not be read ({0}).",
    ),
    "place-node": QT_TRANSLATE_NOOP("FileErrors", "node {0}"),
    "place-edge": QT_TRANSLATE_NOOP("FileErrors", "edge {0}"),
    "place-function": QT_TRANSLATE_NOOP("FileErrors", "function {0}"),
    "place-field": QT_TRANSLATE_NOOP("FileErrors", 'the "{0}" field'),
    "place-within": QT_TRANSLATE_NOOP("FileErrors", "{0} {1}"),
    "place-fields": QT_TRANSLATE_NOOP("FileErrors", "{0} ({1})"),
    "not-json": QT_TRANSLATE_NOOP("FileErrors", "not valid JSON ({0})"),
    "nested-too-deeply": QT_TRANSLATE_NOOP("FileErrors", "nested too deeply"),
    "file-empty": QT_TRANSLATE_NOOP("FileErrors", "the file is empty"),
    "file-blank": QT_TRANSLATE_NOOP("FileErrors", "the file is blank"),
    "not-utf8": QT_TRANSLATE_NOOP("FileErrors", "not UTF-8 text (byte 0x{0} at offset {1})"),
    "not-an-object": QT_TRANSLATE_NOOP(
        "FileErrors", "expected an Autograd Studio graph (a JSON object), got {0}"
    ),
    "no-format": QT_TRANSLATE_NOOP(
        "FileErrors", 'no "format" field: this is not an Autograd Studio graph file'
    ),
    "no-version": QT_TRANSLATE_NOOP("FileErrors", 'no "version" field'),
    "newer-version": QT_TRANSLATE_NOOP(
        "FileErrors",
        "the file is format version {0}, written by a newer Autograd Studio; this version "
        "reads format version {1} and older",
    ),
    "unknown-version": QT_TRANSLATE_NOOP(
        "FileErrors",
        "format version {0} is not one this program can read (it reads format version {1})",
    ),
    "no-node-with-id": QT_TRANSLATE_NOOP("FileErrors", "no node with id {0}"),
    "not-finite": QT_TRANSLATE_NOOP("FileErrors", "{0} is not allowed: numbers must be finite"),
    "too-large-number": QT_TRANSLATE_NOOP("FileErrors", "{0} is too large for a float"),
    "cannot-read": QT_TRANSLATE_NOOP("FileErrors", "{0}: cannot read the file: {1}"),
    "not-a-file": QT_TRANSLATE_NOOP(
        "FileErrors", "{0}: cannot read the file: it is {1}, not a file"
    ),
    "cannot-write": QT_TRANSLATE_NOOP("FileErrors", "{0}: cannot write the file: {1}"),
    "cannot-write-document": QT_TRANSLATE_NOOP(
        "FileErrors", "{0}: cannot write this document: {1}"
    ),
    "too-big": QT_TRANSLATE_NOOP(
        "FileErrors",
        "{0}: the file is too big to open (the limit is {1}, set {2} or the editor's "
        "preference to raise it)",
    ),
    "too-big-size": QT_TRANSLATE_NOOP(
        "FileErrors",
        "{0}: the file is too big to open ({1}; the limit is {2}, set {3} or the editor's "
        "preference to raise it)",
    ),
    # Training: why it cannot start, why it cannot learn, what a CSV file lacks.
    "then": QT_TRANSLATE_NOOP("TrainingNotes", "{0} {1}"),
    "dead-one-row": QT_TRANSLATE_NOOP(
        "TrainingNotes",
        "Every weight's gradient is exactly 0 on the only row, so training cannot move any "
        "weight, whatever the learning rate.",
    ),
    "dead-rows": QT_TRANSLATE_NOOP(
        "TrainingNotes",
        "Every weight's gradient is exactly 0 on every one of the {0} rows, so training "
        "cannot move any weight, whatever the learning rate.",
    ),
    "no-weight-feeds-loss": QT_TRANSLATE_NOOP("TrainingNotes", "No weight feeds the loss node."),
    "dead-relu": QT_TRANSLATE_NOOP(
        "TrainingNotes",
        "ReLU {0} outputs 0 on every row: its input is at most 0 everywhere (from {1} to "
        "{2}), and a ReLU passes no gradient where its output is 0, so the weights behind it "
        "never learn (a dead ReLU). Start from weights or a bias that make its input "
        "positive on some rows.",
    ),
    "dead-cut": QT_TRANSLATE_NOOP(
        "TrainingNotes",
        "{0} {1} passes no gradient to {2} on any row: its local derivative is 0 there "
        "(saturated, or multiplied by 0).",
    ),
    "no-prediction": QT_TRANSLATE_NOOP("TrainingNotes", "no prediction node is set"),
    "loss-not-in-graph": QT_TRANSLATE_NOOP(
        "TrainingNotes", "the loss node {0} is not in the graph"
    ),
    "prediction-not-in-graph": QT_TRANSLATE_NOOP(
        "TrainingNotes", "the prediction node {0} is not in the graph"
    ),
    "loss-no-value": QT_TRANSLATE_NOOP("TrainingNotes", "the loss node {0} has no value: {1}"),
    "prediction-no-value": QT_TRANSLATE_NOOP(
        "TrainingNotes", "the prediction node {0} has no value: {1}"
    ),
    "no-bound-column": QT_TRANSLATE_NOOP(
        "TrainingNotes", "the dataset has no column {0} (bound to {1})"
    ),
    "bound-to-missing": QT_TRANSLATE_NOOP(
        "TrainingNotes", "column {0} is bound to {1}, which is not in the graph"
    ),
    "bound-to-non-input": QT_TRANSLATE_NOOP(
        "TrainingNotes", "column {0} is bound to {1}, a {2}: columns feed input nodes only"
    ),
    "no-target-column": QT_TRANSLATE_NOOP(
        "TrainingNotes", "the target column {0} is not in the dataset"
    ),
    "no-rows": QT_TRANSLATE_NOOP("TrainingNotes", "the dataset has no rows"),
    "csv-cannot-read": QT_TRANSLATE_NOOP("TrainingNotes", "{0}: cannot read the file: {1}"),
    "csv-not-utf8": QT_TRANSLATE_NOOP("TrainingNotes", "{0}: the file is not UTF-8 text"),
    "csv-empty": QT_TRANSLATE_NOOP("TrainingNotes", "{0}: the file is empty"),
    "csv-unnamed-column": QT_TRANSLATE_NOOP(
        "TrainingNotes", "{0}: row {1}: column {2} has no name"
    ),
    "csv-numbers-in-header": QT_TRANSLATE_NOOP(
        "TrainingNotes",
        "{0}: row {1}: the first row must name the columns, not hold numbers ({2})",
    ),
    "csv-column-twice": QT_TRANSLATE_NOOP(
        "TrainingNotes", "{0}: row {1}: the column {2} appears twice"
    ),
    "csv-row-length": QT_TRANSLATE_NOOP(
        "TrainingNotes", "{0}: row {1}: expected {2} values (one per column), got {3}"
    ),
    "csv-not-a-number": QT_TRANSLATE_NOOP(
        "TrainingNotes", "{0}: row {1}, column {2}: {3} is not a number"
    ),
    "csv-not-finite": QT_TRANSLATE_NOOP(
        "TrainingNotes", "{0}: row {1}, column {2}: {3} is not a finite number"
    ),
    "csv-no-rows": QT_TRANSLATE_NOOP(
        "TrainingNotes", "{0}: no rows of data below the column names"
    ),
    # Layout: why the layered layout stood in for Graphviz.
    "graphviz-missing": QT_TRANSLATE_NOOP(
        "LayoutNotes",
        "the Graphviz 'dot' program was not found on PATH; install Graphviz "
        "(Debian/Ubuntu: sudo apt-get install graphviz, macOS: brew install graphviz, "
        "Windows: winget install graphviz) and try again",
    ),
    "layered-without-dot": QT_TRANSLATE_NOOP("LayoutNotes", "Used the layered layout: {0}."),
    "dot-timeout": QT_TRANSLATE_NOOP(
        "LayoutNotes", "Graphviz dot did not finish within {0} s; used the layered layout."
    ),
    "dot-failed": QT_TRANSLATE_NOOP(
        "LayoutNotes", "Graphviz dot failed ({0}); used the layered layout."
    ),
    # Connecting nodes: why an edge cannot go here (shown while dragging one).
    "takes-no-inputs": QT_TRANSLATE_NOOP("EditingNotes", "{0} is a {1} and takes no inputs"),
    "kind-input": QT_TRANSLATE_NOOP("EditingNotes", "input"),
    "kind-weight": QT_TRANSLATE_NOOP("EditingNotes", "weight"),
    "self-loop": QT_TRANSLATE_NOOP("EditingNotes", "cannot connect {0} to itself"),
    "port-occupied": QT_TRANSLATE_NOOP("EditingNotes", "input {0} of {1} is already fed by {2}"),
    "cycle": QT_TRANSLATE_NOOP("EditingNotes", "connecting {0} to {1} would close a cycle: {2}"),
    # Gradient Check: why it cannot run, why PyTorch's column is empty.
    "check-no-output": QT_TRANSLATE_NOOP(
        "GradientCheckNotes", "the graph has no output node: set one, or leave a single sink"
    ),
    "check-output-no-value": QT_TRANSLATE_NOOP("GradientCheckNotes", "the output {0} has no value"),
    "check-output-no-value-why": QT_TRANSLATE_NOOP(
        "GradientCheckNotes", "the output {0} has no value: {1}"
    ),
    "torch-missing": QT_TRANSLATE_NOOP(
        "GradientCheckNotes", "PyTorch is not installed; add it with: {0}"
    ),
    "torch-broken": QT_TRANSLATE_NOOP("GradientCheckNotes", "PyTorch could not be imported ({0})"),
    # Import from a Python expression: where the expression goes wrong, and the common why.
    "expr-at-column": QT_TRANSLATE_NOOP("ExpressionNotes", "column {0}: {1}"),
    "expr-at-line-column": QT_TRANSLATE_NOOP("ExpressionNotes", "line {0}, column {1}: {2}"),
    "expr-empty": QT_TRANSLATE_NOOP("ExpressionNotes", "the expression is empty"),
    "expr-invalid-syntax": QT_TRANSLATE_NOOP("ExpressionNotes", "invalid syntax"),
    "expr-ends-early": QT_TRANSLATE_NOOP("ExpressionNotes", "{0} (the expression ends too early)"),
    "expr-operator": QT_TRANSLATE_NOOP("ExpressionNotes", "the operator {0} is not allowed"),
    "expr-call": QT_TRANSLATE_NOOP(
        "ExpressionNotes", "calling {0} is not allowed (the operators are: {1})"
    ),
    "expr-name": QT_TRANSLATE_NOOP("ExpressionNotes", "the name {0} is not allowed"),
    "expr-op-name": QT_TRANSLATE_NOOP("ExpressionNotes", "{0} is an operator; call it: {1}(...)"),
    "expr-number-too-large": QT_TRANSLATE_NOOP("ExpressionNotes", "the number {0} is too large"),
    "expr-arity": QT_TRANSLATE_NOOP("ExpressionNotes", "{0} takes {1} operand(s), got {2} ({3})"),
    "expr-variadic": QT_TRANSLATE_NOOP(
        "ExpressionNotes", "{0} takes {1} or more operands, got {2} ({3})"
    ),
    "expr-unused-name": QT_TRANSLATE_NOOP(
        "ExpressionNotes", "the expression has no name {0} (its names: {1})"
    ),
    # Functions: grouping a selection, and a function written as an expression.
    "group-nothing-selected": QT_TRANSLATE_NOOP(
        "FunctionNotes", "nothing is selected: select the nodes to group into a function"
    ),
    "function-exists": QT_TRANSLATE_NOOP("FunctionNotes", "a function called {0} already exists"),
    "not-a-function-node": QT_TRANSLATE_NOOP("FunctionNotes", "{0} is not a function node"),
    "group-outputs": QT_TRANSLATE_NOOP(
        "FunctionNotes",
        "the selection has {0} outputs ({1}); a function returns one value: add the nodes "
        "that combine them, or group them separately",
    ),
    "group-cycle": QT_TRANSLATE_NOOP(
        "FunctionNotes",
        "cannot group these nodes: {0} is fed by the selection and feeds it too, so the "
        "function would feed itself; add it to the selection",
    ),
    "function-header": QT_TRANSLATE_NOOP(
        "FunctionNotes",
        "write a function as name(parameters) = expression, for example "
        "softplus(x) = log(1 + exp(x))",
    ),
    "function-builtin-name": QT_TRANSLATE_NOOP(
        "FunctionNotes", "{0} is a built-in op already; choose another name"
    ),
    "not-a-parameter": QT_TRANSLATE_NOOP("FunctionNotes", "{0} is not a parameter name"),
    "parameter-twice": QT_TRANSLATE_NOOP("FunctionNotes", "a parameter is listed twice"),
    "no-parameters": QT_TRANSLATE_NOOP("FunctionNotes", "{0}() needs at least one parameter"),
    "parameter-unused": QT_TRANSLATE_NOOP(
        "FunctionNotes", "the parameter {0} is not used in the expression"
    ),
}

#: Templates whose sentence starts with an argument: its first letter is made upper-case.
CAPITALISED = frozenset({"sentence"})


class Message(str):
    """An English sentence made from template *key* and *args*, that can be said again in
    another language (:func:`render`).

    >>> m = Message("input-unconnected", "b")
    >>> m, m.key, m.args
    ('input b is not connected', 'input-unconnected', ('b',))
    >>> render(m, lambda context, template: template.replace("input", "Eingang"))
    'Eingang b is not connected'
    """

    key: str
    args: tuple[str, ...]

    def __new__(cls, key: str, *args: str) -> Message:
        _context, template = TEMPLATES[key]
        self = super().__new__(cls, _finish(key, template.format(*args)))
        self.key = key
        self.args = tuple(args)
        return self

    def __reduce__(self) -> tuple[type[Message], tuple[str, ...]]:
        # Pickled (sent to a worker process) as its key and args, not as a plain str.
        return (Message, (self.key, *self.args))


def render(text: str, translate: Callable[[str, str], str]) -> str:
    """*text* again through ``translate(context, template)``: a :class:`Message` and the
    messages among its arguments are re-made from their translated templates; any other
    string (a name, a number, math) is kept as it is."""
    if not isinstance(text, Message):
        return text
    context, template = TEMPLATES[text.key]
    args = [render(arg, translate) for arg in text.args]
    try:
        words = translate(context, template).format(*args)
    except (IndexError, KeyError, ValueError):  # a catalog with a broken placeholder
        words = template.format(*args)  # says it in English rather than not at all
    return _finish(text.key, words)


def _finish(key: str, text: str) -> str:
    return text[:1].upper() + text[1:] if key in CAPITALISED else text


def kind_word(kind: str) -> str:
    """A node kind as a word of the sentence it goes in: ``input`` and ``weight`` are
    translated (输入, 权重); ``op`` and ``function`` are names and stay."""
    key = f"kind-{kind}"
    return Message(key) if key in TEMPLATES else kind


def joined(items: Iterable[str]) -> str:
    """``a``, ``a and b``, ``a and b and c``: items joined by the ``and`` message."""
    result = ""
    for i, item in enumerate(items):
        result = item if i == 0 else Message("and", result, item)
    return result
