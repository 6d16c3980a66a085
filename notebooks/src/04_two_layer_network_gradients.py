# %% [markdown]
# # 4. The gradients of a two-layer network
#
# The lecture's smallest deep network: one input x1, one hidden unit and one
# output unit.
#
# z1 = w1 x1 + b1, a1 = g(z1), z2 = w2 a1 + b2, a2 = g(z2), loss L(a2, y)
#
# We derive its gradients by hand for two choices, and check every formula
# against the engine's backward pass:
#
# 1. sigmoid units with the cross-entropy loss, where dL/dz2 = a2 - y;
# 2. ReLU units with the squared error, where dL/dw2 = 2 a1 (a2 - y) and
#    dL/dw1 = 2 w2 x1 (a2 - y).

# %%
import math

import matplotlib.pyplot as plt

import nn
from autograd import Value
from autograd.draw import draw


def two_layer(x1, y, w1, b1, w2, b2, activation, loss):
    """The network's nodes as a dict of labelled Values, from plain numbers."""
    v = {"x1": Value(x1, "x1"), "w1": Value(w1, "w1"), "b1": Value(b1, "b1"),
         "w2": Value(w2, "w2"), "b2": Value(b2, "b2")}
    v["z1"] = v["w1"] * v["x1"] + v["b1"]
    v["a1"] = activation(v["z1"])
    v["z2"] = v["w2"] * v["a1"] + v["b2"]
    v["a2"] = activation(v["z2"])
    v["L"] = loss(v["a2"], y)
    for name in ("z1", "a1", "z2", "a2", "L"):
        v[name].label = name
    v["L"].backward()
    return v


# %% [markdown]
# ## Sigmoid units and cross-entropy
#
# With a = σ(z) and L = -(y log a2 + (1 - y) log(1 - a2)):
#
# * dL/da2 = -y / a2 + (1 - y) / (1 - a2) = (a2 - y) / (a2 (1 - a2))
# * da2/dz2 = a2 (1 - a2), the sigmoid's derivative
# * so **dL/dz2 = a2 - y**: the two factors a2 (1 - a2) cancel.
#
# Going on down the chain:
#
# * dL/dw2 = (a2 - y) a1 and dL/db2 = a2 - y
# * dL/da1 = (a2 - y) w2, dL/dz1 = (a2 - y) w2 a1 (1 - a1)
# * dL/dw1 = (a2 - y) w2 a1 (1 - a1) x1 and dL/db1 = (a2 - y) w2 a1 (1 - a1)

# %%
def cross_entropy(a, y):
    return -(y * a.log() + (1 - y) * (1 - a).log())


for y in (1.0, 0.0):
    v = two_layer(x1=2.0, y=y, w1=0.5, b1=-0.3, w2=-1.2, b2=0.4,
                  activation=Value.sigmoid, loss=cross_entropy)
    a1, a2, w2, x1 = v["a1"].data, v["a2"].data, v["w2"].data, v["x1"].data
    by_hand = {"z2": a2 - y, "w2": (a2 - y) * a1, "b2": a2 - y,
               "w1": (a2 - y) * w2 * a1 * (1 - a1) * x1, "b1": (a2 - y) * w2 * a1 * (1 - a1)}
    print(f"y = {y}: a2 = {a2:.6f}")
    for name, expected in by_hand.items():
        print(f"  dL/d{name}: backward {v[name].grad:+.12f}   by hand {expected:+.12f}")
        assert abs(v[name].grad - expected) < 1e-12

# %% [markdown]
# The graph for y = 0 with each arrow's local derivative: follow the gradient
# from L back to w1 and b1.

# %%
draw(v["L"], show_local_grads=True)

# %% [markdown]
# `nn.losses.binary_cross_entropy` is this loss (averaged over samples); its
# gradient at z2 is the same a2 - y.

# %%
z2 = Value(0.7, "z2")
a2 = z2.sigmoid()
nn.losses.binary_cross_entropy(a2, 1).backward()
print(f"dL/dz2 = {z2.grad:.12f}, a2 - y = {a2.data - 1:.12f}")
assert abs(z2.grad - (a2.data - 1)) < 1e-12

# %% [markdown]
# ### Why cross-entropy suits a sigmoid output
#
# With the squared error instead, dL/dz2 = 2 (a2 - y) a2 (1 - a2): when the
# output is confidently wrong (z2 very negative for y = 1), a2 (1 - a2) is
# nearly 0 and so is the gradient. Cross-entropy's a2 - y stays near -1, as
# large as the mistake.

# %%
zs = [k / 10 for k in range(-80, 81)]
cross_entropy_slopes, squared_error_slopes = [], []
for z in zs:
    node = Value(z)
    out = node.sigmoid()
    cross_entropy(out, 1.0).backward()
    cross_entropy_slopes.append(node.grad)
    node = Value(z)
    out = node.sigmoid()
    ((out - 1.0) ** 2).backward()
    squared_error_slopes.append(node.grad)

figure, axes = plt.subplots(figsize=(6.5, 4))
axes.plot(zs, cross_entropy_slopes, label="cross-entropy: a2 - y")
axes.plot(zs, squared_error_slopes, label="squared error: 2 (a2 - y) a2 (1 - a2)")
axes.set_xlabel("z2 (the target is y = 1)")
axes.set_ylabel("dL/dz2")
axes.set_title("The gradient at the output, by backward")
axes.legend()
axes.grid(alpha=0.3)
plt.show()

assert abs(cross_entropy_slopes[0] - (1 / (1 + math.exp(8)) - 1)) < 1e-12
assert abs(squared_error_slopes[0]) < 1e-3  # confidently wrong, yet almost no gradient

# %% [markdown]
# ## ReLU units and the squared error
#
# Now a = relu(z) = max(0, z) and L = (a2 - y)². While both z1 and z2 are
# positive, relu'(z) = 1, so the activations drop out of the chain:
#
# * dL/da2 = 2 (a2 - y), and dL/dz2 = 2 (a2 - y) · 1
# * **dL/dw2 = 2 a1 (a2 - y)** and dL/db2 = 2 (a2 - y)
# * dL/da1 = 2 (a2 - y) w2, dL/dz1 = 2 (a2 - y) w2 · 1
# * **dL/dw1 = 2 w2 x1 (a2 - y)** and dL/db1 = 2 w2 (a2 - y)

# %%
def squared_error(a, y):
    return (a - y) ** 2


v = two_layer(x1=1.5, y=1.0, w1=0.8, b1=0.1, w2=1.2, b2=0.2,
              activation=Value.relu, loss=squared_error)
a1, a2, w2, x1, y = v["a1"].data, v["a2"].data, v["w2"].data, v["x1"].data, 1.0
assert v["z1"].data > 0 and v["z2"].data > 0  # both units are active
by_hand = {"w2": 2 * a1 * (a2 - y), "b2": 2 * (a2 - y),
           "w1": 2 * w2 * x1 * (a2 - y), "b1": 2 * w2 * (a2 - y)}
print(f"z1 = {v['z1'].data:.4f}, z2 = {v['z2'].data:.4f}, a2 - y = {a2 - y:.4f}")
for name, expected in by_hand.items():
    print(f"  dL/d{name}: backward {v[name].grad:+.12f}   by hand {expected:+.12f}")
    assert abs(v[name].grad - expected) < 1e-12

# %%
draw(v["L"], show_local_grads=True)

# %% [markdown]
# ### A dead ReLU
#
# If the hidden unit's z1 is negative, relu'(z1) = 0 and no gradient reaches
# w1 or b1, whatever the error: the unit does not learn from this sample.

# %%
v = two_layer(x1=1.5, y=1.0, w1=-0.8, b1=0.1, w2=1.2, b2=0.2,
              activation=Value.relu, loss=squared_error)
print(f"z1 = {v['z1'].data:.2f}, loss = {v['L'].data:.4f}")
print(f"dL/dw1 = {v['w1'].grad}, dL/db1 = {v['b1'].grad}, dL/db2 = {v['b2'].grad:.4f}")
assert v["z1"].data < 0 and v["L"].data > 0
assert v["w1"].grad == 0.0 and v["b1"].grad == 0.0 and v["b2"].grad != 0.0

# %% [markdown]
# ## What to remember
#
# * Sigmoid + cross-entropy: dL/dz2 = a2 - y, the error itself.
# * Every gradient further down is that error times the local derivatives on
#   the way: weights (w2), activation slopes (a1 (1 - a1) or 1 or 0), inputs (x1).
# * The engine computes exactly these products; the hand formulas and backward
#   agree to 12 digits.
