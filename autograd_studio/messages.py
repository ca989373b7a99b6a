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

__all__ = ["TEMPLATES", "Message", "joined", "render"]


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
    "skipped": QT_TRANSLATE_NOOP("ChainRuleNotes", "{0} has no data ({1}): skipped"),
    "output-no-data": QT_TRANSLATE_NOOP("ChainRuleNotes", "the output {0} has no data ({1})"),
    "wrt-no-data": QT_TRANSLATE_NOOP("ChainRuleNotes", "{0} has no data ({1})"),
    "choose-wrt": QT_TRANSLATE_NOOP(
        "ChainRuleNotes", "choose an input or weight to differentiate with respect to"
    ),
}


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
        self = super().__new__(cls, template.format(*args))
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
    return translate(context, template).format(*(render(arg, translate) for arg in text.args))


def joined(items: Iterable[str]) -> str:
    """``a``, ``a and b``, ``a and b and c``: items joined by the ``and`` message."""
    result = ""
    for i, item in enumerate(items):
        result = item if i == 0 else Message("and", result, item)
    return result
