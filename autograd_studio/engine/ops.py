"""The op registry: every operator defined once.

Each :class:`Op` carries everything the rest of Autograd Studio needs to know about an
operator: its forward function, its local derivatives, how it is written (symbol, formula,
derivative text for tooltips), its PyTorch equivalent and the code templates the exporters
use.  The engine, the document evaluator, the editor's palette, the exporters and the
PyTorch cross-check all read this table; adding an op is one entry here plus its tests.

Forward functions and local derivatives never raise on a domain error: like PyTorch they
return ``nan`` or ``inf`` (log of a negative number, ``0 ** -1``, overflow in ``exp``).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from dataclasses import dataclass

from autograd_studio.messages import Message

__all__ = ["MIN_VARIADIC_PORTS", "OPS", "Op", "get_op", "op_names"]

INF = math.inf
NAN = math.nan
#: The fewest input ports a variadic op (``sum``) keeps: one input would be a copy.
MIN_VARIADIC_PORTS = 2


@dataclass(frozen=True, eq=False)
class Op:
    """One operator of the registry.

    ``forward(*xs)`` computes the value from the operand values.  ``local(out, *xs)``
    returns the tuple of local derivatives ``d out / d x_i`` given the output value and the
    operand values (what tooltips and the step-through show).  ``chain(grad, out, *xs)``
    is what backward sends to each operand for the upstream gradient *grad*: usually
    ``grad * local``, but written as PyTorch's backward formula where that differs at the
    edges (``relu`` and ``a ** 0`` pass 0 whatever the upstream, even inf or nan;
    ``a / b`` and ``log`` divide by the operand instead of multiplying by an inverse
    that overflows).  Without one, ``chain`` multiplies.

    A *variadic* op (``sum``) takes any number of operands from
    :data:`MIN_VARIADIC_PORTS` up; ``arity`` is then the port count a new node starts
    with, each node keeps its own count, and the one ``local_text`` entry stands for
    every port.  Its code templates are binary and folded from the left
    (:meth:`spell`), unless they hold ``{*}`` (every operand, comma-separated).
    """

    name: str
    arity: int
    symbol: str  # how the op is drawn on a node: "+", "*", "relu", ...
    forward: Callable[..., float]
    local: Callable[..., tuple[float, ...]]
    formula: str  # "a * b"
    derivative: str  # "∂/∂a = b, ∂/∂b = a"
    torch: str  # PyTorch expression template over {0}, {1}
    python: str  # engine expression template over {0}, {1}
    infix: str | None = None  # template for ast import/export of infix forms, e.g. "{0} + {1}"
    category: str = "Arithmetic"
    domain: str = ""  # a human sentence about where the op is undefined
    port_names: tuple[str, ...] = ()
    # Per operand, its local derivative written over the operand names {0}, {1}, ... for the
    # step-through backward's chain-rule lines ("{1}" for mul: d(a*b)/da is b).  "[...]"
    # marks an indicator (1 or 0).  Empty: only the number is shown, with `derivative`.
    local_text: tuple[str, ...] = ()
    chain: Callable[..., tuple[float, ...]] = None  # type: ignore[assignment]
    variadic: bool = False

    def __post_init__(self) -> None:
        if self.chain is None:
            local = self.local

            def chain(grad: float, out: float, *xs: float) -> tuple[float, ...]:
                return tuple(grad * d for d in local(out, *xs))

            object.__setattr__(self, "chain", chain)

    def __repr__(self) -> str:
        return f"<Op {self.name}>"

    def port_labels(self, count: int | None = None) -> tuple[str, ...]:
        """The names of the input ports (of a variadic op's *count* ports: ``x1``, ``x2``...)."""
        if self.variadic:
            return tuple(f"x{i + 1}" for i in range(self.arity if count is None else count))
        return self.port_names or tuple(str(i) for i in range(self.arity))

    def port_local_text(self, port: int) -> str | None:
        """The local derivative of input *port* written over ``{0}``, ``{1}``... (see
        ``local_text``), or ``None`` where only the number is shown."""
        if not self.local_text:
            return None
        if self.variadic:
            return self.local_text[0]
        return self.local_text[port] if port < len(self.local_text) else None

    def spell(self, template: str, operands: list[str] | tuple[str, ...]) -> str:
        """A code *template* of this op (``python``, ``torch``) applied to *operands*.

        A variadic op's binary template is folded from the left (``a + b + c``: the same
        additions, in the same order, as the op's forward), or ``{*}`` takes them all.
        """
        if not self.variadic:
            return template.format(*operands)
        if "{*}" in template:
            return template.replace("{*}", ", ".join(operands))
        text = operands[0]
        for operand in operands[1:]:
            text = template.format(text, operand)
        return text

    @property
    def typed_symbol(self) -> str | None:
        """The operator as a keyboard types it (``*`` for ×, ``**`` for ^), if it has one."""
        return self.infix.format(*[""] * self.arity).strip() if self.infix else None

    @property
    def search_text(self) -> str:
        """What a search for this op matches (palette filter, quick add), in lower case: its
        name, symbol, formula and category, and its Python spelling (``a * b``,
        ``a.exp()``), so that what a keyboard types finds the op as well as ``×`` does."""
        python = self.spell(self.python, list("abcdefgh"[: self.arity]))
        return " ".join((self.name, self.symbol, self.formula, self.category, python)).lower()


# --- forward functions -------------------------------------------------------------------
# Plain float arithmetic already gives IEEE inf/nan for + - *; the rest need guarding
# because Python raises (ZeroDivisionError, OverflowError, ValueError) or returns a complex
# number (negative ** fractional) where PyTorch returns inf or nan.


def _div(a: float, b: float) -> float:
    try:
        return a / b
    except ZeroDivisionError:
        if a == 0.0 or math.isnan(a):
            return NAN
        return math.copysign(INF, a) * math.copysign(1.0, b)


def _pow(a: float, b: float) -> float:
    try:
        return math.pow(a, b)
    except OverflowError:
        # |a| > 1 with a huge exponent: the sign follows a when b is an odd integer.
        if a < 0 and b == int(b) and int(b) % 2:
            return -INF
        return INF
    except ValueError:  # before Python 3.11 also 0 ** -inf, which is inf (PyTorch's too)
        if a == 0.0:  # 0 ** negative
            if math.isfinite(b) and b == int(b) and int(b) % 2 and math.copysign(1.0, a) < 0:
                return -INF
            return INF
        return NAN  # negative ** fractional


def _exp(a: float) -> float:
    try:
        return math.exp(a)
    except OverflowError:
        return INF


def _log(a: float) -> float:
    if a > 0.0:
        return math.log(a)
    if a == 0.0:
        return -INF
    return NAN  # negative, or nan


def _sigmoid(a: float) -> float:
    # Two branches so that exp never overflows.
    if a >= 0.0:
        return 1.0 / (1.0 + math.exp(-a))
    e = _exp(a)
    return e / (1.0 + e)


def _sin(a: float) -> float:
    return math.sin(a) if math.isfinite(a) else NAN  # math raises on ±inf; PyTorch: nan


def _cos(a: float) -> float:
    return math.cos(a) if math.isfinite(a) else NAN


def _sqrt(a: float) -> float:
    return math.sqrt(a) if a >= 0.0 else NAN  # negative (or nan): nan, as in PyTorch


def _sum(*xs: float) -> float:
    # A left fold, so that sum(a, b, c) is (a + b) + c bit for bit, as a chain of add nodes
    # computes it; the built-in sum() starts at 0 (-0.0 + 0 is 0.0) and, from Python 3.12
    # on, compensates its rounding.
    total = xs[0]
    for x in xs[1:]:
        total = total + x
    return total


def _relu(a: float) -> float:
    # nan passes through and -0.0 stays -0.0, as in PyTorch (max(a, 0) only replaces a < 0)
    return 0.0 if a < 0.0 else a


# --- local derivatives -------------------------------------------------------------------


def _add_local(out: float, a: float, b: float) -> tuple[float, float]:
    return 1.0, 1.0


def _sum_local(out: float, *xs: float) -> tuple[float, ...]:
    return (1.0,) * len(xs)


def _sub_local(out: float, a: float, b: float) -> tuple[float, float]:
    return 1.0, -1.0


def _mul_local(out: float, a: float, b: float) -> tuple[float, float]:
    return b, a


def _div_local(out: float, a: float, b: float) -> tuple[float, float]:
    inv = _div(1.0, b)
    return inv, -out * inv


def _pow_local(out: float, a: float, b: float) -> tuple[float, float]:
    # d/da a**b = b * a**(b-1); PyTorch gives 0 where b == 0 (even at a == 0).
    da = 0.0 if b == 0.0 else b * _pow(a, b - 1.0)
    # d/db a**b = a**b * ln a; PyTorch masks a == 0 with b >= 0 to 0, else nan for a < 0.
    db = 0.0 if a == 0.0 and b >= 0.0 else out * _log(a)
    return da, db


def _neg_local(out: float, a: float) -> tuple[float]:
    return (-1.0,)


def _exp_local(out: float, a: float) -> tuple[float]:
    return (out,)


def _log_local(out: float, a: float) -> tuple[float]:
    return (_div(1.0, a),)


def _tanh_local(out: float, a: float) -> tuple[float]:
    return (1.0 - out * out,)


def _sigmoid_local(out: float, a: float) -> tuple[float]:
    return (out * (1.0 - out),)


def _relu_local(out: float, a: float) -> tuple[float]:
    # PyTorch's threshold_backward: the gradient is stopped where the output is <= 0 and
    # passes everywhere else, nan included (relu(nan) has grad 1 in PyTorch).
    return (0.0 if out <= 0.0 else 1.0,)


def _sin_local(out: float, a: float) -> tuple[float]:
    return (_cos(a),)


def _cos_local(out: float, a: float) -> tuple[float]:
    return (-_sin(a),)


def _abs_local(out: float, a: float) -> tuple[float]:
    # PyTorch's sgn: 0 at 0 (no subgradient is picked) and 0 at nan too, so abs(nan)
    # passes 0 back (and forward), as torch's abs backward and jvp do.
    return (1.0 if a > 0.0 else -1.0 if a < 0.0 else 0.0,)


def _sqrt_local(out: float, a: float) -> tuple[float]:
    return (_div(0.5, out),)  # inf at 0, nan below, like PyTorch


# --- backward: what each operand receives for an upstream gradient g -------------------
# As PyTorch's derivatives.yaml writes them, so that an upstream inf or nan meets a zero
# local derivative the way it does there; the others are g times the local derivative, in
# the order the engine always multiplied (bit for bit what it gave before).


def _add_chain(g: float, out: float, a: float, b: float) -> tuple[float, float]:
    return g, g


def _sum_chain(g: float, out: float, *xs: float) -> tuple[float, ...]:
    return (g,) * len(xs)  # as each add of a chain passes g on, untouched


def _sub_chain(g: float, out: float, a: float, b: float) -> tuple[float, float]:
    return g, -g


def _mul_chain(g: float, out: float, a: float, b: float) -> tuple[float, float]:
    return g * b, g * a


def _div_chain(g: float, out: float, a: float, b: float) -> tuple[float, float]:
    # grad / b and -grad * ((a / b) / b): 0 / 1e-310 is 0 where 0 * (1 / 1e-310) is nan
    return _div(g, b), -g * _div(out, b)


def _pow_chain(g: float, out: float, a: float, b: float) -> tuple[float, float]:
    da, db = _pow_local(out, a, b)
    # where(b == 0, 0, grad * ...): the base gets 0 even from an inf upstream; the
    # exponent's mask sits inside the product in PyTorch, so it multiplies
    return (0.0 if b == 0.0 else g * da), g * db


def _neg_chain(g: float, out: float, a: float) -> tuple[float]:
    return (-g,)


def _exp_chain(g: float, out: float, a: float) -> tuple[float]:
    return (g * out,)


def _log_chain(g: float, out: float, a: float) -> tuple[float]:
    return (_div(g, a),)  # grad / a


def _tanh_chain(g: float, out: float, a: float) -> tuple[float]:
    return (g * (1.0 - out * out),)


def _sigmoid_chain(g: float, out: float, a: float) -> tuple[float]:
    return (g * (out * (1.0 - out)),)


def _relu_chain(g: float, out: float, a: float) -> tuple[float]:
    # threshold_backward: 0 where the output is <= 0, whatever g is; g itself elsewhere
    return (0.0 if out <= 0.0 else g,)


def _sqrt_chain(g: float, out: float, a: float) -> tuple[float]:
    return (_div(g, 2.0 * out),)  # grad / (2 * result)


OPS: dict[str, Op] = {}


def _register(op: Op) -> Op:
    if op.name in OPS:
        raise ValueError(f"op {op.name!r} registered twice")
    OPS[op.name] = op
    return op


ADD = _register(
    Op(
        "add", 2, "+", operator.add, _add_local,
        formula="a + b", derivative="∂/∂a = 1,  ∂/∂b = 1",
        torch="{0} + {1}", python="{0} + {1}", infix="{0} + {1}",
        port_names=("a", "b"),
        local_text=("1", "1"),
        chain=_add_chain,
    )
)  # fmt: skip
SUM = _register(
    Op(
        "sum", 2, "Σ", _sum, _sum_local,
        formula="x1 + x2 + … + xn", derivative="∂/∂xi = 1 for every input",
        torch="{0} + {1}", python="Node.sum({*})",
        local_text=("1",),
        chain=_sum_chain,
        variadic=True,
    )
)  # fmt: skip
SUB = _register(
    Op(
        "sub", 2, "−", operator.sub, _sub_local,
        formula="a − b", derivative="∂/∂a = 1,  ∂/∂b = −1",
        torch="{0} - {1}", python="{0} - {1}", infix="{0} - {1}",
        port_names=("a", "b"),
        local_text=("1", "-1"),
        chain=_sub_chain,
    )
)  # fmt: skip
MUL = _register(
    Op(
        "mul", 2, "×", operator.mul, _mul_local,
        formula="a × b", derivative="∂/∂a = b,  ∂/∂b = a",
        torch="{0} * {1}", python="{0} * {1}", infix="{0} * {1}",
        port_names=("a", "b"),
        local_text=("{1}", "{0}"),
        chain=_mul_chain,
    )
)  # fmt: skip
DIV = _register(
    Op(
        "div", 2, "÷", _div, _div_local,
        formula="a ÷ b", derivative="∂/∂a = 1/b,  ∂/∂b = −a/b²",
        torch="{0} / {1}", python="{0} / {1}", infix="{0} / {1}",
        domain=Message("domain-div"),
        port_names=("a", "b"),
        local_text=("1/{1}", "-{0}/{1}^2"),
        chain=_div_chain,
    )
)  # fmt: skip
POW = _register(
    Op(
        "pow", 2, "^", _pow, _pow_local,
        formula="a ^ b", derivative="∂/∂a = b·a^(b−1),  ∂/∂b = a^b·ln a",
        torch="{0} ** {1}", python="{0} ** {1}", infix="{0} ** {1}",
        domain=Message("domain-pow"),
        port_names=("base", "exponent"),
        local_text=("{1}*{0}^({1}-1)", "{0}^{1}*ln({0})"),
        chain=_pow_chain,
    )
)  # fmt: skip
NEG = _register(
    Op(
        "neg", 1, "−", operator.neg, _neg_local,
        formula="−a", derivative="∂/∂a = −1",
        torch="-{0}", python="-{0}", infix="-{0}",
        port_names=("a",),
        local_text=("-1",),
        chain=_neg_chain,
    )
)  # fmt: skip
EXP = _register(
    Op(
        "exp", 1, "exp", _exp, _exp_local,
        formula="e^a", derivative="∂/∂a = e^a",
        torch="torch.exp({0})", python="{0}.exp()",
        category="Functions", domain=Message("domain-exp"),
        port_names=("a",),
        local_text=("exp({0})",),
        chain=_exp_chain,
    )
)  # fmt: skip
LOG = _register(
    Op(
        "log", 1, "log", _log, _log_local,
        formula="ln a", derivative="∂/∂a = 1/a",
        torch="torch.log({0})", python="{0}.log()",
        category="Functions", domain=Message("domain-log"),
        port_names=("a",),
        local_text=("1/{0}",),
        chain=_log_chain,
    )
)  # fmt: skip
TANH = _register(
    Op(
        "tanh", 1, "tanh", math.tanh, _tanh_local,
        formula="tanh a", derivative="∂/∂a = 1 − tanh²a",
        torch="torch.tanh({0})", python="{0}.tanh()",
        category="Activations", port_names=("a",),
        local_text=("1 - tanh({0})^2",),
        chain=_tanh_chain,
    )
)  # fmt: skip
SIGMOID = _register(
    Op(
        "sigmoid", 1, "σ", _sigmoid, _sigmoid_local,
        formula="σ(a) = 1 / (1 + e^−a)", derivative="∂/∂a = σ(a)·(1 − σ(a))",
        torch="torch.sigmoid({0})", python="{0}.sigmoid()",
        category="Activations", port_names=("a",),
        local_text=("sigmoid({0})*(1 - sigmoid({0}))",),
        chain=_sigmoid_chain,
    )
)  # fmt: skip
RELU = _register(
    Op(
        "relu", 1, "ReLU", _relu, _relu_local,
        formula="max(0, a)", derivative="∂/∂a = 1 if a > 0 else 0",
        torch="torch.relu({0})", python="{0}.relu()",
        category="Activations", port_names=("a",),
        local_text=("[{0} > 0]",),
        chain=_relu_chain,
    )
)  # fmt: skip

SIN = _register(
    Op(
        "sin", 1, "sin", _sin, _sin_local,
        formula="sin a", derivative="∂/∂a = cos a",
        torch="torch.sin({0})", python="{0}.sin()",
        category="Functions", port_names=("a",),
        local_text=("cos({0})",),
    )
)  # fmt: skip
COS = _register(
    Op(
        "cos", 1, "cos", _cos, _cos_local,
        formula="cos a", derivative="∂/∂a = −sin a",
        torch="torch.cos({0})", python="{0}.cos()",
        category="Functions", port_names=("a",),
        local_text=("-sin({0})",),
    )
)  # fmt: skip
ABS = _register(
    Op(
        "abs", 1, "|a|", abs, _abs_local,
        formula="|a|", derivative="∂/∂a = sign a (0 at a = 0)",
        torch="torch.abs({0})", python="abs({0})",
        category="Functions", port_names=("a",),
        local_text=("sign({0})",),
    )
)  # fmt: skip
SQRT = _register(
    Op(
        "sqrt", 1, "√", _sqrt, _sqrt_local,
        formula="√a", derivative="∂/∂a = 1 / (2√a)",
        torch="torch.sqrt({0})", python="{0}.sqrt()",
        category="Functions", domain=Message("domain-sqrt"),
        port_names=("a",),
        local_text=("1/(2*sqrt({0}))",),
        chain=_sqrt_chain,
    )
)  # fmt: skip


def get_op(name: str) -> Op:
    """Return the op called *name*; raise ``KeyError`` with the known names otherwise."""
    try:
        return OPS[name]
    except KeyError:
        known = ", ".join(OPS)
        raise KeyError(f"unknown op {name!r} (known: {known})") from None


def op_names() -> list[str]:
    """The registry's op names in registration order."""
    return list(OPS)
