# %% [markdown]
# # 5. Initialization and symmetry
#
# Training starts from the initial weights, and where it starts decides a lot:
#
# 1. zero or constant weights make every hidden unit of a layer identical, and
#    they stay identical forever: the **symmetry** problem;
# 2. random weights break the symmetry;
# 3. large weights **saturate** the sigmoid, whose gradient then nearly vanishes;
# 4. in a deep sigmoid network the gradient shrinks layer by layer on its way
#    back (**vanishing gradients**), much less so with ReLU.
#
# `nn.MLP` takes an `init` argument: "uniform", "normal", "xavier", "he",
# "zeros" or a number (every weight and bias that number).

# %%
import statistics

import matplotlib.pyplot as plt

import nn

X, y = nn.datasets.moons(60, noise=0.1, seed=0)


def hidden_units(model):
    """Each first-layer neuron's weights and bias, as a row of floats."""
    return [[w.data for w in neuron.weights] + [neuron.bias.data]
            for neuron in model.layers[0].neurons]


def train(model, epochs=150):
    optimizer = nn.optim.Adam(model, lr=0.05)
    return nn.fit(model, X, y, loss="binary_cross_entropy", optimizer=optimizer,
                  epochs=epochs, progress=False)


# %% [markdown]
# ## Zero initialization: nothing moves
#
# With tanh hidden units and every weight 0, each hidden unit outputs tanh(0) = 0.
# An output weight's gradient is the error times its hidden unit's output: 0.
# A hidden weight's gradient passes back through the output weights: 0 again.
# Only the output bias can move, and on balanced classes it has nowhere to go.
# The hidden layer never changes.

# %%
zeros = nn.MLP(2, [6, 1], activation="tanh", output_activation="sigmoid", init="zeros")
zeros_history = train(zeros)
print("hidden rows after training:", hidden_units(zeros)[:2], "...")
print(f"loss {zeros_history.loss[-1]:.4f}, accuracy {zeros_history.accuracy[-1]:.2f}")
assert all(value == 0.0 for row in hidden_units(zeros) for value in row)

# %% [markdown]
# ## Constant initialization: identical units stay identical
#
# With every weight 0.5 the hidden units are not stuck, but they all see the
# same inputs through the same weights, so they compute the same number and
# receive the same gradient. After training they are still copies of each
# other (to the last bit): six hidden units doing the work of one.

# %%
constant = nn.MLP(2, [6, 1], activation="tanh", output_activation="sigmoid", init=0.5)
constant_history = train(constant)
rows = hidden_units(constant)
for row in rows[:3]:
    print([round(value, 6) for value in row])
print("...")
assert all(row == rows[0] for row in rows)

# %% [markdown]
# ## Random initialization breaks the symmetry
#
# "xavier" draws each weight at random (uniformly, scaled by the layer's size).
# The units start different, receive different gradients and learn different
# features.

# %%
random_init = nn.MLP(2, [6, 1], activation="tanh", output_activation="sigmoid",
                     init="xavier", seed=0)
random_history = train(random_init)
rows = hidden_units(random_init)
for row in rows[:3]:
    print([round(value, 6) for value in row])
print("...")
assert len({tuple(row) for row in rows}) == len(rows)

for name, history in (("zeros", zeros_history), ("constant 0.5", constant_history),
                      ("xavier", random_history)):
    print(f"{name:>12}: final loss {history.loss[-1]:.4f}, accuracy {history.accuracy[-1]:.2f}")
assert random_history.loss[-1] < constant_history.loss[-1] < zeros_history.loss[-1]

# %% [markdown]
# The copies show in the decision boundary: with identical units the network
# is one tanh unit in disguise, and draws a single line-like boundary.

# %%
nn.plot.decision_boundary(constant, X, y, title="constant init: 6 identical units")

# %%
nn.plot.decision_boundary(random_init, X, y, title="random init: 6 different units")

# %% [markdown]
# ## Large initial weights saturate the sigmoid
#
# Scale the first layer's random weights up and its pre-activations z get
# large, so σ(z) sits near 0 or 1, where its slope σ(z)(1 - σ(z)) is almost
# zero. Every gradient reaching those weights is multiplied by that slope.
# Here are the hidden activations on the moons data at the start, for three
# scales of the same random weights.

# %%
def sigmoid_network(hidden, scale, seed):
    """A sigmoid network whose first layer starts `scale` times larger than xavier's."""
    model = nn.MLP(2, [hidden, 1], activation="sigmoid", output_activation="sigmoid",
                   init="xavier", seed=seed)
    for neuron in model.layers[0].neurons:
        for parameter in neuron.weights + [neuron.bias]:
            parameter.data *= scale
    return model


scales = [1, 10, 30]
figure, axes = plt.subplots(1, 3, figsize=(13, 3.2))
mean_slopes = []
for ax, scale in zip(axes, scales):
    model = sigmoid_network(6, scale, seed=0)
    hidden = [a for row in X for a in model.layers[0].predict(row)]
    mean_slopes.append(statistics.mean(a * (1 - a) for a in hidden))
    ax.hist(hidden, bins=20, range=(0, 1))
    ax.set_title(f"scale {scale}: mean σ'(z) = {mean_slopes[-1]:.3f}")
    ax.set_xlabel("hidden activation σ(z) at the start")
figure.tight_layout()
plt.show()
assert mean_slopes[0] > mean_slopes[1] > mean_slopes[2]

# %% [markdown]
# What saturation does to learning: XOR with three hidden sigmoid units,
# trained from six random starts at each scale. At scale 1 every start learns
# XOR. At larger scales the first layer hardly moves (its units are stuck at 0
# or 1 for most inputs), so the network keeps the features it started with,
# and most starts never learn XOR.

# %%
xor_X, xor_y = nn.datasets.xor()
figure, axes = plt.subplots(1, 3, figsize=(13, 3.2), sharey=True)
solved, moved = {}, {}
for ax, scale in zip(axes, scales):
    solved[scale], moved[scale] = 0, []
    for seed in range(6):
        model = sigmoid_network(3, scale, seed)
        start = [w.data for neuron in model.layers[0].neurons for w in neuron.weights]
        history = nn.fit(model, xor_X, xor_y, loss="binary_cross_entropy",
                         optimizer=nn.optim.SGD(model, lr=2.0), epochs=400, progress=False)
        end = [w.data for neuron in model.layers[0].neurons for w in neuron.weights]
        change = sum((a - b) ** 2 for a, b in zip(start, end)) ** 0.5
        moved[scale].append(change / sum(a * a for a in start) ** 0.5)
        solved[scale] += nn.accuracy(model, xor_X, xor_y) == 1.0
        ax.plot(history.loss)
    ax.set_title(f"scale {scale}: {solved[scale]} of 6 starts learn XOR")
    ax.set_xlabel("epoch")
axes[0].set_ylabel("training loss")
figure.tight_layout()
plt.show()

for scale in scales:
    print(f"scale {scale:>2}: the first layer's weights moved by "
          f"{statistics.mean(moved[scale]):6.1%} of their size on average")
assert solved[1] == 6 and solved[30] < 6
assert statistics.mean(moved[30]) < statistics.mean(moved[1]) / 10

# %% [markdown]
# ## Vanishing gradients in a deep sigmoid network
#
# Backward multiplies one local derivative per layer. The sigmoid's is at most
# 1/4, so through 8 sigmoid layers the gradient can shrink by 4⁸ ≈ 65 000,
# while ReLU's derivative is 1 wherever the unit is active. We build two
# networks with eight hidden layers of 16 units (sigmoid with "xavier" init,
# ReLU with "he" init, the usual pairings), run backward once on a batch, and
# measure the mean |gradient| of each layer's weights.

# %%
batch_X, batch_y = nn.datasets.moons(32, noise=0.1, seed=1)


def gradient_per_layer(activation, init):
    model = nn.MLP(2, [16] * 8 + [1], activation=activation, init=init, seed=0)
    nn.losses.mse([model(row) for row in batch_X], batch_y).backward()
    return [statistics.mean(abs(w.grad) for neuron in layer.neurons for w in neuron.weights)
            for layer in model.layers]


deep_sigmoid = gradient_per_layer("sigmoid", "xavier")
deep_relu = gradient_per_layer("relu", "he")
layers = list(range(1, len(deep_sigmoid) + 1))

figure, axes = plt.subplots(figsize=(6.5, 4))
axes.semilogy(layers, deep_sigmoid, "o-", label="sigmoid (xavier init)")
axes.semilogy(layers, deep_relu, "s-", label="relu (he init)")
axes.set_xlabel("layer (1 = next to the input, 9 = output)")
axes.set_ylabel("mean |dL/dw|")
axes.set_title("Gradient size per layer after one backward pass")
axes.legend()
axes.grid(alpha=0.3)
plt.show()

print(f"sigmoid: first layer / last layer = {deep_sigmoid[0] / deep_sigmoid[-1]:.1e}")
print(f"relu:    first layer / last layer = {deep_relu[0] / deep_relu[-1]:.1e}")
assert deep_sigmoid[0] / deep_sigmoid[-1] < 1e-3
assert deep_relu[0] / deep_relu[-1] > 1e-2

# %% [markdown]
# ## What to remember
#
# * Never start a layer with equal weights: its units stay copies of each other.
# * Random, *small* weights: too large saturates sigmoid and tanh units. Xavier
#   and He scale the random weights by the layer's size for that reason.
# * Gradients shrink through saturating activations layer after layer; ReLU
#   keeps them alive in deep networks.
