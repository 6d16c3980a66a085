# %% [markdown]
# # 12. The decks' worked examples, checked, and where the slides are wrong
#
# Teachers use these decks as they are, so this lesson recomputes their worked
# examples with the engine, and says plainly where a slide is wrong:
#
# 1. **initialization**: Serra's 2-2-1 network with all-zero weights, Galletti's
#    "act(0) != 0 vs act(0) = 0", and Serra's randn * 0.01;
# 2. Sie's **house network** and its gradient formulas;
# 3. **errata**: a flipped sign (Galletti), an update that climbs (Sie), mixed
#    per-example and averaged terms and a dropped factor (Serra), and 0.999 that is
#    0.9999988 (Sie).

# %%
import math

from IPython.display import Markdown, display

import nn
from autograd import Value
from nn.losses import binary_cross_entropy


def rows_of(layer):
    """Each neuron's weights, as a list of rows."""
    return [[w.data for w in neuron.weights] for neuron in layer.neurons]


def sgd_step(parameters, lr):
    for p in parameters:
        p.data -= lr * p.grad


# %% [markdown]
# ## 1. Initialization
#
# ### Serra's 2-2-1 sigmoid network with zero weights
#
# Serra, "Random Initialization": *if W[1] = 0, b[1] = 0 and W[2] = 0, for any input
# a1_1 = a1_2 ... dL/dW[1] = [[v x1, v x2], [v x1, v x2]] ... It's called "symmetry
# problem"*. The slide's picture is missing from the text; we take x = [1.5, -0.5],
# y = 1, sigmoid units and binary cross-entropy, as in her "Neural Network Gradients".
#
# At step 0: a1 = [σ(0), σ(0)] = [0.5, 0.5], a2 = 0.5, dL/dW2 = (a2 - y) a1ᵀ =
# [-0.25, -0.25], and dL/dW1 = 0 because it passes back through W2 = 0.

# %%
x, y = [1.5, -0.5], 1.0
net = nn.MLP(2, [2, 1], activation="sigmoid", output_activation="sigmoid", init="zeros")
hidden, output = net.layers
a1 = hidden(x)
a2 = output(a1)[0]
loss = binary_cross_entropy(a2, y)
loss.backward()
print("a1 =", [v.data for v in a1], " a2 =", a2.data)
print("dL/dW2 =", [w.grad for w in output.neurons[0].weights], " dL/db2 =", output.neurons[0].bias.grad)
print("dL/dW1 =", [[w.grad for w in n.weights] for n in hidden.neurons])
assert [v.data for v in a1] == [0.5, 0.5] and a2.data == 0.5
assert [w.grad for w in output.neurons[0].weights] == [-0.25, -0.25]
assert all(w.grad == 0.0 for n in hidden.neurons for w in n.parameters())

# %% [markdown]
# After that step W2 = [0.25, 0.25] (learning rate 1), so from step 1 on dL/dz1 =
# [v, v] and dL/dW1 = [[v x1, v x2], [v x1, v x2]]: the two rows move, but always
# together. After 20 steps they are still equal, bit for bit:

# %%
parameters = net.parameters()
sgd_step(parameters, 1.0)
for step in range(1, 21):
    net.zero_grad()
    loss = binary_cross_entropy(net(x), y)
    loss.backward()
    if step == 1:
        (v1, v2) = (hidden.neurons[0].bias.grad, hidden.neurons[1].bias.grad)  # dL/dz1
        assert v1 == v2 != 0.0
        assert [[w.grad for w in n.weights] for n in hidden.neurons] == [[v1 * 1.5, v1 * -0.5]] * 2
    sgd_step(parameters, 1.0)
print("W1 after 20 steps:", rows_of(hidden))
assert rows_of(hidden)[0] == rows_of(hidden)[1] and rows_of(hidden)[0] != [0.0, 0.0]

# %% [markdown]
# ### Galletti: act(0) != 0 moves the weights together, act(0) = 0 moves nothing
#
# Galletti, "Neural Networks - Initialization Gotchas": *Zero initialization: If act(0)
# != 0 then weights all move together (same as constant init). If act(0) = 0 then no
# updates can be made.* With sigmoid, σ(0) = 0.5: the hidden weights move, as one (above).
# With tanh (tanh 0 = 0) or relu (relu 0 = 0, and relu'(0) = 0), the hidden units output 0,
# so the output weights get no gradient, stay 0, and pass none back: no weight moves.
# Only the output bias can.

# %%
def train_from_zeros(activation, steps=20):
    model = nn.MLP(2, [2, 1], activation=activation, output_activation="sigmoid", init="zeros")
    for _ in range(steps):
        model.zero_grad()
        binary_cross_entropy(model(x), y).backward()
        sgd_step(model.parameters(), 1.0)
    return model


for activation in ("sigmoid", "tanh", "relu"):
    model = train_from_zeros(activation)
    hidden_rows = rows_of(model.layers[0])
    output_weights = rows_of(model.layers[1])[0]
    print(f"{activation:8} act(0) = {nn.activations.get_activation(activation).on_float(0.0)}: "
          f"W1 = {[[round(w, 4) for w in r] for r in hidden_rows]}, W2 = {[round(w, 4) for w in output_weights]}")
    if activation == "sigmoid":
        assert hidden_rows[0] == hidden_rows[1] != [0.0, 0.0]
    else:
        assert hidden_rows == [[0.0, 0.0], [0.0, 0.0]] and output_weights == [0.0, 0.0]

# %% [markdown]
# ### Serra's randn * 0.01
#
# Serra, "Random Initialization": *W[1] = np.random.randn((2,2)) * γ, b[1] = 0 ... For
# example, γ = 0.01. The main idea is to try to keep values small! Otherwise, if you use
# large weights ... your output values will go on the flat region ... Gradient Descent
# will be very slow.* In `nn`: `init="normal", init_scale=0.01`. Small weights keep
# every sigmoid near its steepest point (σ'(0) = 0.25), and still break the symmetry;
# large ones (γ = 10) push the units onto the flat tails.

# %%
def sigmoid_slopes(scale):
    model = nn.MLP(2, [8, 1], activation="sigmoid", init="normal", init_scale=scale, seed=0)
    units = model.layers[0](x)
    return model, [u.data * (1 - u.data) for u in units]


small, small_slopes = sigmoid_slopes(0.01)
large, large_slopes = sigmoid_slopes(10.0)
print(f"gamma = 0.01: sigma'(z) from {min(small_slopes):.5f} to {max(small_slopes):.5f}")
print(f"gamma = 10:   sigma'(z) from {min(large_slopes):.2e} to {max(large_slopes):.2e}")
assert min(small_slopes) > 0.2499
assert sum(large_slopes) / len(large_slopes) < 0.05
rows = rows_of(small.layers[0])
assert len({tuple(r) for r in rows}) == len(rows)     # every unit different: no symmetry

# %% [markdown]
# ## 2. Sie's house network
#
# Sie, "Forward-pass in a two-layer neural network": inputs x1..x4 = size, bedrooms, zip
# code, wealth; hidden units with only some connections,
# z1 = w11 x1 + w12 x2 + b1 (family size), z2 = w23 x3 + b2 (walkable),
# z3 = w33 x3 + w34 x4 + b3 (school quality), ReLU; a linear output
# ŷ = w(2)_11 a1 + w(2)_12 a2 + w(2)_13 a3 + b(2); J = (ŷ - y)² ("Backward pass in a
# two-layer neural network"). Her formulas: dJ/dw(2)_1j = 2 a_j (ŷ - y) and
# dJ/dw(1)_11 = 2 w(2)_11 x1 (ŷ - y) (for z1 > 0). The numbers below are ours (the slides
# have none).

# %%
x1, x2, x3, x4 = Value(1.2, "size"), Value(3.0, "bedrooms"), Value(0.5, "zip"), Value(2.0, "wealth")
w11, w12, b1 = Value(0.8), Value(0.3), Value(0.1)
w23, b2 = Value(1.5), Value(-0.2)
w33, w34, b3 = Value(0.4), Value(0.6), Value(0.0)
v1, v2, v3, c = Value(2.0), Value(-1.0), Value(1.5), Value(0.5)   # the output layer, w(2)_1j and b(2)
price = 4.0

a1 = (w11 * x1 + w12 * x2 + b1).relu()
a2 = (w23 * x3 + b2).relu()
a3 = (w33 * x3 + w34 * x4 + b3).relu()
y_hat = v1 * a1 + v2 * a2 + v3 * a3 + c
J = (y_hat - price) ** 2
J.backward()

error = y_hat.data - price
by_formula = {"w(2)_11": 2 * a1.data * error, "w(2)_12": 2 * a2.data * error,
              "w(2)_13": 2 * a3.data * error, "w(1)_11": 2 * v1.data * x1.data * error}
by_backward = {"w(2)_11": v1.grad, "w(2)_12": v2.grad, "w(2)_13": v3.grad, "w(1)_11": w11.grad}
rows = ["| dJ/d | Sie's formula | backward |", "|---|---:|---:|"]
for name in by_formula:
    rows.append(f"| {name} | {by_formula[name]:.10f} | {by_backward[name]:.10f} |")
    assert abs(by_formula[name] - by_backward[name]) < 1e-12
display(Markdown(f"ŷ = {y_hat.data:.4f}, y = {price}\n\n" + "\n".join(rows)))

# %% [markdown]
# "and so on... (try calculating the rest yourself)": the same pattern, dJ/dw(1)_jk =
# 2 w(2)_1j x_k (ŷ - y) while z_j > 0, gives every hidden weight:

# %%
for weight, v, x_k in ((w12, v1, x2), (w23, v2, x3), (w33, v3, x3), (w34, v3, x4)):
    assert abs(weight.grad - 2 * v.data * x_k.data * error) < 1e-12
print("all five hidden weights follow 2 w(2) x (y_hat - y)")

# %% [markdown]
# ## 3. Where the slides are wrong
#
# ### Galletti: the sign of dC/dW(2)
#
# Galletti, "Neural Networks - BackPropagation" (the "Using the chain rule" slide):
# u(2) = W(2) h + b(2) and *dC/dW(2) = dC/du(2) · h = (1/n) Σ h (y_i - σ(u(2)))*, and
# dC/db(2) = (1/n) Σ y_i - σ(u(2)). With u = W h + b and the cross-entropy cost, dC/du
# = σ(u) - y: the slide has the **sign flipped**. (It is carried over from the cost
# written on the slide before, with σ(-wᵀh + b); but the forward pass on every slide,
# and this slide's own u(2), use +Wh. For b(2) the slide's sign is wrong in both readings.)
#
# With h = (0.3, 0.8), w = (0.5, -1), b = 0.2, y = 1 (n = 1):

# %%
h = [0.3, 0.8]
w = [Value(0.5), Value(-1.0)]
b = Value(0.2)
u = w[0] * h[0] + w[1] * h[1] + b
cost = binary_cross_entropy(u.sigmoid(), 1.0)
cost.backward()
s = 1 / (1 + math.exp(-u.data))
slide = [hi * (1.0 - s) for hi in h]            # h (y - sigma(u))
correct = [hi * (s - 1.0) for hi in h]          # h (sigma(u) - y)
print(f"u = {u.data}, sigma(u) = {s:.5f}")
print("backward:", [round(v.grad, 5) for v in w], " slide:", [round(g, 5) for g in slide])
assert [round(v.grad, 5) for v in w] == [-0.18319, -0.48851]
assert all(abs(v.grad - g) < 1e-15 for v, g in zip(w, correct))
assert all(abs(v.grad + g) < 1e-15 for v, g in zip(w, slide))      # exactly the opposite
assert abs(b.grad - (s - 1.0)) < 1e-15

# %% [markdown]
# The update on the next slide, W_new = -α dC/dW + W, is right; with the slide's
# gradient it makes the cost **larger**:

# %%
def cost_at(weights, bias):
    z = weights[0] * h[0] + weights[1] * h[1] + bias
    return -math.log(1 / (1 + math.exp(-z)))


alpha = 0.5
start = [0.5, -1.0]
before = cost_at(start, 0.2)
with_backward = cost_at([wi - alpha * g for wi, g in zip(start, correct)], 0.2)
with_slide = cost_at([wi - alpha * g for wi, g in zip(start, slide)], 0.2)
print(f"cost {before:.5f}; after a step with backward's gradient {with_backward:.5f}, "
      f"with the slide's {with_slide:.5f}")
assert with_backward < before < with_slide

# %% [markdown]
# ### Sie: w := w + α dJ/dw climbs the loss
#
# Sie writes the update with a plus in three places: "Training a Neural Network"
# (w(k) := w(k) + Δw(k), Δw(k) = α ∂J/∂w(k)), "Backward pass in a two-layer neural
# network" (③ Weight Update: w := w + α ∂J/∂w), and the summaries ("Backward Pass or
# Backpropagation", and the training loop's step ③). Moving *along* the gradient
# increases J. Gradient descent subtracts: w := w - α ∂J/∂w. On the house network:

# %%
house = [w11, w12, b1, w23, b2, w33, w34, b3, v1, v2, v3, c]


def house_loss(numbers):
    n = dict(zip(range(12), numbers))
    h1 = max(n[0] * x1.data + n[1] * x2.data + n[2], 0.0)
    h2 = max(n[3] * x3.data + n[4], 0.0)
    h3 = max(n[5] * x3.data + n[6] * x4.data + n[7], 0.0)
    return (n[8] * h1 + n[9] * h2 + n[10] * h3 + n[11] - price) ** 2


alpha = 0.01
now = house_loss([p.data for p in house])
plus = house_loss([p.data + alpha * p.grad for p in house])     # Sie's slides
minus = house_loss([p.data - alpha * p.grad for p in house])    # gradient descent
print(f"J = {now:.4f}; w + alpha dJ/dw: {plus:.4f}; w - alpha dJ/dw: {minus:.4f}")
assert minus < now < plus
assert abs(now - J.data) < 1e-12

# %% [markdown]
# ### Serra: m examples, and a dropped factor
#
# Serra, "Neural Network Gradients with m examples": *dJ/dW[2] = (1/m) Σ dL(a[2](i),
# y(i))/da[2](i)*, and the same expression for db[2]; dJ/dW[1] and dJ/db[1] are both
# written (1/m) Σ dL/da[1](i). The left side is the gradient of the **average** J with
# respect to W[2]; the right side averages the **per-example** derivatives with respect to
# the activations, which have a different meaning and shape (one number per example, no
# a[1] in them). The correct form is dJ/dW[2] = (1/m) Σ (a[2](i) - y(i)) a[1](i)ᵀ. With
# m = 3 examples on the 2-2-1 network:

# %%
X3 = [[1.5, -0.5], [0.2, 0.7], [-1.0, 0.4]]
Y3 = [1.0, 0.0, 1.0]
net = nn.MLP(2, [2, 1], activation="sigmoid", output_activation="sigmoid", seed=4)
hidden, output = net.layers
activations = [(hidden(row), None) for row in X3]
activations = [(a1, output(a1)[0]) for a1, _ in activations]
J = binary_cross_entropy([a2 for _, a2 in activations], Y3)     # the mean over m = 3
J.backward()
dW2 = [w.grad for w in output.neurons[0].weights]
correct = [sum((a2.data - t) * a1[j].data for (a1, a2), t in zip(activations, Y3)) / 3
           for j in range(2)]
slide = sum(-t / a2.data + (1 - t) / (1 - a2.data) for (_, a2), t in zip(activations, Y3)) / 3
print("dJ/dW2 by backward:", [round(g, 6) for g in dW2])
print("(1/m) sum (a2 - y) a1^T:", [round(g, 6) for g in correct])
print("the slide's (1/m) sum dL/da2:", round(slide, 6), "(one number for two weights)")
assert all(abs(g - e) < 1e-15 for g, e in zip(dW2, correct))
assert all(abs(g - slide) > 0.05 for g in dW2)

# %% [markdown]
# One copy of dL/dz[1] also drops a factor: on the second "Neural Network Gradients"
# slide, *dL/dz[1] = dL/da[2] · da[2]/dz[2] · da[1]/dz[1] = W[2]ᵀ (a[2] - y) * (a[1] *
# (1 - a[1]))*: the chain is missing dz[2]/da[1] = W[2]ᵀ (the first copy of the slide has
# it, and its right side has W[2]ᵀ). Without that factor the number is wrong whenever
# W[2] is not 1:

# %%
net.zero_grad()
a1 = hidden(X3[0])
a2 = output(a1)[0]
binary_cross_entropy(a2, Y3[0]).backward()
W2 = [w.data for w in output.neurons[0].weights]
dz1_backward = [n.bias.grad for n in hidden.neurons]             # dL/db1 = dL/dz1
with_factor = [W2[j] * (a2.data - Y3[0]) * a1[j].data * (1 - a1[j].data) for j in range(2)]
without = [(a2.data - Y3[0]) * a1[j].data * (1 - a1[j].data) for j in range(2)]
print("dL/dz1 by backward:", [round(g, 6) for g in dz1_backward])
print("with dz2/da1:      ", [round(g, 6) for g in with_factor])
print("without it:        ", [round(g, 6) for g in without])
assert all(abs(g - e) < 1e-15 for g, e in zip(dz1_backward, with_factor))
assert all(abs(g - e) > 1e-3 for g, e in zip(dz1_backward, without))

# %% [markdown]
# ### Sie: 0.999 is 0.9999988
#
# Sie, "Forward-pass in a single neuron": inputs (2, 3, 1), weights (0.5, 0.2, 10),
# bias 2, z = 13.6, *Output: y = f(z) = 0.999*. The sigmoid of 13.6 is 0.99999876:
# three more nines. It matters for backprop: σ'(13.6) = y (1 - y) = 1.2e-6, a saturated
# unit, not 0.000999 as y = 0.999 would suggest; and rounded to 1.0 it would be 0.
# Print such numbers with enough digits: the tapes show it as 0.999999, never as 1.0.

# %%
neuron = nn.Neuron.from_weights([0.5, 0.2, 10], bias=2, activation="sigmoid")
inputs = [Value(2.0), Value(3.0), Value(1.0)]
out = neuron(inputs)
out.backward()
z = 0.5 * 2 + 0.2 * 3 + 10 * 1 + 2
print(f"z = {z}, y = {out.data!r}, dy/db = sigma'(z) = {neuron.bias.grad:.4e}")
assert round(out.data, 7) == 0.9999988 and out.data != 0.999
assert abs(neuron.bias.grad - math.exp(-z) / (1 + math.exp(-z)) ** 2) < 1e-18  # e^-z / (1 + e^-z)^2: no cancellation
assert 1.2e-6 < neuron.bias.grad < 1.3e-6

# %% [markdown]
# ## What to remember
#
# * Zero weights: with σ(0) = 0.5 the units move but stay identical; with tanh or relu
#   (act(0) = 0) no weight moves. Small random weights (randn * 0.01) fix both.
# * The slides' formulas hold where the engine agrees; where it does not, the slide is
#   wrong: Galletti's sign, Sie's plus in the update, Serra's m-example formulas and her
#   dropped W[2], and Sie's 0.999.
