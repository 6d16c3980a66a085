# %% [markdown]
# # 1. Derivatives and the chain rule
#
# A derivative is a slope: how much the output moves when one input moves a
# little. This lesson computes the same derivatives four ways and puts them side
# by side:
#
# 1. **by finite differences**: nudge the input and measure,
# 2. **by hand**, with the chain rule,
# 3. **by backward**, the engine's reverse-mode automatic differentiation,
# 4. **by sympy**, symbolic differentiation of the formula the graph computes.
#
# The library's pieces used here: `Value` (a number that remembers how it was
# made), `draw` (the computation graph as a diagram) and `to_sympy`.

# %%
import math

import matplotlib.pyplot as plt
import sympy as sp
from IPython.display import Markdown, display

from autograd import Value, numerical_grad
from autograd.draw import draw
from autograd.testing.symbolic import leaf_symbols, to_sympy

# %% [markdown]
# ## Slopes by finite differences
#
# For f(x) = x², the slope at x = 3 is f'(3) = 6. Without knowing any rule we
# can measure it: move x by a small step h and divide the change of f by h.

# %%
def f(x):
    return x ** 2


for h in [1.0, 0.1, 0.01, 0.001]:
    slope = (f(3.0 + h) - f(3.0)) / h
    print(f"h = {h:<6g} (f(3 + h) - f(3)) / h = {slope:.6f}")

# (3 + h)**2 - 9 = 6h + h**2, so this forward difference is 6 + h, up to rounding.
assert abs((f(3.001) - f(3.0)) / 0.001 - 6.001) < 1e-9

# %% [markdown]
# Two ways to take the difference:
#
# * forward difference: (f(x + h) - f(x)) / h, error about h (it sees the curvature),
# * central difference: (f(x + h) - f(x - h)) / 2h, error about h² (the
#   curvature cancels).
#
# A smaller step is better, until the floats run out of digits: f(x + h) and
# f(x) then agree in almost all their digits and the subtraction loses them.
# Here is the error of both for f(x) = sin x at x = 1, whose slope is cos 1.

# %%
steps = [10.0 ** -k for k in range(1, 15)]
exact = math.cos(1.0)
forward_errors = [abs((math.sin(1 + h) - math.sin(1)) / h - exact) for h in steps]
central_errors = [abs((math.sin(1 + h) - math.sin(1 - h)) / (2 * h) - exact) for h in steps]

figure, axes = plt.subplots(figsize=(6, 4))
axes.loglog(steps, forward_errors, "o-", label="forward difference")
axes.loglog(steps, central_errors, "s-", label="central difference")
axes.set_xlabel("step h")
axes.set_ylabel("error in the slope of sin x at x = 1")
axes.set_title("Smaller steps help until rounding takes over")
axes.legend()
axes.grid(alpha=0.3)
plt.show()

best_forward = steps[forward_errors.index(min(forward_errors))]
best_central = steps[central_errors.index(min(central_errors))]
print(f"best step: forward {best_forward:g}, central {best_central:g}")
assert best_central > best_forward  # the central difference can afford a larger step

# %% [markdown]
# Finite differences are a good *check*, never an exact answer: the best they
# do is about 8 correct digits (forward) or 11 (central). The engine's
# `numerical_grad` uses central differences with a step chosen for the scale of
# the input.

# %% [markdown]
# ## Example 1: y = z1⁴ e^(z2) + 5 z1 + 7 z2
#
# Two inputs, so two partial derivatives. By hand, treating the other input as
# a constant:
#
# * ∂y/∂z1 = 4 z1³ e^(z2) + 5
# * ∂y/∂z2 = z1⁴ e^(z2) + 7
#
# At z1 = 2, z2 = 0: ∂y/∂z1 = 4 · 8 · 1 + 5 = **37** and ∂y/∂z2 = 16 + 7 = **23**.
#
# In the library we write the formula with `Value`s. Each operation becomes a
# node of a graph; `draw` shows it (values are boxes `name | data | grad`,
# operations are ovals).

# %%
z1 = Value(2.0, label="z1")
z2 = Value(0.0, label="z2")
y = z1 ** 4 * z2.exp() + 5 * z1 + 7 * z2
y.label = "y"
print(y.data)
assert y.data == 2.0 ** 4 * math.exp(0.0) + 5 * 2.0 + 7 * 0.0

# %% [markdown]
# `backward()` fills in `grad` on every node: the derivative of y with respect
# to that node. The diagram now shows them.

# %%
y.backward()
draw(y)

# %% [markdown]
# Now the four answers side by side. sympy gets the formula from the graph
# itself (`to_sympy(y)`, one symbol per input leaf, named by its label),
# differentiates it symbolically and evaluates exactly.

# %%
expression = to_sympy(y)
symbol = leaf_symbols(y)  # the sympy symbol standing for each input Value
s1, s2 = symbol[z1], symbol[z2]
point = {s1: 2, s2: 0}
by_hand = {"z1": 4 * 2.0 ** 3 * math.exp(0.0) + 5, "z2": 2.0 ** 4 * math.exp(0.0) + 7}
by_backward = {"z1": z1.grad, "z2": z2.grad}
by_sympy = {"z1": float(sp.diff(expression, s1).subs(point)),
            "z2": float(sp.diff(expression, s2).subs(point))}
by_differences = dict(zip(["z1", "z2"], numerical_grad(
    lambda a, b: a ** 4 * b.exp() + 5 * a + 7 * b, 2.0, 0.0)))

rows = ["| derivative | by hand | backward | sympy | central differences |",
        "|---|---:|---:|---:|---:|"]
for name in ("z1", "z2"):
    rows.append(f"| ∂y/∂{name} | {by_hand[name]} | {by_backward[name]} | "
                f"{by_sympy[name]} | {by_differences[name]:.9f} |")
display(Markdown(f"y = `{expression}`\n\n" + "\n".join(rows)))

for name in ("z1", "z2"):
    assert abs(by_backward[name] - by_hand[name]) < 1e-12
    assert abs(by_sympy[name] - by_hand[name]) < 1e-12
    assert abs(by_differences[name] - by_hand[name]) < 1e-6

# %% [markdown]
# Look at the diagram again: z1 is used twice (in z1⁴ and in 5 z1), and so is z2.
# Backward gives each use its own contribution and **adds** them: for z1 that is
# 32 from the first term and 5 from the second. That sum is the multivariate
# chain rule.

# %% [markdown]
# ## Example 1 as the slide poses it: z1 = sin x, z2 = x³
#
# Virtue's slide "Multivariate Chain Rule" does not give z1 and z2 as free inputs: it
# sets z1 = g1(x) = sin x and z2 = g2(x) = x³, and asks for dy/dx. (So the point
# z1 = 2, z2 = 0 above comes from no x at all: sin x is never 2. There, z1 and z2 were
# free variables, to practise partial derivatives.) The slide "Calculus Chain Rule" gives
# the rule: dy/dx = Σ_j ∂y/∂z_j · dz_j/dx, one term per path from x to y:
#
# * through z1: ∂y/∂z1 · dz1/dx = (4 z1³ e^(z2) + 5) · cos x,
# * through z2: ∂y/∂z2 · dz2/dx = (z1⁴ e^(z2) + 7) · 3x².
#
# At **x = 1**: z1 = sin 1 = 0.841471, z2 = 1.

# %%
x = Value(1.0, label="x")
z1 = x.sin()
z1.label = "z1"
z2 = x ** 3
z2.label = "z2"
y = z1 ** 4 * z2.exp() + 5 * z1 + 7 * z2
y.label = "y"
y.backward()

s1, c1 = math.sin(1.0), math.cos(1.0)
through_z1 = (4 * s1 ** 3 * math.exp(1.0) + 5) * c1
through_z2 = (s1 ** 4 * math.exp(1.0) + 7) * 3 * 1.0 ** 2
by_hand = through_z1 + through_z2
X = leaf_symbols(y)[x]
by_sympy = float(sp.diff(to_sympy(y), X).subs(X, 1))
display(Markdown(
    "| | dy/dx at x = 1 |\n|---|---:|\n"
    f"| path through z1 | {through_z1:.12f} |\n| path through z2 | {through_z2:.12f} |\n"
    f"| by hand (the sum) | {by_hand:.12f} |\n| backward | {x.grad:.12f} |\n"
    f"| sympy | {by_sympy:.12f} |"))
assert abs(x.grad - by_hand) < 1e-12
assert abs(by_sympy - by_hand) < 1e-12
assert round(by_hand, 6) == 31.290418

# %% [markdown]
# ## Example 2: y = z1 z2 with z1 = sin x, z2 = x³
#
# One input x reaches y along two paths. The multivariate chain rule adds the
# paths:
#
# dy/dx = ∂y/∂z1 · dz1/dx + ∂y/∂z2 · dz2/dx = z2 · cos x + z1 · 3x² = x³ cos x + 3x² sin x
#
# At x = 2: 8 cos 2 + 12 sin 2.

# %%
x = Value(2.0, label="x")
z1 = x.sin()
z1.label = "z1"
z2 = x ** 3
z2.label = "z2"
y = z1 * z2
y.label = "y"
y.backward()

# %% [markdown]
# With `show_local_grads=True` every arrow carries its local derivative and the
# amount that flowed back along it: the two arrows into x's operations deliver
# the two terms of the sum.

# %%
draw(y, show_local_grads=True)

# %%
X = leaf_symbols(y)[x]
expression = to_sympy(y)
derivative = sp.diff(expression, X)
by_hand = 2.0 ** 3 * math.cos(2.0) + 3 * 2.0 ** 2 * math.sin(2.0)
by_sympy = float(derivative.subs(X, 2))
(by_differences,) = numerical_grad(lambda t: t.sin() * t ** 3, 2.0)

display(Markdown(
    f"y = `{expression}`, dy/dx = `{derivative}`\n\n"
    "| | by hand | backward | sympy | central differences |\n"
    "|---|---:|---:|---:|---:|\n"
    f"| dy/dx at x = 2 | {by_hand:.12f} | {x.grad:.12f} | {by_sympy:.12f} | "
    f"{by_differences:.12f} |"))

assert abs(x.grad - by_hand) < 1e-12
assert abs(by_sympy - by_hand) < 1e-12
assert abs(by_differences - by_hand) < 1e-6

# %% [markdown]
# The two paths, one at a time: the path through z1 contributes z2 · cos x and
# the path through z2 contributes z1 · 3x². Their sum is x's gradient.

# %%
through_z1 = z2.data * math.cos(x.data)
through_z2 = z1.data * 3 * x.data ** 2
print(f"through z1: {through_z1:.6f}")
print(f"through z2: {through_z2:.6f}")
print(f"sum:        {through_z1 + through_z2:.6f}   x.grad = {x.grad:.6f}")
assert abs(through_z1 + through_z2 - x.grad) < 1e-12

# %% [markdown]
# ## What to remember
#
# * Finite differences measure a slope; they are approximate and make a good check.
# * The chain rule multiplies local derivatives along a path and **adds** over paths.
# * `backward()` does exactly that on the graph, and agrees with the hand
#   derivation and with sympy to the last digits.
