"""Value: one number in a computation graph, and the operators that build graphs.

A Value remembers how it was made:
- `op`: the name of its rule in the table (ops.py, activations.py); '' for a leaf;
- `inputs`: what the rule was applied to, in order: Values, or plain numbers
  that belong to the node (`w * 0.5` is one node, `*` with inputs (w, 0.5));
- `parents`: the Values among the inputs (`a + a` lists `a` twice);
- `local_grads`: d(self)/d(parent) for each parent, computed in the forward
  pass by the rule. backward() (engine.py) only multiplies and adds them.

Every operator below is one line naming the rule that computes the result and
the local derivatives; functions._apply does the same for any rule.
"""

from __future__ import annotations

import math
from typing import Any, Union

from . import activations, engine, ops
from .checks import Number, checked_label, checked_number, shown
from .collector import collecting, untrack_at

Operand = Union["Value", int, float]


class Value:
    """A scalar in a computation graph: its data, its grad and how it was computed.

    Value(data, label='') makes a leaf (an input or a parameter); operators
    and functions make the other nodes. Raises TypeError for data that is not
    an int or float (bools included) and ValueError for NaN or infinity.
    """

    __slots__ = ("_data", "_grad", "_label", "_op", "_args", "_parents", "_local_grads")

    def __init__(self, data: Number, label: str = "", _op: str = "", _args: tuple = (),
                 _parents: tuple[Value, ...] = (), _local_grads: tuple[float, ...] = ()) -> None:
        self._data = data if _op else checked_number("Value", data)  # _op etc.: see functions._node
        self._grad = 0.0
        self._label = checked_label(label) if label else ""
        self._op = _op
        self._args = _args  # the rule's inputs, then its params (x ** 2: (x, 2))
        self._parents = _parents
        self._local_grads = _local_grads
        if self.__class__ is Value and collecting():  # a Value cannot be part of a reference
            untrack_at(id(self))                         # cycle, nor can the tuples it holds:
            if _parents:                                 # see collector.py
                untrack_at(id(_parents))
                if _args is not _parents:  # constants among the inputs (w * 0.5)
                    untrack_at(id(_args))

    # --- what a node holds ---------------------------------------------------------

    @property
    def data(self) -> float:
        """The number this node holds (set it only on leaves, e.g. parameters)."""
        return self._data

    @data.setter
    def data(self, number: Number) -> None:
        if self._op:
            raise AttributeError(f"data: {self!r} was computed by {self._op}; only a leaf "
                                 f"(an input or parameter) can be changed, so rebuild the graph")
        self._data = checked_number("data", number)

    @property
    def grad(self) -> float:
        """d(root)/d(self) after root.backward(); 0.0 before. Set by backward only."""
        return self._grad

    @grad.setter
    def grad(self, number: Number) -> None:
        raise AttributeError("grad: set by backward(), which also seeds the root with 1.0 "
                             "itself; to start again from 0.0 call zero_grad()")

    @property
    def label(self) -> str:
        """A name to show in diagrams and tapes ('' when none was given)."""
        return self._label

    @label.setter
    def label(self, text: str) -> None:
        self._label = checked_label(text)

    @property
    def op(self) -> str:
        """The operation's name from the rule table ('' for a leaf)."""
        return self._op

    @property
    def inputs(self) -> tuple[Value | float, ...]:
        """What the operation was applied to, in order: Values and constants."""
        return self._args[:len(self._args) - len(self.params)]

    @property
    def parents(self) -> tuple[Value, ...]:
        """The Value inputs of the operation, in order, repeated when used twice."""
        return self._parents

    @property
    def local_grads(self) -> tuple[float, ...]:
        """d(self)/d(parents[i]) for each parent, recorded in the forward pass."""
        return self._local_grads

    @property
    def params(self) -> dict[str, float]:
        """The fixed numbers of the operation, such as {'n': 2} for x ** 2."""
        rule = ops.RULES.get(self._op)
        if rule is None or len(self._args) != (rule.arity or -1) + len(rule.params):
            return {}  # e.g. a node made by autograd.apply under a table name
        return dict(zip(rule.params, self._args[rule.arity:]))

    @property
    def is_leaf(self) -> bool:
        """True for nodes with no Value inputs: inputs, parameters and constants."""
        return not self._parents

    @property
    def is_constant(self) -> bool:
        """True for a node computed from plain numbers only (exp(2.0)): no grad flows in."""
        return bool(self._op) and not self._parents

    def __repr__(self) -> str:
        label = f", label={self._label!r}" if self._label else ""
        op = f", op={self._op!r}" if self._op else ""
        return f"Value(data={self._data!r}, grad={self._grad!r}{label}{op})"

    def __float__(self) -> float:
        raise TypeError("float(), int() or round() of a Value: not converted silently, which "
                        "would cut the graph (math.exp(w) gives w.grad = 0); use w.exp() or "
                        "autograd.exp(w) to stay in the graph, or w.data for the number")

    __int__ = __round__ = __float__

    def __format__(self, spec: str) -> str:
        """f"{loss:.4f}" formats the number, as for a PyTorch scalar; f"{loss}" is the repr."""
        return format(self._data, spec) if spec else repr(self)

    def __bool__(self) -> bool:
        raise TypeError(f"bool() of a Value (in `if` or `and`/`or`): ambiguous, so refused; "
                        f"test its number, e.g. `if v.data > 0:` (v = {shown(self)})")

    def __lt__(self, other: object) -> bool:
        raise TypeError(f"comparison of a Value ({shown(self)} with <, <=, > or >=): compare "
                        f"the numbers, e.g. `loss.data < 0.01`; a comparison has no "
                        f"derivative, so it is not an operation of the graph (maximum, "
                        f"minimum and relu are)")

    __le__ = __gt__ = __ge__ = __lt__

    def __reduce_ex__(self, protocol: Any) -> Any:
        raise TypeError("pickle/copy of a Value is not supported (a graph can be millions of "
                        "nodes deep); save numbers (v.data) or a model with nn.save")

    # --- arithmetic: each operator is one node -------------------------------------
    # x + 2 calls x.__add__(2); 2 - x calls x.__rsub__(2), "reflected": the
    # number comes first. A number stays a constant of the node, not a node.

    def __add__(self, other: Operand) -> Value:
        return _binary("add", ops.add, self, other)     # d/dself = 1, d/dother = 1

    def __radd__(self, other: Number) -> Value:
        return _binary("add", ops.add, other, self)

    def __sub__(self, other: Operand) -> Value:
        return _binary("sub", ops.sub, self, other)     # d/dself = 1, d/dother = -1

    def __rsub__(self, other: Number) -> Value:
        return _binary("sub", ops.sub, other, self)

    def __mul__(self, other: Operand) -> Value:
        return _binary("mul", ops.mul, self, other)     # d/dself = other, d/dother = self

    def __rmul__(self, other: Number) -> Value:
        return _binary("mul", ops.mul, other, self)

    def __truediv__(self, other: Operand) -> Value:
        return _binary("div", ops.div, self, other)     # d/dself = 1/other, d/dother = -self/other^2

    def __rtruediv__(self, other: Number) -> Value:
        return _binary("div", ops.div, other, self)

    def __neg__(self) -> Value:
        return _unary("neg", ops.neg, self)             # d/dself = -1

    def __abs__(self) -> Value:
        return _unary("abs", ops.abs_, self)            # d/dself = sign(self)

    def __pow__(self, exponent: Operand) -> Value:
        """x ** n for a number n (op "pow"), x ** y for a Value y (op "vpow")."""
        if isinstance(exponent, Value):
            return _binary("vpow", ops.vpow, self, exponent)
        return _unary("pow", ops.pow, self, checked_number("pow", exponent, keep_int=True))

    def __rpow__(self, base: Number) -> Value:
        """c ** x for a number c > 0 (op "rpow")."""
        return _unary("rpow", ops.rpow, self, checked_number("rpow", base, keep_int=True))

    def __pos__(self) -> Value:
        return self

    # --- functions and activations: one node each ----------------------------------

    def exp(self) -> Value:
        return _unary("exp", ops.exp, self)

    def log(self) -> Value:
        return _unary("log", ops.log, self)

    def sqrt(self) -> Value:
        return _unary("sqrt", ops.sqrt, self)

    def sin(self) -> Value:
        return _unary("sin", ops.sin, self)

    def cos(self) -> Value:
        return _unary("cos", ops.cos, self)

    def arctan(self) -> Value:
        return _unary("arctan", ops.arctan, self)

    def tanh(self) -> Value:
        return _unary("tanh", activations.tanh, self)

    def sigmoid(self) -> Value:
        return _unary("sigmoid", activations.sigmoid, self)

    def relu(self) -> Value:
        return _unary("relu", activations.relu, self)

    def softplus(self) -> Value:
        return _unary("softplus", activations.softplus, self)

    def gelu(self) -> Value:
        return _unary("gelu", activations.gelu, self)

    def step(self) -> Value:
        return _unary("step", activations.step, self)

    def sign(self) -> Value:
        return _unary("sign", activations.sign, self)

    def leaky_relu(self, alpha: float = 0.01) -> Value:
        return _unary("leaky_relu", activations.leaky_relu, self, checked_number("leaky_relu", alpha))

    def elu(self, alpha: float = 1.0) -> Value:
        return _unary("elu", activations.elu, self, checked_number("elu", alpha))

    def prelu(self, slope: Operand) -> Value:
        return _binary("prelu", activations.prelu, self, slope)  # slope: a Value to learn it

    # --- the backward pass ---------------------------------------------------------

    def backward(self) -> None:
        """Set self.grad = 1 and every other node's grad to d(self)/d(node)
        (see engine.backward: leaves accumulate, nothing changes on failure)."""
        engine.backward(self)

    def zero_grad(self) -> None:
        """Set grad to 0.0 on this node and every node it depends on."""
        engine.zero_grad(self)


for _rule in ops.RULES.values():  # each one-line method's docstring is its rule's
    if callable(getattr(Value, _rule.name, None)):
        getattr(Value, _rule.name).__doc__ = f"{_rule.formula}, as one node; {_rule.derivative}."


def _unary(op: str, rule: ops.RuleFunction, x: Value, *params: Number) -> Value:
    """One node of a one-input rule, with its params (the 2 in x ** 2)."""
    data, local_grads = rule(x._data, *params)
    if not math.isfinite(data):
        ops.finite(op, data, x._data, *params)  # raises the one-line OverflowError
    parents = (x,)
    return Value(data, "", op, (x, *params) if params else parents, parents, local_grads)


def _binary(op: str, rule: ops.RuleFunction, a: Operand, b: Operand) -> Value:
    """One node of a two-input rule; a plain number among a, b is a constant of the node."""
    if isinstance(a, Value) and isinstance(b, Value):
        data, local_grads = rule(a._data, b._data)
        parents = args = (a, b)
    elif isinstance(a, Value):  # a * 2: the node has one parent, a
        b = checked_number(op, b, keep_int=True)
        data, (local, _) = rule(a._data, b)
        parents, local_grads, args = (a,), (float(local),), (a, b)
    else:  # 2 - b
        a = checked_number(op, a, keep_int=True)
        data, (_, local) = rule(a, b._data)
        parents, local_grads, args = (b,), (float(local),), (a, b)
    if not math.isfinite(data):
        ops.finite(op, data, *(x._data if isinstance(x, Value) else x for x in (a, b)))
    return Value(data, "", op, args, parents, local_grads)

