"""Testing derivatives (the `test` extra: hypothesis and sympy).

    from autograd.testing import check_op
    from autograd.testing.strategies import programs, values, arguments
    from autograd.testing.symbolic import to_sympy

- check.py: `check_op` for your own rule, and comparing backward with the oracles.
- oracles.py: central differences (with an error bar) and the complex step.
- symbolic.py: the sympy oracle and `to_sympy(value)` (imports sympy).
- program.py: programs as plain data, one equation per line.
- strategies.py: hypothesis strategies (imports hypothesis).

Needs the core only; the core never imports this package, and importing it
loads neither hypothesis nor sympy until a check runs.
"""

from .check import (
                    ATOL,
                    RTOL,
                    Comparison,
                    DerivativeError,
                    Estimate,
                    OpReport,
                    as_rule,
                    backward_gradient,
                    central_differences,
                    check_op,
                    close,
                    compare_gradients,
                    complex_step,
                    disagreement,
                    gradient_report,
                    program_central_differences,
                    program_complex_step,
)
from .program import Program, Step

__all__ = [
    "check_op", "as_rule", "DerivativeError", "OpReport",
    "Comparison", "compare_gradients", "gradient_report", "disagreement",
    "Estimate", "close", "RTOL", "ATOL", "backward_gradient",
    "central_differences", "program_central_differences",
    "complex_step", "program_complex_step", "Program", "Step",
]
