# %% [markdown]
# # 9. From scalars to tensors
#
# Everything so far was built from scalars: one `Value` per number, one node
# per multiplication. That makes every step visible, and it is exactly how the
# mathematics works. Real networks are trained on **tensors** (arrays) instead:
# the same chain rule, applied to whole matrices at once.
#
# This lesson writes one small MLP three ways and checks that their gradients
# agree:
#
# 1. with `Value`s (`nn.MLP`),
# 2. vectorized with numpy, forward and backward written as matrix formulas,
# 3. with PyTorch's autograd, when PyTorch is installed.
#
# The network: 2 inputs → 4 tanh units → 1 linear output, mean squared error
# over a batch of 16 samples.

# %%
import importlib.util
import time

import graphviz
import matplotlib.pyplot as plt
import numpy as np

import nn
from autograd import topological_order
from autograd.draw import draw

X, y = nn.datasets.moons(16, noise=0.1, seed=0)
model = nn.MLP(2, [4, 1], activation="tanh", seed=0)
print(model)

# %% [markdown]
# ## 1. With Values
#
# The graph of the loss for one sample already has dozens of nodes; `draw`
# groups them by neuron and layer when given the model.

# %%
one_sample = nn.losses.mse(model(X[0]), y[0])
one_sample.backward()
draw(one_sample, model=model, legend=False)

# %%
model.zero_grad()
loss = nn.losses.mse([model(row) for row in X], y)
loss.backward()
hidden, output = model.layers
value_grads = {
    "W1": np.array([[w.grad for w in neuron.weights] for neuron in hidden.neurons]),
    "b1": np.array([neuron.bias.grad for neuron in hidden.neurons]),
    "W2": np.array([[w.grad for w in neuron.weights] for neuron in output.neurons]),
    "b2": np.array([neuron.bias.grad for neuron in output.neurons]),
}
print(f"loss {loss.data:.6f}, from a graph of {len(topological_order(loss))} nodes")

# %% [markdown]
# ## 2. Vectorized with numpy
#
# Stack the batch into a matrix X (16 × 2) and each layer's weights into a
# matrix W (units × inputs). One layer is then one matrix product for all
# samples and all units at once:
#
# Z1 = X W1ᵀ + b1, A1 = tanh(Z1), Z2 = A1 W2ᵀ + b2, L = mean((Z2 - y)²)
#
# Backward goes through the same steps in reverse, each with its matrix rule.
# For Y = A Wᵀ the rules are dL/dW = (dL/dY)ᵀ A and dL/dA = (dL/dY) W: the
# scalar rule "d(a·w)/dw = a", summed over the samples by the matrix product.

# %%
weights = {
    "W1": np.array([[w.data for w in neuron.weights] for neuron in hidden.neurons]),
    "b1": np.array([neuron.bias.data for neuron in hidden.neurons]),
    "W2": np.array([[w.data for w in neuron.weights] for neuron in output.neurons]),
    "b2": np.array([neuron.bias.data for neuron in output.neurons]),
}


def numpy_loss_and_grads(W1, b1, W2, b2, X, y):
    """Forward and backward of the MLP on a whole batch, as matrix formulas."""
    X, y = np.asarray(X), np.asarray(y, dtype=float)[:, None]
    Z1 = X @ W1.T + b1          # (N, 4)
    A1 = np.tanh(Z1)
    Z2 = A1 @ W2.T + b2         # (N, 1), the outputs
    loss = np.mean((Z2 - y) ** 2)

    dZ2 = 2 * (Z2 - y) / len(X)  # dL/dZ2, one row per sample
    dW2 = dZ2.T @ A1             # summed over the batch by the product
    db2 = dZ2.sum(axis=0)
    dA1 = dZ2 @ W2
    dZ1 = dA1 * (1 - A1 ** 2)    # tanh' = 1 - tanh², element by element
    dW1 = dZ1.T @ X
    db1 = dZ1.sum(axis=0)
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


numpy_loss, numpy_grads = numpy_loss_and_grads(**weights, X=X, y=y)
print(f"loss: Values {loss.data:.15f}, numpy {numpy_loss:.15f}")
for name in value_grads:
    difference = np.max(np.abs(value_grads[name] - numpy_grads[name]))
    print(f"d loss / d {name}: largest difference {difference:.1e}")
    assert difference < 1e-12
assert abs(loss.data - numpy_loss) < 1e-12

# %% [markdown]
# ## 3. With PyTorch
#
# PyTorch records tensor operations in a graph, like our `Value`s, but each node
# is a whole matrix operation. `loss.backward()` runs the matrix rules above.

# %%
if importlib.util.find_spec("torch") is None:
    print("PyTorch is not installed: skipping this comparison "
          "(pip install 'chainrule[torch]' to run it).")
else:
    import torch

    params = {name: torch.tensor(array, dtype=torch.float64, requires_grad=True)
              for name, array in weights.items()}
    inputs = torch.tensor(X, dtype=torch.float64)
    targets = torch.tensor(y, dtype=torch.float64)[:, None]
    outputs = torch.tanh(inputs @ params["W1"].T + params["b1"]) @ params["W2"].T + params["b2"]
    torch_loss = torch.mean((outputs - targets) ** 2)
    torch_loss.backward()
    print(f"loss: PyTorch {torch_loss.item():.15f}")
    for name, parameter in params.items():
        difference = np.max(np.abs(parameter.grad.numpy() - value_grads[name]))
        print(f"d loss / d {name}: largest difference from Values {difference:.1e}")
        assert difference < 1e-12

# %% [markdown]
# ## Why tensors
#
# The tensor version's graph has one node per *matrix* operation: the same
# handful of nodes for a batch of 16 samples or of a million. The scalar graph
# has one node per multiplication and addition, and grows with the batch and
# with every layer's width. Here is the numpy program as a graph:

# %%
tensor_graph = graphviz.Digraph(graph_attr={"rankdir": "LR"},
                                node_attr={"shape": "box", "fontname": "Helvetica"})
steps = ["X (N×2)", "X W1ᵀ + b1", "tanh", "A1 W2ᵀ + b2", "mean (· - y)²", "L"]
for first, second in zip(steps, steps[1:]):
    tensor_graph.edge(first, second)
tensor_graph

# %%
batch_sizes = [2, 4, 16, 64, 256]
big_X, big_y = nn.datasets.moons(256, noise=0.1, seed=1)
node_counts = []
for size in batch_sizes:
    batch_loss = nn.losses.mse([model(row) for row in big_X[:size]], big_y[:size])
    node_counts.append(len(topological_order(batch_loss)))

figure, axes = plt.subplots(figsize=(6, 3.8))
axes.loglog(batch_sizes, node_counts, "o-", label="Values: one node per scalar operation")
axes.loglog(batch_sizes, [len(steps)] * len(batch_sizes), "s-",
            label="tensors: one node per matrix operation")
axes.set_xlabel("batch size")
axes.set_ylabel("nodes in the graph")
axes.set_title("The 2 → 4 → 1 network's graph")
axes.legend(fontsize="small")
axes.grid(alpha=0.3)
plt.show()
for size, count in zip(batch_sizes, node_counts):
    print(f"batch {size:>3}: {count:>6} Value nodes")
# Every extra sample adds the same number of nodes: the graph grows linearly.
per_sample = [(later - earlier) / (big - small) for small, big, earlier, later
              in zip(batch_sizes, batch_sizes[1:], node_counts, node_counts[1:])]
print(f"nodes added per sample: {per_sample}")
assert len(set(per_sample)) == 1

# %% [markdown]
# Each scalar node costs a Python object and a few interpreter steps; a matrix
# operation runs compiled loops over contiguous memory (and, on a GPU,
# thousands of them in parallel). One forward and backward pass on 256
# samples, timed (your numbers will differ, the ratio will not be small):

# %%
start = time.perf_counter()
model.zero_grad()
nn.losses.mse([model(row) for row in big_X], big_y).backward()
scalar_seconds = time.perf_counter() - start

start = time.perf_counter()
for _ in range(100):
    numpy_loss_and_grads(**weights, X=big_X, y=big_y)
numpy_seconds = (time.perf_counter() - start) / 100

print(f"Values: {scalar_seconds * 1000:.1f} ms, numpy: {numpy_seconds * 1000:.3f} ms "
      f"(about {scalar_seconds / numpy_seconds:.0f} times faster)")
assert numpy_seconds < scalar_seconds

# %% [markdown]
# ## What to remember
#
# * A tensor operation is many scalar operations with one shared derivative
#   rule in matrix form; the gradients are the same numbers.
# * Scalars show every step of backprop; tensors make it fast enough to train
#   real networks. Learn with the first, train with the second.
