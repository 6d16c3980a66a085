"""The worked example of the lectures, written once: the classic neuron.

out = tanh(x1*w1 + x2*w2 + b) with x1 = 2, w1 = -3, x2 = 0, w2 = 1 and
b = 6.8813735870195432, the numbers of Karpathy's micrograd lecture: b makes
the sum asinh(1) = atanh(1/sqrt 2), so out = 1/sqrt 2 = 0.7071 and
dout/dsum = 1 - out**2 = 1/2, hence dout/dw1 = x1/2 = 1 and dout/dx1 =
w1/2 = -1.5. `chainrule demo` draws it and the tests use it; the README
spells it out for readers.
"""

from __future__ import annotations

from autograd import Value

NEURON_FORMULA = "tanh(x1*w1 + x2*w2 + b)"
NEURON_INPUTS = {"x1": 2.0, "w1": -3.0, "x2": 0.0, "w2": 1.0, "b": 6.8813735870195432}


def neuron(**values: float) -> tuple[Value, dict[str, Value]]:
    """The neuron's graph, its root labelled `out`, and its five leaves by name;
    `values` replaces some of the lecture's numbers (neuron(w1=1.5))."""
    unknown = set(values) - set(NEURON_INPUTS)
    if unknown:
        raise TypeError(f"neuron: no input named {sorted(unknown)[0]!r}; "
                        f"the inputs are {', '.join(NEURON_INPUTS)}")
    leaves = {name: Value(x, name) for name, x in {**NEURON_INPUTS, **values}.items()}
    x1, w1, x2, w2, b = leaves.values()
    out = (x1 * w1 + x2 * w2 + b).tanh()
    out.label = "out"
    return out, leaves
