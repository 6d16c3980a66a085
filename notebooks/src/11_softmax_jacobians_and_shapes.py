# %% [markdown]
# # 11. Softmax, cross-entropy, Jacobians and the shapes of matrix calculus
#
# The decks write networks with vectors and matrices; the engine works on scalars.
# This lesson checks the vector formulas entry by entry against the scalar engine:
#
# 1. **softmax** and the **two forms of cross-entropy** (on probabilities with a target
#    vector, on scores with a class index), and why they must not be confused;
# 2. **Jacobians** and the **shapes** of matrix calculus (Virtue, "Matrix Calculus";
#    Serra, "Matrix – Partial Derivatives"), with `jacobian(outputs, inputs)`;
# 3. Serra's **vectorized** sigmoid + binary cross-entropy gradients on her 3 -> 4 -> 1
#    shapes, and her 2-input **logistic regression** cell;
# 4. the **patterns of gradient flow**: add distributes, mul swaps, max routes, a copy adds.

# %%
import math

import numpy as np
from IPython.display import Markdown, display

import nn
from autograd import Value, jacobian, maximum
from nn.activations import softmax
from nn.losses import binary_cross_entropy, cross_entropy, cross_entropy_probs

# %% [markdown]
# ## 1. Softmax and cross-entropy
#
# Virtue ("Activation Functions" lists "(Softmax)"; "Loss Functions": *Cross entropy:
# ℓ(y, ŷ) = -Σ_k y_k log ŷ_k*) writes the loss on **probabilities** ŷ and a **target
# vector** y. `softmax(scores)` turns K scores into K probabilities (a list of Values);
# it subtracts the largest score first, which changes nothing but keeps e^s finite.

# %%
scores = [Value(2.0), Value(1.0), Value(0.1)]
p = softmax(scores)
print("softmax:", [round(q.data, 6) for q in p], "sum", sum(q.data for q in p))
e = [math.exp(2.0), math.exp(1.0), math.exp(0.1)]
assert all(abs(q.data - x / sum(e)) < 1e-15 for q, x in zip(p, e))
assert abs(sum(q.data for q in p) - 1.0) < 1e-15
shifted = softmax([1002.0, 1001.0, 1000.1])   # e^1002 alone would overflow
assert all(abs(a.data - b.data) < 1e-12 for a, b in zip(shifted, p))

# %% [markdown]
# Two functions compute cross-entropy, and they read their inputs differently:
#
# * `cross_entropy(scores, class_index)`: scores (logits) and the class as an index,
#   PyTorch's `F.cross_entropy`; it applies the softmax itself;
# * `cross_entropy_probs(probabilities, target_vector)`: the deck's -Σ y_k log p_k, on
#   probabilities and a one-hot or soft target; it checks that the probabilities are in
#   (0, 1] and sum to 1, so scores given by mistake are refused.
#
# Given the same three numbers 0.2, 0.7, 0.1, the first reads them as scores:

# %%
as_scores = cross_entropy([0.2, 0.7, 0.1], 1)
as_probabilities = cross_entropy_probs([0.2, 0.7, 0.1], [0, 1, 0])
print(f"cross_entropy([0.2, 0.7, 0.1], 1)             = {as_scores.data:.4f}  (scores)")
print(f"cross_entropy_probs([0.2, 0.7, 0.1], [0, 1, 0]) = {as_probabilities.data:.4f}  (-ln 0.7)")
assert round(as_scores.data, 3) == 0.768 and round(as_probabilities.data, 3) == 0.357
try:
    cross_entropy_probs([2.0, 1.0, 0.1], [1, 0, 0])
except ValueError as error:
    print("refused:", error)

# %% [markdown]
# On softmax(scores) the two are the same loss, and the gradient on the scores is the
# famous p - y:

# %%
logits_a = [Value(2.0), Value(1.0), Value(0.1)]
logits_b = [Value(2.0), Value(1.0), Value(0.1)]
loss_a = cross_entropy(logits_a, 0)
loss_b = cross_entropy_probs(softmax(logits_b), [1, 0, 0])
loss_a.backward()
loss_b.backward()
p_minus_y = [q.data - t for q, t in zip(p, [1, 0, 0])]
print(f"losses {loss_a.data:.15f} {loss_b.data:.15f}")
print("dL/ds:", [round(v.grad, 6) for v in logits_a], "p - y:", [round(g, 6) for g in p_minus_y])
assert abs(loss_a.data - loss_b.data) < 1e-12
for a, b, g in zip(logits_a, logits_b, p_minus_y):
    assert abs(a.grad - g) < 1e-12 and abs(b.grad - g) < 1e-12

soft = cross_entropy_probs([0.5, 0.3, 0.2], [0.7, 0.3, 0.0])   # a soft target
assert abs(soft.data - -(0.7 * math.log(0.5) + 0.3 * math.log(0.3))) < 1e-15

# %% [markdown]
# ## 2. Jacobians and shapes
#
# Virtue ("Matrix Calculus", numerator layout): for y = f(x) with x in R^M and y in R^N,
# ∂y/∂x is **N x M**; vector in, scalar out: 1 x M; scalar in, vector out: N x 1; the
# gradient ∇_x f is the transpose, M x 1; matrix in, scalar out: **the same shape as the
# matrix**. Serra ("Matrix – Partial Derivatives") writes the same m x n matrix.
#
# `jacobian(outputs, inputs)` computes it with one backward per output: row i is
# d out_i / d inputs. For a linear layer (4 outputs, 3 inputs) it is the weight matrix W:

# %%
layer = nn.Layer(3, 4, activation="linear", seed=0)
x = [Value(0.5), Value(-1.0), Value(2.0)]
J = jacobian(layer(x), x)
W = [[w.data for w in neuron.weights] for neuron in layer.neurons]
print("J is", len(J), "x", len(J[0]))
assert (len(J), len(J[0])) == (4, 3)     # N x M: outputs x inputs
assert J == W

# %% [markdown]
# With a sigmoid, each row is scaled by that unit's σ'(z) = a (1 - a): J = diag(σ'(z)) W.
# Softmax's Jacobian is diag(p) - p pᵀ (each output depends on every score):

# %%
sigmoid_layer = nn.Layer(3, 4, activation="sigmoid", seed=0)
a = sigmoid_layer(x)
J = jacobian(a, x)
for i, (row, neuron) in enumerate(zip(J, sigmoid_layer.neurons)):
    slope = a[i].data * (1 - a[i].data)
    for j in range(3):
        assert abs(row[j] - slope * neuron.weights[j].data) < 1e-15

s = [Value(0.5), Value(-1.0), Value(2.0)]
probabilities = softmax(s)
J = jacobian(probabilities, s)
q = [v.data for v in probabilities]
for i in range(3):
    for j in range(3):
        assert abs(J[i][j] - (q[i] * (i == j) - q[i] * q[j])) < 1e-15
print("softmax Jacobian rows sum to", [round(sum(row), 15) for row in J])

# %% [markdown]
# Matrix in, scalar out: dL/dW has W's shape. For the layer above and L = Σ a_i², the
# engine's grads, read into a 4 x 3 table, are exactly the chain rule's
# dL/dW_ij = 2 a_i σ'(z_i) x_j:

# %%
loss = sum((v * v for v in a), Value(0.0))
loss.backward()
dW = [[w.grad for w in neuron.weights] for neuron in sigmoid_layer.neurons]
assert (len(dW), len(dW[0])) == (len(W), len(W[0])) == (4, 3)
for i in range(4):
    for j in range(3):
        expected = 2 * a[i].data * a[i].data * (1 - a[i].data) * x[j].data
        assert abs(dW[i][j] - expected) < 1e-15
print("dL/dW (4 x 3):", [[round(g, 4) for g in row] for row in dW])

# %% [markdown]
# ## 3. Serra's vectorized gradients on her 3 -> 4 -> 1 network
#
# Serra ("Neural Network Representation" and "Neural Network Gradients") gives the
# shapes z1 = W1 x + b1: (4,1) (4,3) (3,1) (4,1), z2 = W2 a1 + b2: (1,1) (1,4) (4,1) (1,1),
# sigmoid activations, binary cross-entropy, and
#
# * dL/dz2 = a2 - y; dL/dW2 = (a2 - y) a1ᵀ; dL/db2 = a2 - y;
# * dL/dz1 = W2ᵀ (a2 - y) * a1 (1 - a1); dL/dW1 = dL/dz1 xᵀ; dL/db1 = dL/dz1.
#
# The same network in `nn` and in numpy, entry by entry:

# %%
net = nn.MLP(3, [4, 1], activation="sigmoid", output_activation="sigmoid", seed=3)
x_row, target = [0.5, -1.2, 2.0], 1.0
loss = binary_cross_entropy(net(x_row), target)
loss.backward()
hidden, output = net.layers

W1 = np.array([[w.data for w in n.weights] for n in hidden.neurons])    # (4, 3)
b1 = np.array([[n.bias.data] for n in hidden.neurons])                  # (4, 1)
W2 = np.array([[w.data for w in output.neurons[0].weights]])            # (1, 4)
b2 = np.array([[output.neurons[0].bias.data]])                          # (1, 1)
xv = np.array([x_row]).T                                                # (3, 1)
a1 = 1 / (1 + np.exp(-(W1 @ xv + b1)))
a2 = 1 / (1 + np.exp(-(W2 @ a1 + b2)))
dz2 = a2 - target
dW2, db2 = dz2 @ a1.T, dz2
dz1 = (W2.T @ dz2) * a1 * (1 - a1)
dW1, db1 = dz1 @ xv.T, dz1
shapes = {"W1": W1.shape, "dW1": dW1.shape, "b1": b1.shape, "db1": db1.shape,
          "W2": W2.shape, "dW2": dW2.shape, "dz1": dz1.shape}
print(shapes)
assert dW1.shape == W1.shape == (4, 3) and dW2.shape == W2.shape == (1, 4)
assert db1.shape == (4, 1) and db2.shape == (1, 1)

engine_dW1 = np.array([[w.grad for w in n.weights] for n in hidden.neurons])
engine_db1 = np.array([[n.bias.grad] for n in hidden.neurons])
engine_dW2 = np.array([[w.grad for w in output.neurons[0].weights]])
assert np.allclose(engine_dW1, dW1, rtol=1e-12, atol=1e-15)
assert np.allclose(engine_db1, db1, rtol=1e-12, atol=1e-15)
assert np.allclose(engine_dW2, dW2, rtol=1e-12, atol=1e-15)
assert abs(output.neurons[0].bias.grad - db2[0, 0]) < 1e-15
display(Markdown("Every entry of dW1 (4 x 3), db1 (4 x 1), dW2 (1 x 4) and db2 (1 x 1) "
                 "from the vector formulas equals the engine's grad."))

# %% [markdown]
# Serra's **logistic regression** cell ("Computing Gradients"): z = w1 x1 + w2 x2 + b,
# a = σ(z), L = -(y ln a + (1 - y) ln(1 - a)); then dL/dz = a - y, dL/dw_i = (a - y) x_i,
# dL/db = a - y.

# %%
neuron = nn.Neuron.from_weights([0.4, -0.6], bias=0.1, activation="sigmoid")
x1, x2, y = 2.0, 1.0, 0.0
z = 0.4 * x1 - 0.6 * x2 + 0.1
a = 1 / (1 + math.exp(-z))
loss = binary_cross_entropy(neuron([x1, x2]), y)
loss.backward()
by_hand = [(a - y) * x1, (a - y) * x2, a - y]
print(f"a = {a:.6f}; dL/dw1, dL/dw2, dL/db by hand {[round(g, 6) for g in by_hand]}, "
      f"by backward {[round(p.grad, 6) for p in neuron.parameters()]}")
for p_, g in zip(neuron.parameters(), by_hand):
    assert abs(p_.grad - g) < 1e-15

# %% [markdown]
# ## 4. Patterns of gradient flow
#
# Four local rules explain most of backprop by eye (the patterns CS231n's Lecture 4
# draws; Virtue's "Backpropagation (updated)" adds the `+=`):
#
# * **add distributes**: both inputs of a + b receive the upstream gradient unchanged;
# * **mul swaps**: a * b sends b · upstream to a and a · upstream to b;
# * **max routes**: the whole gradient goes to the larger input, none to the other;
# * **a copy adds**: a value used twice receives the sum of both gradients.

# %%
a, b = Value(3.0), Value(-4.0)
(a + b).backward()
assert (a.grad, b.grad) == (1.0, 1.0)

a, b = Value(3.0), Value(-4.0)
(a * b).backward()
assert (a.grad, b.grad) == (-4.0, 3.0)

a, b = Value(3.0), Value(-4.0)
maximum(a, b).backward()
assert (a.grad, b.grad) == (1.0, 0.0)

a = Value(3.0)
(a * 2.0 + a * 5.0).backward()
assert a.grad == 7.0
print("add distributes, mul swaps, max routes, a copy adds: all four hold")

# %% [markdown]
# ## What to remember
#
# * softmax gives probabilities; `cross_entropy` takes scores and a class index,
#   `cross_entropy_probs` probabilities and a target vector; on softmax(scores) they agree,
#   with gradient p - y on the scores.
# * A Jacobian of R^M -> R^N is N x M; dL/dW has W's shape; the engine gives every entry.
# * The vectorized formulas are the scalar chain rule, entry by entry.
