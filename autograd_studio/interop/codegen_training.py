"""The training part of an exported script, for a document with a dataset.

After the one-example table, the script carries the dataset as a literal and trains the
weights as the editor and ``autograd-studio train`` do, printing ``step k loss L`` per step:

- the Python script (Autograd Studio's engine) builds the model graph once per row, sums
  the loss nodes times ``1/n`` (plus ``l2 * sum(w*w)``), runs backward and moves the
  weight Nodes with the optimizer written out in plain Python;
- the PyTorch script runs the model once over whole columns (the registry's torch
  templates are elementwise) and steps ``torch.optim.SGD`` / ``torch.optim.Adam``.

Both reproduce the trainer's losses (to rounding: the sums run in another order).
"""

from __future__ import annotations

from collections.abc import Callable

from autograd_studio.engine.ops import OPS
from autograd_studio.graph.document import GraphDocument
from autograd_studio.training.setup import DataSetup, OptimizerSettings

__all__ = ["python_training", "torch_training"]


def _model_body(
    doc: GraphDocument,
    setup: DataSetup,
    names: dict[str, str],
    order: list[str],
    template: Callable[[str], str],
    bound: Callable[[str, int], str],
    constant: Callable[[str, float], str],
) -> list[str]:
    """The statements that compute the loss (and prediction) from one row / the columns."""
    needed = _upstream(doc, [n for n in (setup.loss, setup.prediction) if n is not None])
    column_of = {node: setup.dataset.columns.index(c) for c, node in setup.bindings.items()}
    lines = []
    for node_id in order:
        if node_id not in needed:
            continue
        record = doc.nodes[node_id]
        var = names[node_id]
        if record.kind == "input":
            if node_id in column_of:
                lines.append(f"    {var} = {bound(var, column_of[node_id])}")
            else:
                lines.append(f"    {var} = {constant(var, record.value)}")
        elif record.op is not None:
            operands = [names[s] for s in doc.inputs_of(node_id)]  # type: ignore[misc]
            lines.append(f"    {var} = {OPS[record.op].spell(template(record.op), operands)}")
    prediction = names[setup.prediction] if setup.prediction else "None"
    lines.append(f"    return {names[setup.loss]}, {prediction}")
    return lines


def _upstream(doc: GraphDocument, roots: list[str]) -> set[str]:
    seen, stack = set(roots), list(roots)
    while stack:
        for source in doc.inputs_of(stack.pop()):
            if source is not None and source not in seen:
                seen.add(source)
                stack.append(source)
    return seen


def _data_lines(setup: DataSetup) -> list[str]:
    rows = [f"    {tuple(row)!r}," for row in setup.dataset.rows.tolist()]
    return [f"COLUMNS = {setup.dataset.columns!r}", "DATA = [", *rows, "]"]


def _weights(doc: GraphDocument, names: dict[str, str]) -> str:
    return ", ".join(names[n] for n, r in doc.nodes.items() if r.kind == "weight")


def _settings_lines(settings: OptimizerSettings) -> list[str]:
    return [
        f"STEPS = {settings.steps!r}",
        f"LR = {settings.learning_rate!r}",
        f"L2 = {settings.l2!r}",
    ]


def _rate(settings: OptimizerSettings) -> str:
    if settings.optimizer == "sgd" and settings.decay:
        return "LR * (1.0 - 0.9 * min(k, STEPS) / STEPS)  # micrograd's decay"
    return "LR"


def python_training(
    doc: GraphDocument, setup: DataSetup, settings: OptimizerSettings, names: dict[str, str],
    order: list[str],
) -> list[str]:  # fmt: skip
    """Lines training with Autograd Studio's engine (``Node``)."""
    body = _model_body(
        doc, setup, names, order,
        template=lambda op: OPS[op].python,
        bound=lambda var, k: f"Node(row[{k}], label={var!r})",
        constant=lambda var, value: f"Node({value!r}, label={var!r})",
    )  # fmt: skip
    lines = [
        "# Training: the graph above is the model for one example; here it runs on every",
        "# row of the dataset and the weights move against the mean loss's gradient.",
        *_data_lines(setup),
        f"WEIGHTS = [{_weights(doc, names)}]",
        *_settings_lines(settings),
        "",
        "",
        "def model(row):",
        *body,
        "",
        "",
    ]
    if settings.optimizer == "adam":
        lines += [
            f"BETA1, BETA2, EPS = {settings.beta1!r}, {settings.beta2!r}, {settings.eps!r}",
        ]
    elif settings.momentum:
        lines += [f"MOMENTUM = {settings.momentum!r}"]
    # Inside a function: the loop's names never rebind a node's variable that model() reads.
    lines += ["", "", "def train():"]
    if settings.optimizer == "adam":
        lines += ["    m = [0.0] * len(WEIGHTS)", "    v = [0.0] * len(WEIGHTS)"]
    elif settings.momentum:
        lines += ["    buffer = None"]
    loop = [
        "for k in range(STEPS):",
        "    losses = [model(row)[0] for row in DATA]",
        "    total = sum(losses) * (1.0 / len(DATA))",
        "    if L2:",
        "        total = total + L2 * sum(w * w for w in WEIGHTS)",
        "    total.backward()",
        f"    rate = {_rate(settings)}",
        "    grads = [w.grad for w in WEIGHTS]",
    ]
    if settings.optimizer == "adam":
        loop += [
            "    t = k + 1",
            "    for i, (w, g) in enumerate(zip(WEIGHTS, grads)):",
            "        m[i] = m[i] + (1.0 - BETA1) * (g - m[i])",
            "        v[i] = v[i] * BETA2 + (1.0 - BETA2) * (g * g)",
            "        denominator = v[i] ** 0.5 / (1.0 - BETA2**t) ** 0.5 + EPS",
            "        w.data -= rate / (1.0 - BETA1**t) * (m[i] / denominator)",
        ]
    elif settings.momentum:
        loop += [
            "    buffer = grads if buffer is None else [MOMENTUM * b + g "
            "for b, g in zip(buffer, grads)]",
            "    for w, step in zip(WEIGHTS, buffer):",
            "        w.data -= rate * step",
        ]
    else:
        loop += ["    for w, g in zip(WEIGHTS, grads):", "        w.data -= rate * g"]
    loop += ['    print(f"step {k + 1} loss {total.data!r}")']
    return [*lines, *[f"    {line}" for line in loop], "", "", "train()", ""]


def torch_training(
    doc: GraphDocument, setup: DataSetup, settings: OptimizerSettings, names: dict[str, str],
    order: list[str],
) -> list[str]:  # fmt: skip
    """Lines training with PyTorch: the model over whole columns, torch.optim stepping."""
    body = _model_body(
        doc, setup, names, order,
        template=lambda op: OPS[op].torch,
        bound=lambda var, k: f"COLUMN[{k}]",
        constant=lambda var, value: f"torch.tensor({value!r}, dtype=torch.float64)",
    )  # fmt: skip
    if settings.optimizer == "adam":
        make = (
            f"torch.optim.Adam(WEIGHTS, lr=LR, betas=({settings.beta1!r}, {settings.beta2!r}), "
            f"eps={settings.eps!r})"
        )
    else:
        make = f"torch.optim.SGD(WEIGHTS, lr=LR, momentum={settings.momentum!r})"
    return [
        "# Training: the graph above is the model for one example; here it runs on whole",
        "# columns of the dataset at once and torch.optim moves the weights.",
        *_data_lines(setup),
        "COLUMN = torch.tensor(DATA, dtype=torch.float64).T",
        f"WEIGHTS = [{_weights(doc, names)}]",
        *_settings_lines(settings),
        "",
        "",
        "def model():",
        *body,
        "",
        "",
        "def train():",
        f"    optimizer = {make}",
        "    for k in range(STEPS):",
        "        loss, _prediction = model()",
        "        total = torch.broadcast_to(loss, (len(DATA),)).sum() * (1.0 / len(DATA))",
        "        if L2:",
        "            total = total + L2 * sum(w * w for w in WEIGHTS)",
        "        optimizer.zero_grad()",
        "        total.backward()",
        "        for group in optimizer.param_groups:",
        f"            group['lr'] = {_rate(settings)}",
        "        optimizer.step()",
        '        print(f"step {k + 1} loss {total.item()!r}")',
        "",
        "",
        "train()",
        "",
    ]
