"""Skip-or-fail helpers: a test that needs torch or Graphviz skips on a developer's bare
machine but fails where ``scripts/test`` said the dependency must be there (CI)."""

from __future__ import annotations

import importlib
import os
import shutil

import pytest


def require_torch():
    """Import and return torch (float64, one thread), skipping or failing as configured."""
    try:
        torch = importlib.import_module("torch")
    except ImportError:
        if os.environ.get("AUTOGRAD_STUDIO_REQUIRE_TORCH"):
            pytest.fail("torch is required here (AUTOGRAD_STUDIO_REQUIRE_TORCH) but missing")
        pytest.skip("torch is not installed")
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
