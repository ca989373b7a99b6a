"""The interface language: which one to use, and the Qt translators that give it.

The choice is ``"system"`` (follow the locale, ``LANG=zh_CN.UTF-8`` gives Chinese),
``"en"`` or ``"zh_CN"``.  Two translators serve it: ours, compiled from
``autograd_studio/resources/translations/autograd_studio_<lang>.ts``, and Qt's own
``qtbase_<lang>.qm`` (shipped with PySide6) for the standard buttons and file dialogs.
English has a catalog of ours too: it holds only plural forms, so ``%n node(s)`` reads
"1 node" and "2 nodes".

Numbers never pass through a translator: texts carry them as ``{placeholders}`` filled in
after translation, formatted by the same code in every language.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from autograd_studio.resources import resource

__all__ = [
    "LANGUAGES",
    "Language",
    "current_language",
    "install_language",
    "native_name",
    "resolve_language",
    "translations_dir",
]

CATALOG = "autograd_studio"


@dataclass(frozen=True)
class Language:
    """One entry of View > Language: ``code`` is what the settings store."""

    code: str
    native_name: str  # shown as it is in every language, so anyone can find their own


SYSTEM = "system"
ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGES: tuple[Language, ...] = (
    Language(ENGLISH, "English"),
    Language(CHINESE, "简体中文"),
)


def translations_dir() -> Path:
    """Where the compiled ``.qm`` files ship: ``autograd_studio/resources/translations``."""
    return resource("translations")


def resolve_language(choice: str, locale: QLocale | None = None) -> str:
    """The language code to load for the setting *choice* (``system`` follows *locale*)."""
    if choice in {lang.code for lang in LANGUAGES}:
        return choice
    locale = locale if locale is not None else QLocale.system()
    if locale.language() == QLocale.Language.Chinese:
        return CHINESE
    return ENGLISH


def native_name(code: str) -> str:
    """``"简体中文"`` for ``"zh_CN"``: how the language calls itself."""
    return next((lang.native_name for lang in LANGUAGES if lang.code == code), code)


def current_language() -> str:
    """The language whose translators are installed (English before any is)."""
    return _current[0]


_current = [ENGLISH]
# Installed translators are kept here: a QTranslator removed or garbage-collected while
# installed would leave the application translating with a dangling object.
_installed: list[QTranslator] = []


def install_language(choice: str, locale: QLocale | None = None) -> str:
    """Load the translators for *choice* into the running application; the code applied.

    Widgets created afterwards speak the new language; existing ones keep the texts they
    were given (the window offers a restart for them).  A missing ``.qm`` file falls back
    to the English source texts, never to an error.
    """
    app = QCoreApplication.instance()
    code = resolve_language(choice, locale)
    _current[0] = code
    for translator in _installed:
        if app is not None:
            QCoreApplication.removeTranslator(translator)
    _installed.clear()
    if app is None:
        return code
    ours = QTranslator(app)
    if ours.load(f"{CATALOG}_{code}", str(translations_dir())):
        QCoreApplication.installTranslator(ours)
        _installed.append(ours)
    if code != ENGLISH:
        qt_own = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_own.load(f"qtbase_{code}", qt_dir):
            QCoreApplication.installTranslator(qt_own)
            _installed.append(qt_own)
    return code
