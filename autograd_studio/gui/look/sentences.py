"""The headless layers' sentences in the interface language.

The evaluator, the gradient-flow analysis, the chain-rule trace, the file reader, training
and layout write English :class:`~autograd_studio.messages.Message` strings (the command
line prints them as they are).  The editor shows each through :func:`said`, which makes it
again from its template as Qt's installed catalog translates it.  ``pyside6-lupdate``
collects those templates from :mod:`autograd_studio.messages` itself
(``scripts/update_translations.py`` scans it beside ``gui/``), so the English is written
once.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from autograd_studio.messages import render

__all__ = ["said", "said_error"]


def _translate(context: str, template: str) -> str:
    return QCoreApplication.translate(context, template)


def said(text: str) -> str:
    """*text* in the interface language if it is a headless message; otherwise as it is
    (names, numbers and math read the same in every language)."""
    return render(text, _translate)


def said_error(error: BaseException) -> str:
    """An exception's message in the interface language (``str(error)`` would turn a
    headless message back into plain English)."""
    if len(error.args) == 1 and isinstance(error.args[0], str):
        return said(error.args[0])
    return str(error)
