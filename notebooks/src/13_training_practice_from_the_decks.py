# %% [markdown]
# # 13. Training practice from the decks
#
# The smaller practical points of the decks, each run and measured:
#
# 1. CS231n's **SVM loss with L2 regularization** on a two-layer network, with the
#    regularization on the weights only (`nn.losses.l2(model, λ, biases=False)`);
# 2. Serra's **"Will I pass this class?"** with her two features, lectures attended and
#    hours in the laboratory;
# 3. Galletti's **"First: Normalize your data"**: the same training before and after;
# 4. Virtue's **local optima**: the same data, different seeds, different final losses.

# %%
import random

import matplotlib.pyplot as plt

import nn
from autograd import Value

# %% [markdown]
# ## 1. SVM loss + L2 on a two-layer network
#
# CS231n, "Problem: How to compute gradients?": s = W2 max(0, W1 x), the SVM loss
# L_i = Σ_{j≠y_i} max(0, s_j - s_{y_i} + 1), R(W) = Σ_k W_k², and
# L = (1/N) Σ L_i + λ R(W1) + λ R(W2). The regularization adds 2 λ W to every
# weight's gradient and nothing to the biases (R is over the weights only; "in practice
# we will usually add a learnable bias", not regularized).

# %%
X, y = nn.datasets.blobs(30, classes=3, seed=0)
model = nn.MLP(2, [6, 3], activation="relu", seed=0)
lam = 0.05


def total_loss(regularize):
    data = nn.losses.multiclass_hinge([model(row) for row in X], y)
    return data + nn.losses.l2(model, lam, biases=False) if regularize else data


grads = {}
for regularize in (False, True):
    model.zero_grad()
    loss = total_loss(regularize)
    loss.backward()
    grads[regularize] = {name: p.grad for name, p in model.named_parameters()}
    print(f"loss {'with' if regularize else 'without'} L2: {loss.data:.5f}")

for name, p in model.named_parameters():
    extra = grads[True][name] - grads[False][name]
    expected = 0.0 if name.endswith("bias") else 2 * lam * p.data
    assert abs(extra - expected) < 1e-12, name
print("L2 adds 2 lambda W to each of the", sum(not n.endswith("bias") for n, _ in model.named_parameters()),
      "weights and nothing to the", sum(n.endswith("bias") for n, _ in model.named_parameters()), "biases")

# %% [markdown]
# A few steps of gradient descent on that loss (the CS231n "Vanilla Gradient Descent"
# loop, `weights += - step_size * weights_grad`):

# %%
losses = []
for _ in range(40):
    model.zero_grad()
    loss = total_loss(True)
    loss.backward()
    losses.append(loss.data)
    for p in model.parameters():
        p.data -= 0.1 * p.grad
accuracy = nn.accuracy(model, X, y)
print(f"loss {losses[0]:.3f} -> {losses[-1]:.3f}, accuracy {accuracy:.2f}")
assert losses[-1] < losses[0] / 2 and accuracy > 0.9

# %% [markdown]
# ## 2. Will I pass this class?
#
# Serra, "Example Problem: Will I Pass this Class?": *x1 = Number of lectures you attend,
# x2 = Hours spent on the laboratories activities*. The slides' points are a picture;
# we make 60 students (20 lectures, up to 12 lab hours) who pass when
# 0.3 lectures + 0.5 lab hours plus some noise exceeds 6.5, and fit logistic regression
# (one sigmoid neuron, the loss on its score).

# %%
def will_i_pass(n, seed):
    rng = random.Random(seed)
    rows, labels = [], []
    for _ in range(n):
        lectures, lab = rng.randint(0, 20), round(rng.uniform(0.0, 12.0), 1)
        rows.append([float(lectures), lab])
        labels.append(int(0.3 * lectures + 0.5 * lab + rng.gauss(0.0, 1.0) > 6.5))
    return rows, labels


X_pass, y_pass = will_i_pass(60, seed=3)
X_scaled = nn.datasets.standardize(X_pass)
student = nn.Neuron(2, activation="linear", init="zeros")
history = nn.fit(student, X_scaled, y_pass, loss="binary_cross_entropy_with_logits",
                 optimizer=nn.optim.SGD(student, lr=0.1), epochs=100, progress=False)
print(history, "passed:", sum(y_pass), "of", len(y_pass))
assert history.accuracy[-1] > 0.8
w_lectures, w_lab = (w.data for w in student.weights)
print(f"weights on the standardized features: lectures {w_lectures:.3f}, lab {w_lab:.3f}")
assert w_lectures > 0 and w_lab > 0          # both help you pass
nn.plot.decision_boundary(student, X_scaled, y_pass, loss="binary_cross_entropy_with_logits",
                          title="Will I pass? (lectures, lab hours; standardized)")

# %% [markdown]
# ## 3. Normalize first
#
# Galletti, "Neural Networks": *First: Normalize your data*. The same model, learning
# rate and epochs on the raw features (lectures 0-20, hours 0-12) and on standardized
# ones (mean 0, deviation 1 per column). On the raw scale, a step that suits one
# direction overshoots in the other: the loss jumps around instead of going down.

# %%
curves = {}
for name, rows in (("raw", X_pass), ("standardized", X_scaled)):
    neuron = nn.Neuron(2, activation="linear", init="zeros")
    curves[name] = nn.fit(neuron, rows, y_pass, loss="binary_cross_entropy_with_logits",
                          optimizer=nn.optim.SGD(neuron, lr=0.1), epochs=100,
                          progress=False)
    print(f"{name:13} final loss {curves[name].loss[-1]:.3f}, accuracy {curves[name].accuracy[-1]:.2f}")
assert curves["standardized"].loss[-1] < 0.5 < curves["raw"].loss[-1]
assert curves["standardized"].accuracy[-1] > curves["raw"].accuracy[-1]

figure, axes = plt.subplots(figsize=(6, 3.5))
for name, curve in curves.items():
    axes.plot(curve.loss, label=name)
axes.set_xlabel("epoch")
axes.set_ylabel("loss")
axes.set_title("Same model and learning rate, before and after normalizing")
axes.legend()
plt.show()

# %% [markdown]
# ## 4. Gradient descent can get stuck
#
# Virtue, "Neural Networks Properties": *Gradient descent can easily get stuck local
# optima*. XOR with two tanh hidden units, trained the same way from two random starts
# (seeds 0 and 7): one finds a solution, the other settles where two of the four points
# sit at 0.5, and more epochs do not get it out.

# %%
X_xor, y_xor = nn.datasets.xor()
final = {}
for seed in (0, 7):
    net = nn.MLP(2, [2, 1], activation="tanh", output_activation="sigmoid", seed=seed)
    history = nn.fit(net, X_xor, y_xor, loss="binary_cross_entropy",
                     optimizer=nn.optim.SGD(net, lr=0.5), epochs=400, progress=False)
    final[seed] = (history.loss[-1], history.accuracy[-1], net)
    print(f"seed {seed}: loss {history.loss[-1]:.4f}, accuracy {history.accuracy[-1]:.2f}, "
          f"outputs {[round(o, 3) for o in net.predict_many(X_xor)]}")
assert final[0][0] < 0.05 and final[0][1] == 1.0
assert final[7][0] > 0.3 and final[7][1] < 1.0

stuck = final[7][2]
longer = nn.fit(stuck, X_xor, y_xor, loss="binary_cross_entropy",
                optimizer=nn.optim.SGD(stuck, lr=0.5), epochs=1000, progress=False)
print(f"seed 7 after 1,000 more epochs: loss {longer.loss[-1]:.4f}")
assert longer.loss[-1] > 0.3

# %% [markdown]
# ## What to remember
#
# * L2 regularization adds 2 λ W to each weight's gradient; leave the biases out with
#   `l2(model, λ, biases=False)`.
# * Normalize the inputs first: one learning rate then suits every direction.
# * The loss of a network is not convex: a different start can end somewhere worse.
