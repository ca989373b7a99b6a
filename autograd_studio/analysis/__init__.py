"""Analysis of a document's gradients, headless: the finite-difference gradient check and
the PyTorch cross-check (``autograd-studio check`` and the editor's gradient-check panel),
the step-through backward trace and the gradient flow (the Backprop panel and flow view)."""

from autograd_studio.analysis.flow import FlowCut, FlowLegend, GradientFlow, gradient_flow
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
from autograd_studio.analysis.trace import BackwardTrace, EdgeFlow, Step, Term, backward_trace

__all__ = [
    "TORCH_HINT",
    "BackwardTrace",
    "EdgeFlow",
    "FlowCut",
    "FlowLegend",
    "GradCheckError",
    "GradCheckResult",
    "GradientFlow",
    "ParameterCheck",
    "Step",
    "Term",
    "TorchCheck",
    "TorchMismatch",
    "backward_trace",
    "gradcheck",
    "gradient_flow",
    "import_torch",
    "sample_parameters",
    "torch_cross_check",
]
