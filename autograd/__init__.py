"""chainrule's autodiff engine: scalar Values that remember how they were made.

    >>> from autograd import Value
    >>> x = Value(2.0, label="x")
    >>> y = x * x + 3 * x
    >>> y.backward()
    >>> x.grad
    7.0

Read in this order: ops.py (the derivative table), value.py (how a graph is
built), engine.py (backward), gradcheck.py (checking derivatives numerically).
"""

from . import functions
from .engine import backward, topological_order, zero_grad
from .functions import *  # noqa: F403  exp, log, ..., tanh, sigmoid, relu, ...: one per rule
from .gradcheck import GradcheckError, grad, gradcheck, jacobian, numerical_grad
from .ops import RULES, Rule
from .value import Value

__version__ = "0.1.0"

__all__ = [
    "Value", "RULES", "Rule", "backward", "zero_grad", "topological_order",
    "grad", "gradcheck", "numerical_grad", "jacobian", "GradcheckError",
    *functions.__all__, "__version__",
]
