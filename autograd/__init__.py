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

from .engine import backward, topological_order, zero_grad
from .functions import (apply, arctan, cos, elu, exp, gelu, leaky_relu, log, maximum, minimum,
                        relu, sigmoid, sin, softplus, sqrt, sum_values, tanh)
from .gradcheck import GradcheckError, grad, gradcheck, numerical_grad
from .ops import RULES, Rule
from .value import Constant, Value, lift

__version__ = "0.1.0"

__all__ = [
    "Value", "Constant", "lift", "apply", "RULES", "Rule",
    "backward", "zero_grad", "topological_order",
    "grad", "gradcheck", "numerical_grad", "GradcheckError",
    "exp", "log", "sqrt", "sin", "cos", "arctan", "tanh", "sigmoid", "relu", "leaky_relu",
    "elu", "softplus", "gelu", "maximum", "minimum", "sum_values",
    "__version__",
]
