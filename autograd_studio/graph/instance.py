"""The numbers of one function instance, as the editor shows them inside the function.

Evaluation unfolds functions and names inner values by path (``f1/mul2``, nested
``f1/g/mul2``; :mod:`autograd_studio.graph.inline`).  :func:`instance_result` reads one
instance's values back under the body's own ids, so that opening the function entered from
``f1`` shows ``mul2`` with the value and gradient it has in ``f1``.
"""

from __future__ import annotations

from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.evaluate import EvaluationResult

__all__ = ["instance_result"]


def instance_result(result: EvaluationResult, body: GraphDocument, path: str) -> EvaluationResult:
    """*result* (of the whole document) as seen inside the instance at *path*."""
    prefix = path + "/"
    data = {nid: result.data.get(prefix + nid) for nid in body.nodes}
    grad = {nid: result.grad.get(prefix + nid) for nid in body.nodes}
    inside = EvaluationResult(output=body.output, data=data, grad=grad)
    for name, problems in result.problems.items():
        if name.startswith(prefix) and name[len(prefix) :] in body.nodes:
            for problem in problems:
                inside.add_problem(name[len(prefix) :], problem.kind, problem.message)
    return inside
