"""A graph document from a Python expression such as ``relu(w1*x1 + w2*x2 + b)``.

The text is parsed with :mod:`ast` and walked against a whitelist; nothing is ever
evaluated or executed.  What is allowed:

- names (``x1``, ``w1``): one input or weight node per distinct name, so ``a*a`` is a
  ``mul`` fed by ``a`` twice;
- numbers (``2``, ``0.5``, ``-3``): one input node per occurrence, labelled by the number,
  as the engine makes a constant leaf for every Python number it meets;
- the infix operators of the registry (``+ - * / **``) and unary ``-`` (unary ``+`` is
  dropped);
- calls of registry ops by name with one positional argument per operand (``relu(x)``,
  ``exp(x)``, ``pow(x, 3)``) and the engine's methods (``x.relu()``, ``x.tanh()``): the
  ops whose ``python`` template is ``{0}.name()``.

Everything else (attribute access, subscripts, keyword arguments, strings, comparisons,
``lambda``, comprehensions, ``:=``, f-strings, ...) is refused with an
:class:`ExpressionError` that names what and where (1-based column).

Which names are weights: those in *weights* when it is given; otherwise the convention
that ``w``, ``b``, ``weight`` and ``bias``, alone or followed by a digit or ``_``
(``w1``, ``b2``, ``w_out``, ``bias_h``), are weights and every other name is an input.
"""

from __future__ import annotations

import ast
import math
import re
import unicodedata
import warnings
from collections.abc import Iterable, Mapping

from autograd_studio.engine.ops import MIN_VARIADIC_PORTS, OPS, Op
from autograd_studio.graph.document import ID_PATTERN, GraphDocument
from autograd_studio.graph.errors import GraphError
from autograd_studio.messages import Message

__all__ = ["ExpressionError", "from_expression", "is_weight_name"]

#: Op labels longer than this many characters end in "…".
LABEL_LIMIT = 40
_WEIGHT_NAME = re.compile(r"(?:w|b|weight|bias)(?:[0-9_]|\Z)")
_BINARY_SYMBOLS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
# Operators Python has but the registry does not; named so the refusal reads well.
_OTHER_OPERATORS = {
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.MatMult: "@",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitAnd: "&",
    ast.BitOr: "|",
    ast.BitXor: "^",
    ast.Invert: "~",
    ast.Not: "not",
}
# What to call a refused syntax node in a message; the rest use their ast class name.
_DESCRIPTIONS = {
    ast.Attribute: "attribute access is",
    ast.Subscript: "subscripts are",
    ast.Lambda: "lambda is",
    ast.ListComp: "list comprehensions are",
    ast.SetComp: "set comprehensions are",
    ast.DictComp: "dict comprehensions are",
    ast.GeneratorExp: "generator expressions are",
    ast.BoolOp: "boolean operators are",
    ast.Compare: "comparisons are",
    ast.NamedExpr: "assignment expressions (:=) are",
    ast.JoinedStr: "f-strings are",
    ast.FormattedValue: "f-strings are",
    ast.IfExp: "conditional expressions are",
    ast.Tuple: "tuples are",
    ast.List: "lists are",
    ast.Set: "sets are",
    ast.Dict: "dicts are",
    ast.Starred: "starred arguments are",
    ast.Await: "await is",
    ast.Yield: "yield is",
    ast.YieldFrom: "yield is",
    ast.Slice: "slices are",
}


class ExpressionError(ValueError):
    """An expression that cannot become a graph.

    ``column`` (1-based, in characters) and ``line`` point at the offending part when
    there is one; the message starts with them: ``column 5: attribute access is not
    allowed ('os.system')``.
    """

    def __init__(self, message: str, column: int | None = None, line: int | None = None):
        said = message
        if column is not None and line and line > 1:
            said = Message("expr-at-line-column", str(line), str(column), message)
        elif column is not None:
            said = Message("expr-at-column", str(column), message)
        super().__init__(said)
        self.reason = message
        self.column = column
        self.line = line


def is_weight_name(name: str) -> bool:
    """The default convention: ``w``, ``b``, ``weight``, ``bias`` (+ digit or ``_``...)."""
    return _WEIGHT_NAME.match(name) is not None


def from_expression(
    text: str,
    values: Mapping[str, float] | None = None,
    weights: Iterable[str] | None = None,
) -> GraphDocument:
    """Build a document from *text*; its output is the whole expression.

    *values* gives names their values (default 0.0); *weights* lists the names that are
    weights (default: :func:`is_weight_name`).  A name in *values* or *weights* that the
    expression does not use is an error, to catch typos.  The nodes have no positions.

    >>> doc = from_expression("relu(w1*x1 + b)", values={"x1": 2.0, "w1": 0.5})
    >>> [(r.id, r.kind, r.label) for r in doc.nodes.values()][:3]
    [('w1', 'weight', 'w1'), ('x1', 'input', 'x1'), ('b', 'weight', 'b')]
    >>> doc.nodes[doc.output].label
    'relu(w1*x1 + b)'
    """
    _check_encodable(text)
    # Python reads identifiers in NFKC form ("µ" is "μ", "ﬁ" is "fi"); so do the options.
    values = {_nfkc(name): value for name, value in (values or {}).items()}
    names = None if weights is None else {_nfkc(name) for name in weights}
    return _Builder(text, values, names).build()


def _nfkc(name: str) -> str:
    return unicodedata.normalize("NFKC", name)


def _check_encodable(text: str) -> None:
    # Bytes that are not UTF-8 reach Python as lone surrogates (a command line in another
    # encoding, a broken paste); the parser would die on them with UnicodeEncodeError.
    for index, char in enumerate(text):
        if "\ud800" <= char <= "\udfff":
            byte = f" (byte 0x{ord(char) - 0xDC00:02x})" if char >= "\udc80" else ""
            line = text.count("\n", 0, index) + 1
            column = index - (text.rfind("\n", 0, index) + 1) + 1
            raise ExpressionError(f"not UTF-8 text{byte}", column, line)


class _Builder:
    def __init__(self, text: str, values: dict[str, float], weights: set[str] | None) -> None:
        # Python refuses leading blanks in an expression ("unexpected indent"); a person
        # should not care, so parse the stripped text and shift positions back.
        self.text = text.strip()
        lead = text[: len(text) - len(text.lstrip())]
        self.line_shift = lead.count("\n")
        self.column_shift = len(lead.rsplit("\n", 1)[-1])
        self.lines = self.text.split("\n")
        self.byte_lines = [line.encode("utf-8") for line in self.lines]
        self.values = values
        self.weights = weights
        self.doc = GraphDocument()
        self.name_ids: dict[str, str] = {}

    # --- errors ----------------------------------------------------------------------------

    def refuse(self, node: ast.AST, message: str) -> ExpressionError:
        line = getattr(node, "lineno", 1)
        # ast gives UTF-8 byte offsets; a person counts characters.
        source = self.byte_lines[line - 1] if 0 < line <= len(self.lines) else b""
        prefix = source[: getattr(node, "col_offset", 0)]
        return self.error_at(message, len(prefix.decode("utf-8", errors="ignore")) + 1, line)

    def error_at(self, message: str, column: int, line: int) -> ExpressionError:
        """An error at *column*/*line* of the stripped text, placed in the original."""
        if line == 1:
            column += self.column_shift
        return ExpressionError(message, column, line + self.line_shift)

    def segment(self, node: ast.AST, limit: int = LABEL_LIMIT) -> str:
        """The source text of *node*, whitespace collapsed, at most *limit* characters.

        Sliced from the encoded lines (ast positions are UTF-8 byte offsets) and cut early,
        so labelling every op of a long chain stays linear rather than quadratic.
        """
        first, last = node.lineno - 1, (node.end_lineno or node.lineno) - 1
        start, end = node.col_offset, node.end_col_offset
        budget = 4 * limit + 4  # bytes: enough for *limit* characters of any script
        pieces: list[bytes] = []
        for index in range(first, last + 1):
            line = self.byte_lines[index]
            stop = end if index == last else len(line)
            begin = start if index == first else 0
            pieces.append(line[begin : min(stop, begin + budget)])
            budget -= len(pieces[-1])
            if budget <= 0:
                break
        text = " ".join(b" ".join(pieces).decode("utf-8", errors="ignore").split())
        cut = budget <= 0 or len(text) > limit
        return text[: limit - 1] + "…" if cut else text

    # --- building ---------------------------------------------------------------------------

    def build(self) -> GraphDocument:
        tree = self._parse()
        self._check(tree)
        try:
            return self._build(tree)
        except GraphError as exc:  # a safety net: the checks above should leave none
            raise ExpressionError(str(exc)) from None

    def _build(self, tree: ast.expr) -> GraphDocument:
        self._add_names(tree)
        unused = sorted((set(self.values) | (self.weights or set())) - set(self.name_ids))
        if unused:
            names = ", ".join(self.name_ids) or "none"
            raise ExpressionError(Message("expr-unused-name", repr(unused[0]), names))
        root = self._add_operations(tree)
        self.doc.set_output(root)
        return self.doc

    def _parse(self) -> ast.expr:
        if not self.text:
            raise ExpressionError(Message("expr-empty"))
        try:
            # Text like "2x" or "1if" makes the compiler print a SyntaxWarning to stderr
            # while it parses; the user sees our message, not that.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", SyntaxWarning)
                return ast.parse(self.text, mode="eval").body
        except SyntaxError as error:
            reason = error.msg or "invalid syntax"
            if reason == "invalid syntax":
                reason = Message("expr-invalid-syntax")
            line = error.lineno if error.lineno and error.lineno <= len(self.lines) else None
            if line is None:
                raise ExpressionError(reason) from None
            column = error.offset or 0  # characters, 1-based; 0 when the text ran out
            if column <= 0:
                column = len(self.lines[line - 1]) + 1
                reason = Message("expr-ends-early", reason)
            raise self.error_at(reason, column, line) from None
        except ValueError as error:  # "source code string cannot contain null bytes"
            raise ExpressionError(str(error)) from None
        except (RecursionError, MemoryError):
            raise ExpressionError(
                "the expression is too long or nested too deeply for Python's parser"
            ) from None

    def _check(self, tree: ast.expr) -> None:
        """Refuse anything outside the whitelist, before building anything; pre-order, left
        to right, so the first refusal is the leftmost outermost offending part."""
        stack: list[ast.AST] = [tree]
        while stack:
            node = stack.pop()
            stack.extend(reversed(self._parts(node)[1]))

    def _parts(self, node: ast.AST) -> tuple[Op | None, list[ast.expr]]:
        """``(op, operands)`` of an allowed node (op None for names, numbers, unary +);
        an :class:`ExpressionError` for anything else."""
        if isinstance(node, ast.Name):
            self._check_name(node)
            return None, []
        if isinstance(node, ast.Constant) or _is_negative_number(node):
            self._constant_value(node)
            return None, []
        if isinstance(node, ast.BinOp):
            return self._binary_op(node), [node.left, node.right]
        if isinstance(node, ast.UnaryOp):
            return self._unary_op(node), [node.operand]
        if isinstance(node, ast.Call):
            return self._call(node)
        what = _DESCRIPTIONS.get(type(node), f"{type(node).__name__} is")
        raise self.refuse(node, f"{what} not allowed ({self.segment(node)!r})")

    def _constant_value(self, node: ast.expr) -> float:
        if isinstance(node, ast.UnaryOp):  # "-3" is a constant -3 to a reader (and to Python)
            return -self._number(node.operand)  # type: ignore[arg-type]
        return self._number(node)  # type: ignore[arg-type]

    def _check_name(self, node: ast.Name) -> None:
        name = node.id
        if name.startswith("__"):
            raise self.refuse(node, Message("expr-name", repr(name)))
        if name in OPS:
            raise self.refuse(node, Message("expr-op-name", repr(name), name))

    def _number(self, node: ast.Constant) -> float:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            kind = "strings" if isinstance(value, (str, bytes)) else f"the constant {value!r}"
            is_are = "are" if kind == "strings" else "is"
            raise self.refuse(node, f"{kind} {is_are} not allowed ({self.segment(node)!r})")
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
        if not math.isfinite(number):
            raise self.refuse(node, Message("expr-number-too-large", self.segment(node)))
        return number

    def _binary_op(self, node: ast.BinOp) -> Op:
        symbol = _BINARY_SYMBOLS.get(type(node.op))
        op = _infix_op("{0} " + symbol + " {1}") if symbol else None
        if op is None:
            shown = symbol or _OTHER_OPERATORS.get(type(node.op), type(node.op).__name__)
            raise self.refuse(node, Message("expr-operator", repr(shown)))
        return op

    def _unary_op(self, node: ast.UnaryOp) -> Op | None:
        if isinstance(node.op, ast.USub):
            op = _infix_op("-{0}")
            if op is not None:
                return op
        if isinstance(node.op, ast.UAdd):
            return None
        shown = "-" if isinstance(node.op, ast.USub) else _OTHER_OPERATORS.get(type(node.op))
        raise self.refuse(node, Message("expr-operator", repr(shown)))

    def _call(self, node: ast.Call) -> tuple[Op, list[ast.expr]]:
        func = node.func
        if isinstance(func, ast.Name):
            op = OPS.get(func.id)
            if op is None or func.id.startswith("_"):
                known = ", ".join(OPS)
                raise self.refuse(node, Message("expr-call", repr(func.id), known))
            operands = list(node.args)
        elif isinstance(func, ast.Attribute):
            op = _method_op(func.attr)
            if op is None:
                raise self.refuse(
                    func,
                    f"attribute access is not allowed ({self.segment(func)!r}); the methods "
                    f"are: {', '.join('.' + n + '()' for n in _method_names())}",
                )
            operands = [func.value, *node.args]
        else:
            self._parts(func)  # refuses a lambda, a subscript... by its name
            shown = self.segment(node)
            raise self.refuse(node, f"calling an expression is not allowed ({shown!r})")
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise self.refuse(arg, f"starred arguments are not allowed ({self.segment(arg)!r})")
        if node.keywords:
            keyword = node.keywords[0]
            raise self.refuse(
                keyword, f"keyword arguments are not allowed ({self.segment(keyword)!r})"
            )
        if op.variadic and len(operands) < MIN_VARIADIC_PORTS:
            at_least, got = str(MIN_VARIADIC_PORTS), str(len(operands))
            shown = repr(self.segment(node))
            raise self.refuse(node, Message("expr-variadic", op.name, at_least, got, shown))
        if len(operands) != op.arity and not op.variadic:
            arity, got = str(op.arity), str(len(operands))
            shown = repr(self.segment(node))
            raise self.refuse(node, Message("expr-arity", op.name, arity, got, shown))
        return op, operands

    def _add_names(self, tree: ast.expr) -> None:
        """One leaf per distinct name, in order of first appearance, before any op node
        (so an op's generated id like ``mul`` can never take a name's id)."""
        names = list(dict.fromkeys(name_node.id for name_node in _names_in_order(tree)))
        # A name that cannot be an id ("é") gets a generated one, never one that a later
        # name needs for itself ("é + x": é must not take "x").
        taken = {name for name in names if ID_PATTERN.match(name)}
        for name in names:
            is_weight = name in self.weights if self.weights is not None else is_weight_name(name)
            value = self.values.get(name, 0.0)
            node_id = name if name in taken else self._free_id("w" if is_weight else "x", taken)
            taken.add(node_id)
            self.name_ids[name] = self.doc.add_node(
                "weight" if is_weight else "input", id=node_id, label=name, value=value
            )

    def _free_id(self, stem: str, taken: set[str]) -> str:
        node_id, n = stem, 0
        while node_id in taken or node_id in self.doc:
            n += 1
            node_id = f"{stem}{n}"
        return node_id

    def _add_operations(self, tree: ast.expr) -> str:
        """Post-order over the checked tree without recursion (long chains like
        ``x+x+...+x`` are as deep as they are long)."""
        doc = self.doc
        results: dict[int, str] = {}
        stack: list[tuple[ast.expr, bool]] = [(tree, False)]
        while stack:
            node, ready = stack.pop()
            op, operands = self._parts(node)
            if not ready:
                stack.append((node, True))
                stack.extend((child, False) for child in reversed(operands))
                continue
            if isinstance(node, ast.Name):
                results[id(node)] = self.name_ids[node.id]
            elif op is None and not operands:  # a number
                value = self._constant_value(node)
                results[id(node)] = doc.add_node(
                    "input", label=_number_label(value), value=value, id=doc.fresh_id("c")
                )
            elif op is None:  # unary +: the operand itself
                results[id(node)] = results[id(operands[0])]
            else:
                op_id = doc.add_node(
                    "op",
                    op=op.name,
                    label=self.segment(node),
                    id=doc.fresh_id(op.name),
                    arity=len(operands) if op.variadic else None,
                )
                for port, child in enumerate(operands):
                    doc.connect(results[id(child)], op_id, port)
                results[id(node)] = op_id
        return results[id(tree)]


def _names_in_order(tree: ast.expr) -> list[ast.Name]:
    """The variable names of *tree* (not the called function names), left to right."""
    called = {
        id(node.func)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    names = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and id(n) not in called]
    return sorted(names, key=lambda n: (n.lineno, n.col_offset))


def _is_negative_number(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.UnaryOp)
        and isinstance(node.op, ast.USub)
        and isinstance(node.operand, ast.Constant)
    )


def _number_label(value: float) -> str:
    # As the engine labels its constant leaves: "2", "-3", "0.5".
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _infix_op(template: str) -> Op | None:
    for op in OPS.values():
        if op.infix == template:
            return op
    return None


def _method_names() -> list[str]:
    return [op.name for op in OPS.values() if op.python == "{0}." + op.name + "()"]


def _method_op(name: str) -> Op | None:
    return OPS[name] if name in _method_names() else None
