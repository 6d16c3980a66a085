# %% [markdown]
# # 8. Regression and universal approximation
#
# Networks do not only classify: with a linear output and the squared error
# they predict numbers. This lesson
#
# 1. builds the lecture's house-price network from `Value`s, with hand-chosen
#    connections: size and bedrooms feed a "family size" unit, the zip code a
#    "walkability" unit, zip code and wealth a "school quality" unit, and the
#    three feed the price; and trains it with the mean squared error;
# 2. fits the curve sin(x) with one hidden layer, growing it from 1 unit to 8:
#    the universal approximation theorem at work.

# %%
import math
import random
import statistics

import graphviz
import matplotlib.pyplot as plt

import nn
from autograd import Value
from autograd.draw import draw

# %% [markdown]
# ## The data
#
# We make up 120 houses with a known rule, so that we can check what the
# network learns. A zip code is a label, not a quantity; here each zip code is
# replaced by one number, how central its area is (0 = far out, 1 = the
# centre). All four inputs are standardized (mean 0, deviation 1), and so is
# the price, so that every number the network sees is of order 1.

# %%
rng = random.Random(0)
houses, prices = [], []
for _ in range(120):
    size = rng.uniform(50, 250)  # square metres
    bedrooms = rng.randint(1, 5)
    centrality = rng.uniform(0, 1)  # stands for the zip code
    wealth = rng.uniform(20, 120)  # median income of the area, thousands
    family = 0.01 * size + 0.5 * bedrooms
    walkability = 3 * centrality
    schools = 1.5 * centrality + 0.03 * wealth
    price = 100 + 40 * family + 30 * walkability + 50 * schools + rng.gauss(0, 10)
    houses.append([size, bedrooms, centrality, wealth])
    prices.append(price)

inputs = nn.datasets.standardize(houses)
mean_price = sum(prices) / len(prices)
spread = (sum((p - mean_price) ** 2 for p in prices) / len(prices)) ** 0.5
targets = [(p - mean_price) / spread for p in prices]
train_X, train_y = inputs[:90], targets[:90]
test_X, test_y = inputs[90:], targets[90:]
print(f"{len(train_X)} houses to train on, {len(test_X)} to test on; "
      f"price {mean_price:.0f} ± {spread:.0f} (thousands)")

# %% [markdown]
# ## The network, connection by connection
#
# Not a fully connected layer: each hidden unit sees only the inputs that
# should matter to it. Each hidden unit is a ReLU of its own weighted sum; the
# price is a linear combination of the three.

# %%
architecture = graphviz.Digraph(graph_attr={"rankdir": "LR"}, node_attr={"shape": "box"})
for source, target in [("size", "family size"), ("bedrooms", "family size"),
                       ("zip code", "walkability"), ("zip code", "school quality"),
                       ("wealth", "school quality"), ("family size", "price"),
                       ("walkability", "price"), ("school quality", "price")]:
    architecture.edge(source, target)
architecture

# %%
start = random.Random(1)


def parameter(name):
    # A small positive start keeps every ReLU active on about half the houses.
    return Value(start.uniform(0.1, 0.5), label=name)


names = ["family.size", "family.bedrooms", "family.bias", "walk.zip", "walk.bias",
         "school.zip", "school.wealth", "school.bias",
         "price.family", "price.walk", "price.school", "price.bias"]
p = {name: parameter(name) for name in names}


def as_values(house):
    """One house's four inputs as labelled leaf Values."""
    return [Value(x, label) for x, label in zip(house, ["size", "bedrooms", "zip_code", "wealth"])]


def predict(inputs):
    """The price (standardized) of one house from its four input Values, as a graph."""
    size, bedrooms, zip_code, wealth = inputs
    family = (p["family.size"] * size + p["family.bedrooms"] * bedrooms
              + p["family.bias"]).relu()
    walk = (p["walk.zip"] * zip_code + p["walk.bias"]).relu()
    school = (p["school.zip"] * zip_code + p["school.wealth"] * wealth
              + p["school.bias"]).relu()
    family.label, walk.label, school.label = "family_size", "walkability", "school_quality"
    price = (p["price.family"] * family + p["price.walk"] * walk + p["price.school"] * school
             + p["price.bias"])
    price.label = "price"
    return price


def predict_house(house):
    return predict(as_values(house))


one = predict_house(train_X[0])
print(f"untrained prediction for the first house: {one.data:.3f} (target {train_y[0]:.3f})")
draw(one, parameters=p.values(), legend=False)

# %% [markdown]
# ## Training with the mean squared error
#
# The loop by hand: predict every house, average the squared errors, zero the
# grads, backward, and let the optimizer move each parameter against its
# gradient. The optimizers of `nn.optim` take any list of parameter Values.

# %%
optimizer = nn.optim.Adam(list(p.values()), lr=0.05)
losses = []
for epoch in range(150):
    loss = nn.losses.mse([predict_house(house) for house in train_X], train_y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    losses.append(loss.data)


def mean_squared_error(X, y):
    return sum((predict_house(house).data - target) ** 2 for house, target in zip(X, y)) / len(y)


test_error = mean_squared_error(test_X, test_y)
print(f"training loss: {losses[0]:.3f} at the start, {losses[-1]:.4f} at the end")
print(f"test loss {test_error:.4f}: the network explains {1 - test_error:.0%} of the "
      f"variance of prices it never saw")
assert losses[-1] < losses[0] / 10
assert test_error < 0.1

# %%
figure, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
left.semilogy(losses)
left.set_xlabel("epoch")
left.set_ylabel("training MSE (standardized prices)")
left.set_title("training")
predicted = [predict_house(house).data * spread + mean_price for house in test_X]
actual = [target * spread + mean_price for target in test_y]
right.scatter(actual, predicted, s=15)
low, high = min(actual), max(actual)
right.plot([low, high], [low, high], color="gray", linestyle="--", label="perfect")
right.set_xlabel("actual price")
right.set_ylabel("predicted price")
right.set_title("houses the network never saw")
right.legend()
figure.tight_layout()
plt.show()

# %% [markdown]
# What did the network learn? The weights alone are hard to read: zip code
# reaches the price along two paths, and training may split its effect between
# them in any way. Backward answers a clearer question: how much does the
# predicted price move per unit of each **input**? That is the gradient of the
# prediction with respect to the input leaves. Averaged over the test houses,
# compare it with the rule that made the data (in the same standardized units).

# %%
columns = list(zip(*houses))
input_spreads = [(sum((x - sum(c) / len(c)) ** 2 for x in c) / len(c)) ** 0.5 for c in columns]
rule_slopes = [40 * 0.01, 40 * 0.5, 30 * 3 + 50 * 1.5, 50 * 0.03]  # d price / d input
true_effects = [slope * s / spread for slope, s in zip(rule_slopes, input_spreads)]

effects = [[], [], [], []]  # per input: d price / d input at each test house
for house in test_X:
    leaves = as_values(house)
    predict(leaves).backward()
    for column, leaf in zip(effects, leaves):
        column.append(leaf.grad)

for name, column, true in zip(["size", "bedrooms", "zip code", "wealth"], effects, true_effects):
    typical = statistics.median(column)
    flat = sum(g == 0.0 for g in column)
    print(f"{name:>9}: learned {typical:+.3f} (no effect at {flat:>2} of {len(column)} houses), "
          f"rule {true:+.3f}")
    assert abs(typical - true) < 0.1 * abs(true)

# %% [markdown]
# For a typical house (the median) the network has found the rule's effects.
# But for the small houses with few bedrooms (a third of the test set here),
# size and bedrooms have no effect at all: there the family-size unit's
# weighted sum is negative, its ReLU outputs 0 and passes no gradient. A ReLU network is piecewise linear, and this one put a
# kink where the data had none; a linear output for that unit, or more data on
# small houses, would remove it.

# %% [markdown]
# ## Universal approximation: fitting sin(x)
#
# One hidden layer with enough units can approximate any continuous function
# on an interval as closely as we like. Each tanh unit contributes one smooth
# step, w₂ tanh(w₁ x + b₁); the output adds the steps up. Watch the fit of
# sin x on [-π, π] improve as the layer grows.

# %%
xs = [-math.pi + 2 * math.pi * i / 39 for i in range(40)]
curve_X = [[x] for x in xs]
curve_y = [math.sin(x) for x in xs]

fits, final_loss = {}, {}
for units in (1, 2, 3, 4, 8):
    model = nn.MLP(1, [units, 1], activation="tanh", seed=0)
    history = nn.fit(model, curve_X, curve_y, loss="mse",
                     optimizer=nn.optim.Adam(model, lr=0.05), epochs=300, progress=False)
    fits[units] = model
    final_loss[units] = history.loss[-1]
    print(f"{units} hidden units: {model.num_parameters():>2} parameters, "
          f"final MSE {final_loss[units]:.2e}")
assert final_loss[1] > final_loss[2] > final_loss[3] > final_loss[4]
assert final_loss[4] < final_loss[1] / 100

# %%
grid = [-math.pi + 2 * math.pi * i / 199 for i in range(200)]
figure, axes = plt.subplots(1, len(fits), figsize=(16, 3.2), sharey=True)
for ax, (units, model) in zip(axes, fits.items()):
    ax.plot(grid, [math.sin(x) for x in grid], color="gray", linestyle="--", label="sin x")
    ax.plot(grid, model.predict_many([[x] for x in grid]), label="network")
    ax.scatter(xs, curve_y, s=6, color="black")
    ax.set_title(f"{units} hidden unit{'s' if units > 1 else ''}: MSE {final_loss[units]:.0e}")
axes[0].legend(loc="upper left")
figure.tight_layout()
plt.show()

# %% [markdown]
# ## What to remember
#
# * Regression = a linear output and the squared error; the same backward.
# * A network's connections are a design choice: here each hidden unit is a
#   feature with a meaning.
# * One hidden layer can fit any reasonable curve given enough units; how many
#   it needs, and whether training finds the weights, is another matter.
