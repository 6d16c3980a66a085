# %% [markdown]
# # 10. Activations: the linear collapse, kinks, and units that learn their shape
#
# What the five lecture decks say about activation functions, checked with the
# library:
#
# 1. without a nonlinearity, layers **collapse** into one linear model
#    (Galletti, Serra, Virtue, Sie and CS231n all say so);
# 2. what each deck takes as the derivative **at a kink** (relu'(0), step'(0)),
#    against the library's choice, and where the choice matters;
# 3. the perceptron's **step** and **sign** have derivative 0: backprop cannot train them;
# 4. activations with **parameters of their own**: PReLU (a learned slope) and Maxout;
#    and arctan and a leaky ReLU whose slope you choose.
#
# The decks are the text files in the project's seeds folder: Galletti (BU CS 506),
# Serra, Virtue (CMU), Sie (Seattle U) and a CS231n-style Lecture 4. Slides are
# quoted by their title.

# %%
import math

import matplotlib.pyplot as plt
from IPython.display import Markdown, display

import nn
from autograd import RULES, Value, apply
from nn.activations import get_activation

# %% [markdown]
# ## 1. No nonlinearity: two layers are one linear model
#
# CS231n ("Neural networks: without the brain stuff"): *"Q: What if we try to build a
# neural network without one? f = W2 W1 x ... A: We end up with a linear classifier
# again!"* Serra ("Why do you need non-linear functions?") writes it with biases:
# a2 = (W2 W1) x + (W2 b1 + b2) = W' x + b'. Galletti ("Neural Networks - Forward
# Propagation") and Virtue ("Neural Networks Properties") say the same.
#
# Here is a 2 -> 3 -> 1 network with linear activations, and the single linear model
# W' = W2 W1, b' = W2 b1 + b2 computed from its weights. They give the same outputs.

# %%
model = nn.MLP(2, [3, 1], activation="linear", seed=0)
hidden, output = model.layers
W1 = [[w.data for w in n.weights] for n in hidden.neurons]      # 3 x 2
b1 = [n.bias.data for n in hidden.neurons]                      # 3
W2 = [w.data for w in output.neurons[0].weights]                # 1 x 3
b2 = output.neurons[0].bias.data
W_collapsed = [sum(W2[j] * W1[j][i] for j in range(3)) for i in range(2)]  # W2 W1: 1 x 2
b_collapsed = sum(W2[j] * b1[j] for j in range(3)) + b2                    # W2 b1 + b2

for x in ([0.0, 0.0], [1.0, -2.0], [3.5, 0.25]):
    network = model.predict(x)
    single = W_collapsed[0] * x[0] + W_collapsed[1] * x[1] + b_collapsed
    print(f"x = {x}: network {network:+.12f}   W'x + b' {single:+.12f}")
    assert abs(network - single) < 1e-12

# %% [markdown]
# So the linear network can do no more than one linear model. On XOR (Serra's
# "A Complex Problem", which "Logistic Regression Algorithm is not able to solve")
# the best linear fit with the squared error is the constant 0.5: trained, the
# network's outputs all end near 0.5, its loss at 0.25 (the loss of always answering
# 0.5) and its accuracy at chance, 0.5. (A hidden layer with tanh learns XOR in lesson 3.)

# %%
X, y = nn.datasets.xor()
linear = nn.MLP(2, [3, 1], activation="linear", seed=0)
history = nn.fit(linear, X, y, loss="mse", epochs=300, progress=False)
outputs = linear.predict_many(X)
print(history, [round(o, 3) for o in outputs])
assert all(abs(o - 0.5) < 0.01 for o in outputs)
assert history.loss[-1] >= 0.25 - 1e-9          # no linear model does better than 0.25
assert nn.accuracy(linear, X, y, loss="mse") == 0.5

# %% [markdown]
# ## 2. Derivatives at a kink: what each deck says, what the library does
#
# relu, leaky relu, elu, step and sign have no derivative at 0. A backward pass
# still needs a number there, so every library picks one. The decks pick differently:

# %%
DECKS = [  # (activation, deck and slide, what the slide gives at 0)
    ("relu", "Serra, \"Derivatives of Activation Functions\" (c)", "undefined (\"no relevant in practical scenarios\")"),
    ("relu", "Virtue, \"Activation Functions\"", "1 (dg/dz = 1 for z >= 0)"),
    ("relu", "Sie, \"Activation Function\" table", "1 (f' = 1 for x >= 0)"),
    ("leaky_relu", "Serra, \"Derivatives of Activation Functions\" (d)", "undefined"),
    ("prelu", "Sie, \"Activation Function\" table", "1 (f' = 1 for x >= 0)"),
    ("elu", "Sie, \"Activation Function\" table", "1 (f' = 1 for x >= 0)"),
    ("step", "Virtue, \"Activation Functions\" (hard threshold)", "0 (dg/dz = 0 for z >= 0)"),
    ("step", "Sie, \"Activation Function\" table (binary step)", "1 (f' = 1 for x = 0)"),
]
at_zero = {  # the library's local derivative at exactly 0
    "relu": RULES["relu"].apply(0.0)[1][0],
    "leaky_relu": RULES["leaky_relu"].apply(0.0, 0.01)[1][0],
    "elu": RULES["elu"].apply(0.0, 1.0)[1][0],
    "prelu": RULES["prelu"].apply(0.0, 0.25)[1][0],
    "step": RULES["step"].apply(0.0)[1][0],
    "sign": RULES["sign"].apply(0.0)[1][0],
}
assert at_zero == {"relu": 0.0, "leaky_relu": 0.01, "elu": 1.0, "prelu": 0.25,
                   "step": 0.0, "sign": 0.0}
rows = ["| activation | deck, slide | the slide at 0 | library at 0 (as PyTorch) |",
        "|---|---|---|---|"]
for name, where, says in DECKS:
    rows.append(f"| {name} | {where} | {says} | {at_zero[name]:g} ({RULES[name].convention}) |")
display(Markdown("\n".join(rows)))

# %% [markdown]
# The library follows PyTorch: the derivative of the flat side (relu'(0) = 0, and
# alpha for leaky relu, elu and PReLU, whose alpha = 1 here for elu and 0.25 for PReLU).
#
# **Why it rarely matters**: a pre-activation computed from real data and random
# weights is almost never exactly 0.0. Of 20,000 random neuron inputs, none is:

# %%
import random

rng = random.Random(0)
exact_zeros = sum(1 for _ in range(20_000)
                  if sum(rng.gauss(0, 1) * rng.uniform(-1, 1) for _ in range(3)) == 0.0)
print("pre-activations exactly 0:", exact_zeros)
assert exact_zeros == 0

# %% [markdown]
# **Where it matters**: a unit sitting exactly at 0, as every unit does when the
# weights start at zero. A ReLU neuron with all weights 0 gets no gradient under the
# library's relu'(0) = 0, and a gradient under the decks' relu'(0) = 1 (Virtue, Sie).
# We can try the deck's convention with `apply` and a rule function of our own:

# %%
def relu_deck(z):
    """relu with Virtue's and Sie's derivative: 1 for z >= 0"""
    return max(z, 0.0), (1.0 if z >= 0 else 0.0,)


def weight_grads(activation):
    neuron = nn.Neuron.from_weights([0.0, 0.0], bias=0.0, activation="linear")
    z = neuron([1.5, -0.5])                      # exactly 0.0
    loss = (activation(z) - 1.0) ** 2
    loss.backward()
    return [p.grad for p in neuron.parameters()]


library = weight_grads(lambda z: z.relu())
deck = weight_grads(lambda z: apply(relu_deck, z, op="relu_deck"))
print("library, relu'(0) = 0:", library)
print("decks,   relu'(0) = 1:", deck)
assert library == [0.0, 0.0, 0.0]
assert deck == [-3.0, 1.0, -2.0]     # dL/dz = 2 (0 - 1) = -2, times x = (1.5, -0.5) and 1

# %% [markdown]
# ## 3. The perceptron's step and sign cannot be trained by backprop
#
# Virtue ("Perceptron") classifies with h(x) = sign(w^T x + b), sign(z) = 1 for z >= 0;
# "Activation Functions" then says *"It would be really helpful to have a g(z) that was
# nicely differentiable"*: the hard threshold's dg/dz is 0 on both sides. The engine has
# both as one node each (`z.step()`, `z.sign()`, or `autograd.step(z)`), and `nn` as
# activations ("step", "sign"). Every gradient through them is 0, so gradient descent
# never moves:

# %%
X_and, y_and = nn.datasets.and_gate()
perceptron = nn.Neuron.from_weights([0.3, -0.2], bias=0.1, activation="step")
before = [p.data for p in perceptron.parameters()]
out = perceptron(X_and[3])
loss = (out - y_and[3]) ** 2
loss.backward()
print("gradients through step:", [p.grad for p in perceptron.parameters()])
assert all(p.grad == 0.0 for p in perceptron.parameters())

nn.fit(perceptron, X_and, y_and, loss="mse", epochs=50, progress=False)
assert [p.data for p in perceptron.parameters()] == before   # nothing moved
print("accuracy of the step perceptron after 'training':", nn.accuracy(perceptron, X_and, y_and, threshold=0.5))

smooth = nn.Neuron.from_weights([0.3, -0.2], bias=0.1, activation="sigmoid")
nn.fit(smooth, X_and, y_and, loss="binary_cross_entropy",
       optimizer=nn.optim.SGD(smooth, lr=2.0), epochs=300, progress=False)
print("accuracy of the same neuron with a sigmoid:", nn.accuracy(smooth, X_and, y_and))
assert nn.accuracy(smooth, X_and, y_and) == 1.0

# %% [markdown]
# ## 4. Activations with parameters, and slopes you choose
#
# **PReLU** (Sie's table: αx for x < 0) learns α. `nn.PReLU()` holds the slope as a
# parameter Value (starting at 0.25, as PyTorch) and makes one node `autograd.prelu(x, a)`
# per input, with the slope as a parent, so backward gives it a gradient:
# d prelu(x, a)/da = x for x <= 0, 0 for x > 0. Data made with slope 0.3 teach it 0.3.

# %%
prelu = nn.PReLU()
neuron = nn.Neuron.from_weights([0.5], bias=0.0, activation="linear")  # z = w x + b
xs = [-2.0, -1.5, -1.0, -0.5, 0.5, 1.0, 1.5, 2.0]
targets = [x if x > 0 else 0.3 * x for x in xs]
parameters = neuron.parameters() + prelu.parameters()
for _ in range(1000):
    loss = nn.losses.mse([prelu([neuron([x])])[0] for x in xs], targets)
    for p in parameters:
        p.zero_grad()
    loss.backward()
    for p in parameters:
        p.data -= 0.2 * p.grad
print(f"learned w = {neuron.weights[0].data:.4f}, b = {neuron.bias.data:.4f}, "
      f"slope = {prelu.slope.data:.4f}, loss {loss.data:.2e}")
assert abs(prelu.slope.data - 0.3) < 1e-3

# %% [markdown]
# **Maxout** (CS231n, "Activation functions": max(w1^T x + b1, w2^T x + b2)) takes the
# largest of k linear pieces. With the pieces x and 0 it *is* ReLU, with x and 0.1 x it
# is CS231n's leaky ReLU max(0.1 x, x): it generalizes both. Its gradient goes to the
# winning piece only.

# %%
def set_pieces(maxout, pieces):
    for neuron, (weight, bias) in zip(maxout.pieces[0], pieces):
        neuron.weights[0].data, neuron.bias.data = weight, bias


maxout = nn.Maxout(1, 1, k=2, seed=0)
leaky01 = get_activation("leaky_relu(0.1)")
for x in (-2.0, -0.3, 0.7, 3.0):
    set_pieces(maxout, [(1.0, 0.0), (0.0, 0.0)])
    assert maxout.predict([x]) == [max(x, 0.0)]
    set_pieces(maxout, [(1.0, 0.0), (0.1, 0.0)])
    assert maxout.predict([x])[0] == leaky01.on_float(x)

set_pieces(maxout, [(0.5, 0.1), (-0.3, 0.0)])
(unit,) = maxout([2.0])                  # pieces 1.1 and -0.6: the first wins
unit.backward()
winner, loser = maxout.pieces[0]
print("winner grads", [p.grad for p in winner.parameters()], "loser grads", [p.grad for p in loser.parameters()])
assert [p.grad for p in winner.parameters()] == [2.0, 1.0]
assert [p.grad for p in loser.parameters()] == [0.0, 0.0]

# %% [markdown]
# **arctan** (Sie's table: f = tan⁻¹ x, f' = 1 / (x² + 1)) and a **leaky ReLU with
# your slope** (CS231n uses 0.1; the plain name "leaky_relu" is PyTorch's 0.01) are
# activation names: `activation="arctan"`, `activation="leaky_relu(0.1)"`.

# %%
for name, x, slope in (("arctan", 1.0, 1 / (1.0 ** 2 + 1)), ("leaky_relu(0.1)", -2.0, 0.1),
                       ("leaky_relu", -2.0, 0.01)):
    v = Value(x)
    out = get_activation(name).on_value(v)
    out.backward()
    print(f"{name:16} f({x}) = {out.data:+.6f}   f'({x}) by backward = {v.grad}")
    assert abs(v.grad - slope) < 1e-15
print(nn.MLP(2, [4, 1], activation="leaky_relu(0.1)", seed=0))

# %% [markdown]
# All of them side by side (Sie's "Activation Function" table, with PyTorch's
# conventions at the kinks):

# %%
grid = [i / 50 for i in range(-150, 151)]
names = ["linear", "step", "sign", "sigmoid", "tanh", "arctan", "relu", "leaky_relu(0.1)", "elu"]
figure, axes = plt.subplots(1, 1, figsize=(7, 4.5))
for name in names:
    axes.plot(grid, [get_activation(name).on_float(x) for x in grid], label=name)
axes.set_ylim(-1.6, 2.2)
axes.axhline(0, color="grey", linewidth=0.5)
axes.axvline(0, color="grey", linewidth=0.5)
axes.legend(ncol=3, fontsize=8)
axes.set_title("The activations in nn")
plt.show()

# %% [markdown]
# ## What to remember
#
# * Without a nonlinearity, any number of layers is one linear model (W2 W1 x + W2 b1 + b2).
# * At a kink the derivative is a *choice*; the decks differ (relu'(0) = 1 in Virtue and
#   Sie, undefined in Serra), the library follows PyTorch (relu'(0) = 0). It only matters
#   for a unit sitting exactly at 0, as after a zero initialization.
# * step and sign pass back 0: the perceptron cannot be trained by backprop.
# * PReLU learns its slope and Maxout its pieces, because they are parameters.
