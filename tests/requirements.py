"""Skip-or-fail helpers: a test that needs torch, Graphviz or Xvfb skips on a developer's bare
machine but fails where ``scripts/test`` said the dependency must be there (CI)."""

from __future__ import annotations

import importlib
import os
import shutil

import pytest


def require_torch(module_level: bool = False):
    """Import and return torch (float64, one thread), skipping or failing as configured.

    ``module_level=True`` is for a test module that needs torch throughout
    (``torch = require_torch(module_level=True)`` at its top): the whole module skips.
    """
    try:
        torch = importlib.import_module("torch")
    except ImportError:
        if os.environ.get("AUTOGRAD_STUDIO_REQUIRE_TORCH"):
            pytest.fail("torch is required here (AUTOGRAD_STUDIO_REQUIRE_TORCH) but missing")
        pytest.skip("torch is not installed", allow_module_level=module_level)
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float64)
    return torch


def require_dot() -> str:
    """The path of Graphviz's dot program, skipping or failing as configured."""
    path = shutil.which("dot")
    if path is None:
        if os.environ.get("AUTOGRAD_STUDIO_REQUIRE_DOT"):
            pytest.fail("Graphviz 'dot' is required here (AUTOGRAD_STUDIO_REQUIRE_DOT)")
        pytest.skip("Graphviz 'dot' is not installed")
    return path


def require_xvfb() -> tuple[str, str]:
    """The paths of the ``Xvfb`` X server and ``xdotool``, skipping or failing as configured."""
    xvfb, xdotool = shutil.which("Xvfb"), shutil.which("xdotool")
    if xvfb is None or xdotool is None:
        missing = " and ".join(n for n, p in (("Xvfb", xvfb), ("xdotool", xdotool)) if not p)
        if os.environ.get("AUTOGRAD_STUDIO_REQUIRE_XVFB"):
            pytest.fail(f"{missing} is required here (AUTOGRAD_STUDIO_REQUIRE_XVFB)")
        pytest.skip(f"{missing} is not installed")
    return xvfb, xdotool
