"""Analysis of a document's gradients, headless: the finite-difference gradient check and
the PyTorch cross-check (``autograd-studio check`` and the editor's gradient-check panel)."""

from autograd_studio.analysis.gradcheck import (
    GradCheckError,
    GradCheckResult,
    ParameterCheck,
    gradcheck,
    sample_parameters,
)
from autograd_studio.analysis.torch_check import (
    TORCH_HINT,
    TorchCheck,
    TorchMismatch,
    import_torch,
    torch_cross_check,
)

__all__ = [
    "TORCH_HINT",
    "GradCheckError",
    "GradCheckResult",
    "ParameterCheck",
    "TorchCheck",
    "TorchMismatch",
    "gradcheck",
    "import_torch",
    "sample_parameters",
    "torch_cross_check",
]
