# %% [markdown]
# # 3. Logic gates and XOR
#
# A single neuron draws one straight line through its input plane: on one side
# it says 1, on the other 0. That is enough for AND and OR, not for XOR. This
# lesson builds the gates by hand, shows why the original perceptron's hard
# threshold cannot be trained by gradient descent, and trains a network with
# one hidden layer that does XOR.

# %%
import math

import matplotlib.pyplot as plt

import nn
from autograd import Value, apply, sum_values
from autograd.draw import draw
from autograd.testing import as_rule, check_op

X, y = nn.datasets.xor()  # the four corners of the unit square
print("inputs:", X)
print("XOR:   ", y)

# %% [markdown]
# ## The perceptron's hard threshold
#
# Rosenblatt's perceptron outputs step(z) = 1 if z > 0 else 0. As an operation
# of the engine, a step is a rule function: it returns the result and its local
# derivative, which is 0 on both sides of the jump (and undefined at z = 0, a
# *kink* we declare so that tests keep away from it).
#
# The testing toolkit (`autograd.testing`) turns the function into a `Rule`
# with its declarations, and `check_op` checks its derivative against sympy,
# central differences and the complex step on hundreds of generated inputs.
# The derivative 0 is *correct*: that is exactly the problem.

# %%
def step(z):
    """step(z) = 1 if z > 0 else 0; d step/dz = 0 away from z = 0."""
    return (1.0 if z > 0 else 0.0), (0.0,)


step_rule = as_rule(step, kinks=lambda z: abs(z), sympy=lambda sp, z: sp.Heaviside(z))
print(check_op(step_rule))

# %% [markdown]
# Now a perceptron for AND built with this step, starting from some weights,
# and the squared error over the four corners. Backward runs fine, and every
# gradient is zero: gradient descent has no direction to move in, whatever
# the error.

# %%
w1, w2, b = Value(0.3, "w1"), Value(-0.2, "w2"), Value(0.1, "b")
targets = [0, 0, 0, 1]  # AND


def perceptron(x1, x2):
    return apply(step, w1 * x1 + w2 * x2 + b, op="step")


outputs = [perceptron(x1, x2) for x1, x2 in X]
loss = sum_values((out - t) ** 2 for out, t in zip(outputs, targets))
loss.backward()
print("outputs:", [out.data for out in outputs], " loss:", loss.data)
print("gradients:", w1.grad, w2.grad, b.grad)
assert loss.data > 0 and (w1.grad, w2.grad, b.grad) == (0.0, 0.0, 0.0)

# %% [markdown]
# The graph of one corner shows where the gradient dies: the step's local
# derivative is 0, so nothing flows past it.

# %%
corner = perceptron(1.0, 1.0)
corner.label = "out"
corner.backward()
draw(corner, show_local_grads=True)

# %% [markdown]
# The fix is to replace the step by a smooth function with the same shape, such
# as the sigmoid σ(z) = 1 / (1 + e^(-z)): its derivative σ(z)(1 - σ(z)) is
# positive everywhere, so the gradient always says which way to go.

# %%
zs = [k / 10 for k in range(-80, 81)]
figure, (left, right) = plt.subplots(1, 2, figsize=(10, 3.5))
left.plot(zs, [step(z)[0] for z in zs], label="step")
left.plot(zs, [1 / (1 + math.exp(-z)) for z in zs], label="sigmoid")
left.set_title("activation")
right.plot(zs, [step(z)[1][0] for z in zs], label="step: 0 everywhere")
right.plot(zs, [math.exp(-z) / (1 + math.exp(-z)) ** 2 for z in zs], label="sigmoid")
right.set_title("its derivative")
for axes in (left, right):
    axes.set_xlabel("z")
    axes.legend()
    axes.grid(alpha=0.3)
plt.show()

# %% [markdown]
# ## AND, OR and NAND with one sigmoid neuron
#
# With weights 20, 20 and bias -30, the neuron computes σ(20 x1 + 20 x2 - 30):
# z is -30, -10, -10 and +10 at the four corners, so the output is close to 0,
# 0, 0 and 1. That is AND. A bias of -10 gives OR; flipping every sign of AND
# gives NAND.

# %%
gates = {
    "AND": nn.Neuron.from_weights([20.0, 20.0], bias=-30.0, activation="sigmoid"),
    "OR": nn.Neuron.from_weights([20.0, 20.0], bias=-10.0, activation="sigmoid"),
    "NAND": nn.Neuron.from_weights([-20.0, -20.0], bias=30.0, activation="sigmoid"),
}
truth = {"AND": [0, 0, 0, 1], "OR": [0, 1, 1, 1], "NAND": [1, 1, 1, 0]}
print("x1 x2 | " + "  ".join(f"{name:>8}" for name in gates))
for row, corner in enumerate(X):
    outputs = [gate.predict(corner) for gate in gates.values()]
    print(f"{corner[0]:2.0f} {corner[1]:2.0f} | " + "  ".join(f"{o:8.5f}" for o in outputs))
    for name, output in zip(gates, outputs):
        assert round(output) == truth[name][row]

# %%
nn.draw_network(gates["AND"], show_weights=True, title="AND = sigmoid(20 x1 + 20 x2 - 30)")

# %%
nn.plot.decision_boundary(gates["AND"], X, truth["AND"], title="AND: one line separates the classes")

# %% [markdown]
# ## Why one neuron cannot do XOR
#
# One neuron says 1 where w1 x1 + w2 x2 + b > 0. XOR would need
#
# * (0, 0) → 0: b < 0
# * (1, 0) → 1: w1 + b > 0
# * (0, 1) → 1: w2 + b > 0
# * (1, 1) → 0: w1 + w2 + b < 0
#
# Adding the middle two gives w1 + w2 + 2b > 0, so w1 + w2 + b > -b > 0, which
# contradicts the last line. No straight line puts (0, 1) and (1, 0) on one side
# and (0, 0) and (1, 1) on the other.
#
# Training agrees: a single sigmoid neuron trained on XOR ends up answering 0.5
# everywhere, the best it can do, with loss ln 2.

# %%
single = nn.Neuron(2, "sigmoid", seed=0)
single_history = nn.fit(single, X, y, loss="binary_cross_entropy",
                        optimizer=nn.optim.SGD(single, lr=1.0), epochs=300, progress=False)
print("outputs:", [round(o, 4) for o in single.predict_many(X)])
print(f"loss {single_history.loss[-1]:.4f} (ln 2 = {math.log(2):.4f}), "
      f"accuracy {nn.accuracy(single, X, y):.2f}")
assert abs(single_history.loss[-1] - math.log(2)) < 1e-3
assert nn.accuracy(single, X, y) < 1.0

# %% [markdown]
# ## One hidden layer does it
#
# XOR is "OR but not AND", that is AND(OR(x1, x2), NAND(x1, x2)). Two hidden
# neurons compute OR and NAND, and the output neuron ANDs them. We set the
# weights of an `nn.MLP` by hand.

# %%
network = nn.MLP(2, [2, 1], activation="sigmoid", output_activation="sigmoid")
by_hand = [[gates["OR"], gates["NAND"]], [gates["AND"]]]
for layer, hand_made in zip(network.layers, by_hand):
    for neuron, gate in zip(layer.neurons, hand_made):
        for weight, value in zip(neuron.weights, gate.weights):
            weight.data = value.data
        neuron.bias.data = gate.bias.data

for corner in X:
    print(corner, "->", round(network.predict(corner), 5))
assert [round(network.predict(corner)) for corner in X] == y

# %%
nn.draw_network(network, show_weights=True, input_names=["x1", "x2"],
                title="XOR = AND(OR, NAND)")

# %% [markdown]
# Each hidden neuron draws one line; the output combines them, so the region
# of class 1 is the band between the two lines.

# %%
nn.plot.decision_boundary(network, X, y, title="XOR with hand-set weights")

# %% [markdown]
# Gradient descent finds such weights on its own. A network with two tanh
# hidden units and a sigmoid output, trained with cross-entropy:

# %%
trained = nn.MLP(2, [2, 1], activation="tanh", output_activation="sigmoid", seed=1)
history = nn.fit(trained, X, y, loss="binary_cross_entropy",
                 optimizer=nn.optim.SGD(trained, lr=1.0), epochs=300, progress=False)
print(f"final loss {history.loss[-1]:.4f}, accuracy {nn.accuracy(trained, X, y):.2f}")
assert nn.accuracy(trained, X, y) == 1.0

figure, axes = plt.subplots(figsize=(6, 3.5))
axes.plot(single_history.loss, label="one neuron")
axes.plot(history.loss, label="one hidden layer of 2")
axes.axhline(math.log(2), color="gray", linestyle="--", label="ln 2")
axes.set_xlabel("epoch")
axes.set_ylabel("cross-entropy")
axes.set_title("XOR: training loss")
axes.legend()
axes.grid(alpha=0.3)
plt.show()

# %%
nn.plot.decision_boundary(trained, X, y, title="XOR learned by 2 tanh units")

# %% [markdown]
# ## What to remember
#
# * A hard threshold has derivative 0: correct, and useless for gradient descent.
# * One neuron is one line: AND, OR and NAND, never XOR.
# * A hidden layer combines lines, and backprop finds the weights.
