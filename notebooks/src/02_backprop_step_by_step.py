# %% [markdown]
# # 2. Backpropagation, step by step
#
# The lecture's single neuron: inputs x = (2, 3, 1), weights w = (0.5, 0.2, 10),
# bias b = 2.
#
# z = w1 x1 + w2 x2 + w3 x3 + b = 1 + 0.6 + 10 + 2 = 13.6, then a = sigmoid(z).
#
# We build it from `Value`s, draw it, derive its gradients by hand, and then
# watch the engine's backward pass do the same thing one step at a time: as a
# printed tape, and as an interactive page with one diagram per step.

# %%
import math

from IPython.display import HTML, display

import nn
from autograd import Value
from autograd.draw import draw
from autograd.draw.frames import backward_frames
from autograd.draw.page import StepsPage
from autograd.trace import record

# %% [markdown]
# ## The forward pass
#
# Every input, weight and the bias is a leaf `Value` with a label, so the
# diagram and the tape can name it.

# %%
x1, x2, x3 = Value(2.0, "x1"), Value(3.0, "x2"), Value(1.0, "x3")
w1, w2, w3 = Value(0.5, "w1"), Value(0.2, "w2"), Value(10.0, "w3")
b = Value(2.0, "b")

z = w1 * x1 + w2 * x2 + w3 * x3 + b
z.label = "z"
a = z.sigmoid()
a.label = "a"

print(f"z = {z.data:.10g}")
print(f"a = sigmoid(z) = {a.data:.10f}")
assert abs(z.data - 13.6) < 1e-12
assert abs(a.data - 1 / (1 + math.exp(-13.6))) < 1e-15

# %% [markdown]
# The graph before backward: the grads show a dash, nothing has flowed yet.

# %%
draw(a)

# %% [markdown]
# ## The gradients by hand
#
# The sigmoid's derivative is da/dz = a (1 - a). z is a sum, so dz/dwi = xi,
# dz/dxi = wi and dz/db = 1. The chain rule multiplies:
#
# * da/dwi = a (1 - a) · xi
# * da/dxi = a (1 - a) · wi
# * da/db = a (1 - a)
#
# a is very close to 1 here, so a (1 - a) ≈ 1.24 · 10⁻⁶: the neuron is
# **saturated** and every gradient is tiny. (Lesson 5 shows why that slows
# learning.)

# %%
slope = a.data * (1 - a.data)
by_hand = {"w1": slope * 2.0, "w2": slope * 3.0, "w3": slope * 1.0, "b": slope,
           "x1": slope * 0.5, "x2": slope * 0.2, "x3": slope * 10.0}
print(f"a (1 - a) = {slope:.6e}")

# %% [markdown]
# ## The backward tape
#
# `record(a)` runs the engine's own backward pass and writes down every step.
# Each backward line is one `parent.grad += local * node.grad`: the gradient of
# a node, times the local derivative of the node with respect to one of its
# inputs, added to that input's gradient. The nodes the code did not label are
# called v1, v2, ... by their position in the forward pass.

# %%
trace = record(a)
print(trace.text())

# %%
leaves = {"w1": w1, "w2": w2, "w3": w3, "b": b, "x1": x1, "x2": x2, "x3": x3}
for name, leaf in leaves.items():
    print(f"da/d{name}: backward {leaf.grad:.6e}   by hand {by_hand[name]:.6e}")
    # a (1 - a) with a = 0.99999876 loses digits to the subtraction 1 - a (about
    # ten are left); the engine writes the same number as e^-z / (1 + e^-z)^2,
    # which keeps them all. So the two agree to about 1e-10, relatively.
    assert abs(leaf.grad - by_hand[name]) <= 1e-9 * abs(by_hand[name])
assert len(trace.backward) == 13  # sigmoid: 1 input, three adds and three muls: 2 each

# %% [markdown]
# The same tape as tables (the forward values, then one row per backward step):

# %%
trace

# %% [markdown]
# ## One diagram per step
#
# `backward_frames(trace)` draws the graph as it was after each step: the node
# passing its gradient on is outlined in red, the arrow the gradient flows
# along is red, and the input receiving it is outlined in orange. Here is the
# state after step 3, when the gradient has just reached the bias.

# %%
frames = backward_frames(trace)
print(f"{len(frames)} frames: the seed, then one per backward step")
frames[3]

# %% [markdown]
# ## The interactive page
#
# `StepsPage(trace)` is a live explorer of the same pass: one slider (or the
# arrow keys, space, Home and End) walks through the forward pass, node by
# node, and then the backward pass, step by step, with the tape beside the
# graph. Change a weight in the boxes on the right and every value, local
# derivative and gradient is recomputed at once. Zoom with the buttons or the
# wheel, drag to pan. It shows itself in Jupyter; `page.save("neuron.html")`
# writes it as one file that works offline. (Here we give the page a fixed id
# with `fragment`, so this notebook's saved output is the same every time it
# is rebuilt. On a code host that does not run scripts you see the graph only.)

# %%
page = StepsPage(trace, title="The neuron a = sigmoid(w · x + b)", legend=False)
display(HTML(page.fragment("neuron-steps")))

# %% [markdown]
# ## The same neuron from `nn`
#
# `nn.Neuron` builds exactly this graph from a list of inputs.
# `Neuron.from_weights` sets the weights for a worked example, and
# `nn.draw_network` draws the architecture (one line per weight).

# %%
neuron = nn.Neuron.from_weights([0.5, 0.2, 10.0], bias=2.0, activation="sigmoid")
output = neuron([2.0, 3.0, 1.0])
output.backward()
print(f"output {output.data:.10f}, d output / d w3 = {neuron.weights[2].grad:.6e}")
assert output.data == a.data
assert neuron.weights[2].grad == w3.grad
nn.draw_network(neuron, show_weights=True, input_names=["x1", "x2", "x3"])

# %% [markdown]
# ## Why `+=`: a value used twice
#
# In y = x · x the single value x is both inputs of the multiplication. The
# product rule says dy/dx = x + x = 2x: one contribution per use. So backward
# must **add** each contribution to x's grad rather than overwrite it. The tape
# shows the two steps, and the second one says it accumulates.

# %%
x = Value(3.0, "x")
y = x * x
y.label = "y"
square_trace = record(y)
print(square_trace.text())
assert x.grad == 2 * 3.0  # with "=" instead of "+=", it would be 3.0

# %%
draw(y, show_local_grads=True)

# %% [markdown]
# The same happens in a network: an input feeds every neuron of the first
# layer, so its gradient is the sum of what each neuron sends back.
#
# A second consequence of `+=`: leaves keep adding up across backward calls
# (as in PyTorch). Training loops therefore set the gradients back to zero
# before each backward pass.

# %%
y.backward()
print(f"after a second backward: x.grad = {x.grad}")
assert x.grad == 12.0
y.zero_grad()
y.backward()
print(f"after zero_grad and backward: x.grad = {x.grad}")
assert x.grad == 6.0

# %% [markdown]
# ## What to remember
#
# * Backward visits the graph from the output to the inputs; each step is
#   `parent.grad += local * node.grad`.
# * A value used several times receives one contribution per use: the `+=`.
# * A saturated sigmoid (a near 0 or 1) passes almost no gradient back.
