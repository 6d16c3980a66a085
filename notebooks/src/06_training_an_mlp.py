# %% [markdown]
# # 6. Training an MLP
#
# The training loop of every lecture, forward → loss → backward → step, is
# `nn.fit`. This lesson uses it on three classic toy data sets and varies one
# thing at a time: the activation, the batch size, the learning rate, and the
# tools against over-fitting (early stopping, L2, dropout). Every picture is a
# loss curve or a decision boundary.
#
# The networks and data are small so that the whole notebook runs in seconds
# on the pure-Python engine; the effects are the same at scale.

# %%
import matplotlib.pyplot as plt
from IPython.display import display

import nn


def plot_curves(histories, title, xlabel="epoch", log=False):
    """Training loss per epoch for each named History, on one set of axes."""
    figure, axes = plt.subplots(figsize=(6.5, 4))
    for name, history in histories.items():
        axes.plot(range(1, history.epochs + 1), history.loss, label=name)
    axes.set_xlabel(xlabel)
    axes.set_ylabel("training loss")
    if log:
        axes.set_yscale("log")
    axes.set_title(title)
    axes.legend()
    axes.grid(alpha=0.3)
    plt.show()


# %% [markdown]
# ## Three data sets
#
# Two interleaving half moons, a ring around a disc, and three spiral arms. None
# can be separated by a straight line.

# %%
moons = nn.datasets.moons(80, noise=0.1, seed=0)
circles = nn.datasets.circles(80, noise=0.05, seed=0)
spiral = nn.datasets.spiral(60, classes=3, noise=0.1, seed=0)

figure, axes = plt.subplots(1, 3, figsize=(13, 4))
for ax, (name, (X, y)) in zip(axes, [("moons", moons), ("circles", circles),
                                      ("spiral", spiral)]):
    for label in sorted(set(y)):
        points = [row for row, c in zip(X, y) if c == label]
        ax.scatter([p[0] for p in points], [p[1] for p in points], s=15,
                   color=nn.plot.CLASS_COLORS[label], label=f"class {label}")
    ax.set_title(name)
    ax.set_aspect("equal")
    ax.legend(fontsize="small")
plt.show()

# %% [markdown]
# Circles: one hidden layer of 8 tanh units, a single output score, and the
# binary cross-entropy computed from the score (`..._with_logits`, which never
# takes log 0). Adam adapts the step size per parameter.

# %%
X, y = circles
circle_model = nn.MLP(2, [8, 1], activation="tanh", seed=0)
history = nn.fit(circle_model, X, y, loss="binary_cross_entropy_with_logits",
                 optimizer=nn.optim.Adam(circle_model, lr=0.05), epochs=100, progress=False,
                 live=25)  # in Jupyter: the picture below is redrawn every 25 epochs
print(circle_model, history)

# %% [markdown]
# The output is a score, positive for class 1, so the class changes where it
# crosses 0. The history keeps that threshold; give it to `accuracy` and
# `decision_boundary` (without it they would take 0.5, the midpoint of 0/1 labels).

# %%
assert history.threshold == 0.0
assert nn.accuracy(circle_model, X, y, threshold=history.threshold) == 1.0
nn.plot.decision_boundary(circle_model, X, y, threshold=history.threshold,
                          title="circles: 8 tanh units")

# %% [markdown]
# Spiral: three classes, so three outputs (one score per class) and the softmax
# cross-entropy; the predicted class is the largest score.

# %%
X, y = spiral
spiral_model = nn.MLP(2, [10, 10, 3], activation="tanh", seed=0)
history = nn.fit(spiral_model, X, y, loss="cross_entropy",
                 optimizer=nn.optim.Adam(spiral_model, lr=0.05), epochs=80, progress=False)
print(spiral_model, history)
assert nn.accuracy(spiral_model, X, y) > 0.9
nn.plot.decision_boundary(spiral_model, X, y, title="spiral: two layers of 10 tanh units")

# %% [markdown]
# ## Activations compared
#
# The same network on the moons (two hidden layers of 8, the same seed, so the
# same starting weights up to the activation) with tanh, ReLU and sigmoid.
# Sigmoid units learn slowest: their slope is at most 1/4 and their output is
# never centred on 0.

# %%
X, y = moons
activation_runs, activation_models = {}, {}
for activation in ("tanh", "relu", "sigmoid"):
    model = nn.MLP(2, [8, 8, 1], activation=activation, seed=0)
    activation_runs[activation] = nn.fit(
        model, X, y, loss="binary_cross_entropy_with_logits",
        optimizer=nn.optim.Adam(model, lr=0.05), epochs=40, progress=False)
    activation_models[activation] = model
    print(f"{activation:>8}: final loss {activation_runs[activation].loss[-1]:.4f}, "
          f"accuracy {nn.accuracy(model, X, y, threshold=0.0):.2f}")  # the score's sign
plot_curves(activation_runs, "moons: the activation of the hidden layers", log=True)
assert activation_runs["sigmoid"].loss[-1] > activation_runs["relu"].loss[-1]

# %%
nn.plot.decision_boundary(activation_models["relu"], X, y, threshold=0.0,
                          title="moons: relu network")

# %% [markdown]
# ## One sample, a few, or all of them per step
#
# * **stochastic** gradient descent (`batch_size=1`): one update per sample,
#   noisy but many;
# * **mini-batch** (`batch_size=10`): the gradient averaged over 10 samples;
# * **full batch** (`batch_size=None`): one update per epoch, the exact gradient
#   of the training loss.
#
# Each epoch costs about the same computation (every sample goes forward and
# backward once), but the number of updates per epoch differs: 80, 8 and 1.
# With the same learning rate, more updates per epoch means faster progress per
# epoch; the price is noise (and, on real hardware, less parallel work per step).

# %%
batch_runs = {}
for name, batch_size in (("SGD, batch 1", 1), ("mini-batch 10", 10), ("full batch", None)):
    model = nn.MLP(2, [8, 1], activation="tanh", seed=0)
    batch_runs[name] = nn.fit(model, X, y, loss="binary_cross_entropy_with_logits",
                              optimizer=nn.optim.SGD(model, lr=0.1), epochs=30,
                              batch_size=batch_size, progress=False)
plot_curves(batch_runs, "moons: SGD with lr 0.1, by batch size")
assert batch_runs["SGD, batch 1"].loss[-1] < batch_runs["full batch"].loss[-1]

# %% [markdown]
# ## The learning rate
#
# Full-batch SGD with three learning rates: too small crawls, a good one
# descends steadily, too large overshoots and the loss jumps around.

# %%
rate_runs = {}
for lr in (0.01, 0.5, 20.0):
    model = nn.MLP(2, [8, 1], activation="tanh", seed=0)
    rate_runs[f"lr {lr:g}"] = nn.fit(model, X, y, loss="binary_cross_entropy_with_logits",
                                     optimizer=nn.optim.SGD(model, lr=lr), epochs=60,
                                     progress=False)
plot_curves(rate_runs, "moons: full-batch SGD, by learning rate", log=True)
small, good, large = (rate_runs[name].loss for name in ("lr 0.01", "lr 0.5", "lr 20"))
assert good[-1] < small[-1]  # the small rate is still far from done
assert max(large) > large[0]  # the large rate goes uphill at times

# %% [markdown]
# ## Over-fitting, and early stopping
#
# Now noisy moons with only 40 training points, held against 40 validation
# points the network never trains on, and a network much larger than the
# problem needs. The training loss keeps going down; the validation loss goes
# down, then **up**: the network is learning the noise of its 40 points.

# %%
noisy_X, noisy_y = nn.datasets.moons(80, noise=0.35, seed=3)
X_train, y_train, X_val, y_val = nn.datasets.train_validation_split(
    noisy_X, noisy_y, validation=0.5, seed=0)


def big_network(dropout=0.0):
    return nn.MLP(2, [10, 10, 1], activation="relu", seed=0, dropout=dropout)


def train_big(model, **options):
    return nn.fit(model, X_train, y_train, loss="binary_cross_entropy_with_logits",
                  optimizer=nn.optim.Adam(model, lr=0.03), epochs=80,
                  validation=(X_val, y_val), progress=False, **options)


overfit = big_network()
overfit_history = train_big(overfit)
best_epoch = overfit_history.val_loss.index(min(overfit_history.val_loss)) + 1
print(f"validation loss: best {min(overfit_history.val_loss):.3f} at epoch {best_epoch}, "
      f"{overfit_history.val_loss[-1]:.3f} at the end")
assert overfit_history.val_loss[-1] > 1.5 * min(overfit_history.val_loss)
nn.plot.history(overfit_history, title="no regularization: validation loss turns up")

# %% [markdown]
# `early_stopping=10` stops once the validation loss has not improved for 10
# epochs, and puts back the weights of the best epoch.

# %%
stopped = big_network()
stopped_history = train_big(stopped, early_stopping=10)
print(f"stopped after {stopped_history.epochs} epochs; kept the weights of epoch "
      f"{stopped_history.best_epoch + 1}")
assert stopped_history.stopped_early and stopped_history.epochs < 80
nn.plot.history(stopped_history, title="early stopping")

# %% [markdown]
# ## L2 and dropout
#
# Two other ways to keep a large network from fitting noise:
#
# * **L2** (`l2=...` in `fit`) adds α · Σ w² to the loss, so every step also
#   pulls each weight towards 0: large weights, and the sharp boundaries they
#   make, have to pay for themselves.
# * **dropout** (`dropout=...` in `MLP`) zeroes each hidden unit with
#   probability p at every training step (and scales the others by 1/(1 - p)),
#   so no unit can rely on a particular other one. It is off at evaluation.

# %%
regularized = {"no regularization": (overfit, overfit_history)}
model = big_network()
regularized["L2, α = 0.003"] = (model, train_big(model, l2=0.003))
model = big_network(dropout=0.3)
regularized["dropout 0.3"] = (model, train_big(model))

for name, (model, history) in regularized.items():
    print(f"{name:>18}: training loss {history.loss[-1]:.3f}, "
          f"validation loss {history.val_loss[-1]:.3f}, "
          f"validation accuracy {history.val_accuracy[-1]:.2f}")
final_val = {name: history.val_loss[-1] for name, (_, history) in regularized.items()}
assert final_val["L2, α = 0.003"] < final_val["no regularization"]
assert final_val["dropout 0.3"] < final_val["no regularization"]
print(f"one validation point is {1 / len(y_val):.3f} of the validation accuracy")

# %% [markdown]
# Both cut the validation loss by 40 to 50 %, yet the validation accuracy
# hardly moves, and with dropout it is even a little lower than without
# regularization. Two reasons. The validation set is small: each point is
# worth 0.025 of accuracy, so these accuracies differ by one or two points.
# And the loss sees what accuracy cannot: the network without regularization
# is *very sure* of its wrong answers (a large cross-entropy for each), while
# the regularized ones are wrong about as often but less confidently. That is
# why we watch the validation loss to stop early: accuracy is a coarse count,
# the loss says how wrong.

# %%
figure, axes = plt.subplots(figsize=(6.5, 4))
for name, (_, history) in regularized.items():
    axes.plot(range(1, history.epochs + 1), history.val_loss, label=name)
axes.set_xlabel("epoch")
axes.set_ylabel("validation loss")
axes.set_title("noisy moons: validation loss")
axes.legend()
axes.grid(alpha=0.3)
plt.show()

# %% [markdown]
# The decision boundaries on the training points: without regularization the
# boundary bends around individual noisy points; L2 and dropout keep it smoother.

# %%
for name, (model, history) in regularized.items():
    display(nn.plot.decision_boundary(model, X_train, y_train, threshold=history.threshold,
                                      title=name, resolution=60))

# %% [markdown]
# ## What to remember
#
# * `nn.fit` is the loop forward → loss → backward → step, per batch.
# * Batch size trades the number of updates against their noise.
# * Too small a learning rate crawls, too large a one jumps around.
# * Watch a validation set: when its loss turns up, stop early or regularize.
