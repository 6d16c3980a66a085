"""Value: one number in a computation graph, and the operators that build graphs.

A Value remembers how it was made: the operation's name (`op`), the Values it
was made from (`parents`, in order, so `a + a` lists `a` twice) and the local
derivatives d(self)/d(parent) computed in the forward pass (`local_grads`).
The formulas themselves live in `ops.py`; backward lives in `engine.py`.
"""

from __future__ import annotations

from typing import Any, Callable, Union

from . import engine, ops
from .checks import checked_label, checked_number
from .collector import untrack

Number = Union[int, float]
Operand = Union["Value", int, float]

_new = object.__new__


# --- the methods that build nodes ---------------------------------------------
# Each operator and function of Value is made here from its rule, so that a
# call is one step from the rule to the new node (see the class body).

def _operator(op: str, *, reflected: bool = False) -> Callable[[Value, Operand], Value]:
    """The method behind a two-input operator: one `op` node of (self, other),
    or of (other, self) when reflected."""
    rule = ops.RULES[op].apply
    if reflected:
        def method(self: Value, other: Operand) -> Value:
            other = lift(other, op)
            data, (local_other, local_self) = rule(other._data, self._data)
            return _node(data, op, other, local_other, self, local_self)
    else:
        def method(self: Value, other: Operand) -> Value:
            if other.__class__ is not Value:
                other = lift(other, op)
            data, (local_self, local_other) = rule(self._data, other._data)
            return _node(data, op, self, local_self, other, local_other)
    method.__doc__ = _describe(op)
    return method


def _function(op: str) -> Callable[[Value], Value]:
    """The method behind x.exp(), x.relu(), -x, ...: one `op` node of self."""
    rule = ops.RULES[op].apply
    def method(self: Value) -> Value:
        data, (local,) = rule(self._data)
        return _node(data, op, self, local)
    method.__doc__ = _describe(op)
    return method


def _with_parameter(op: str, x: Value, param: Number) -> Value:
    """One `op` node of x with a fixed number, such as the 2 in x ** 2."""
    data, (local,) = ops.RULES[op].apply(x._data, param)
    return _node(data, (op, param), x, local)


def _describe(op: str) -> str:
    rule = ops.RULES[op]
    return f"{rule.formula}, as one node; {rule.derivative}."


class Value:
    """A scalar in a computation graph: data, grad and how it was computed."""

    # Up to two parents, stored in slots rather than in a tuple, so that a node
    # is one object, and one the cyclic garbage collector need not visit (see
    # collector.py). `parents` makes the tuple.
    # `_op` is the rule's name, or (name, number) for a rule with a parameter
    # such as x ** 2. `_pending` is the engine's counter during backward.
    __slots__ = ("_data", "_grad", "_label", "_op",
                 "_parent1", "_local1", "_parent2", "_local2", "_pending")

    def __init__(self, data: Number, label: str = "") -> None:
        self._data = checked_number("Value", data)
        self._grad = 0.0
        self._label = checked_label(label)
        self._op = ""
        self._pending = 0
        self._parent1: Value | None = None
        self._local1 = 0.0
        self._parent2: Value | None = None
        self._local2 = 0.0
        if self.__class__ is Value or self.__class__ is Constant:
            untrack(self)  # no cycles possible (a subclass might add some)

    # --- the read-only view used for teaching and drawing -------------------

    @property
    def data(self) -> float:
        """The number this node holds (set it only on leaves, e.g. parameters)."""
        return self._data

    @data.setter
    def data(self, number: Number) -> None:
        if self._parent1 is not None:
            raise AttributeError(f"data: {self!r} was computed by {self.op}; only a leaf "
                                 f"(an input or parameter) can be changed, so rebuild the graph")
        self._data = checked_number("data", number)

    @property
    def grad(self) -> float:
        """d(root)/d(self) after root.backward(); 0.0 before."""
        return self._grad

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
        op = self._op
        return op if op.__class__ is str else op[0]

    @property
    def parents(self) -> tuple[Value, ...]:
        """The inputs of the operation, in order, repeated when used twice."""
        if self._parent1 is None:
            return ()
        if self._parent2 is None:
            return (self._parent1,)
        return (self._parent1, self._parent2)

    @property
    def local_grads(self) -> tuple[float, ...]:
        """d(self)/d(parents[i]) for each parent, recorded in the forward pass."""
        if self._parent1 is None:
            return ()
        if self._parent2 is None:
            return (self._local1,)
        return (self._local1, self._local2)

    @property
    def params(self) -> dict[str, float]:
        """The fixed numbers of the operation, such as {'n': 2} for x ** 2."""
        if self._op.__class__ is str:
            return {}
        name, number = self._op
        return {ops.RULES[name].params[0]: number}

    @property
    def is_leaf(self) -> bool:
        """True for inputs, parameters and constants: nodes with no parents."""
        return self._parent1 is None

    @property
    def is_constant(self) -> bool:
        """True for a plain number that entered through arithmetic (the 2 in 2 * x)."""
        return isinstance(self, Constant)

    def __repr__(self) -> str:
        label = f", label={self._label!r}" if self._label else ""
        op = f", op={self.op!r}" if self._op else ""
        return f"Value(data={self._data!r}, grad={self._grad!r}{label}{op})"

    def __float__(self) -> float:
        return self._data

    # --- arithmetic: each operator is one node ------------------------------
    # (x + 2 calls x.__add__(2); 2 - x calls x.__rsub__(2), "reflected")

    __add__ = _operator("add")
    __radd__ = _operator("add", reflected=True)
    __sub__ = _operator("sub")
    __rsub__ = _operator("sub", reflected=True)
    __mul__ = _operator("mul")
    __rmul__ = _operator("mul", reflected=True)
    __truediv__ = _operator("div")
    __rtruediv__ = _operator("div", reflected=True)
    __neg__ = _function("neg")
    __abs__ = _function("abs")

    def __pow__(self, exponent: Operand) -> Value:
        """x ** n for a number n (op "pow"), x ** y for a Value y (op "vpow")."""
        if isinstance(exponent, Value):
            return _vpow(self, exponent)
        return _with_parameter("pow", self, checked_number("pow", exponent, keep_int=True))

    def __rpow__(self, base: Number) -> Value:
        """c ** x for a number c > 0 (op "rpow")."""
        return _with_parameter("rpow", self, checked_number("rpow", base, keep_int=True))

    def __pos__(self) -> Value:
        return self

    # --- functions and activations ------------------------------------------

    exp = _function("exp")
    log = _function("log")
    sqrt = _function("sqrt")
    sin = _function("sin")
    cos = _function("cos")
    arctan = _function("arctan")
    tanh = _function("tanh")
    sigmoid = _function("sigmoid")
    relu = _function("relu")
    softplus = _function("softplus")
    gelu = _function("gelu")

    def leaky_relu(self, alpha: float = 0.01) -> Value:
        """x if x > 0 else alpha x, as one node."""
        return _with_parameter("leaky_relu", self,
                               checked_number("leaky_relu", alpha))

    def elu(self, alpha: float = 1.0) -> Value:
        """x if x > 0 else alpha (e^x - 1), as one node."""
        return _with_parameter("elu", self, checked_number("elu", alpha))

    # --- the backward pass ----------------------------------------------------

    def backward(self) -> None:
        """Fill in d(self)/d(node) as `grad` for every node self depends on."""
        engine.backward(self)

    def zero_grad(self) -> None:
        """Set grad to 0.0 on this node and every node it depends on."""
        engine.zero_grad(self)


class Constant(Value):
    """A plain number that entered the graph through arithmetic (the 2 in 2 * x)."""

    __slots__ = ()


# --- building nodes ----------------------------------------------------------

def _node(data: float, op: str | tuple[str, Number], parent1: Value, local1: float,
          parent2: Value | None = None, local2: float = 0.0) -> Value:
    """A new interior node; the forward result must be a finite float."""
    if data - data:  # finite minus itself is 0.0; inf or NaN gives NaN, which is true
        name = op if isinstance(op, str) else op[0]
        ops.finite(name, data, *(p._data for p in (parent1, parent2) if p is not None))
    node = _new(Value)
    node._data = data
    node._grad = 0.0
    node._label = ""
    node._op = op
    node._pending = 0
    node._parent1 = parent1
    node._local1 = local1
    node._parent2 = parent2
    node._local2 = local2
    untrack(node)  # it refers only to numbers, strings and older Values: no cycles
    return node


_vpow = _operator("vpow")


def lift(x: Operand, op: str = "Value") -> Value:
    """x itself if it is a Value, else a Constant leaf holding the number x."""
    if isinstance(x, Value):
        return x
    constant = _new(Constant)
    Value.__init__(constant, checked_number(op, x))
    return constant

