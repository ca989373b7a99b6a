"""Test-wide settings: headless Qt, a derandomized hypothesis profile for CI."""

import importlib.util
import os
import re
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))

_TORCH_IMPORT = re.compile(r"^(import torch|from torch)\b", re.MULTILINE)
_TORCH_OPTIONAL = importlib.util.find_spec("torch") is None and not os.environ.get(
    "AUTOGRAD_STUDIO_REQUIRE_TORCH"
)


def pytest_ignore_collect(collection_path: Path, config) -> bool | None:
    # Where torch is absent and not required (the other Pythons scripts/test runs), a module
    # that imports torch at its top is left out, as require_torch() would skip its tests;
    # where scripts/test installed torch, such a module still fails without it.
    if not _TORCH_OPTIONAL or collection_path.suffix != ".py":
        return None
    return True if _TORCH_IMPORT.search(collection_path.read_text(encoding="utf-8")) else None
