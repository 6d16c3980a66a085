"""Laws every correct backward obeys, checked on random programs.

Each law compares two ways of computing the same gradient with the engine.
Both are sums of the same products of local derivatives, grouped or ordered
differently, so they may differ by rounding: at most (number of terms) * eps
times the sum of the terms' sizes. The tolerance is 1e-9 times that size,
which the path sums below compute by running the program with |local
derivatives|. A mistake in backward (a lost or doubled contribution) is off by
a whole term, far beyond it.
"""

from __future__ import annotations

import dataclasses

from hypothesis import given, strategies as st

from autograd import RULES, Rule, Value, topological_order
from autograd.testing.program import Program, Step
from autograd.testing.strategies import programs

SOME_PROGRAMS = st.integers(1, 3).flatmap(lambda n: programs(n_inputs=n, max_steps=8))
WEIGHTS = st.floats(-4, 4, allow_nan=False, allow_subnormal=False)


def input_grads(program: Program, root: int = -1) -> list[float]:
    """d variables[root] / d input on a fresh graph."""
    nodes = program.to_values()
    nodes[root].backward()
    return [node.grad for node in nodes[:program.n_inputs]]


def path_sums(program: Program, root: int = -1) -> list[float]:
    """Sum over paths of |product of local derivatives|: the size of the terms
    that backward adds up for each input."""
    def absolute(rule: Rule) -> Rule:
        def apply(*args: float) -> tuple[float, tuple[float, ...]]:
            result, local = rule.apply(*args)
            return result, tuple(abs(g) for g in local)
        return dataclasses.replace(rule, apply=apply)

    table = {name: absolute(rule) for name, rule in program.rules.items()}
    return input_grads(Program(program.inputs, program.steps, table), root)


def agree(actual: float, expected: float, size: float) -> bool:
    return abs(actual - expected) <= 1e-9 * size + 1e-300


@given(program=SOME_PROGRAMS, a=WEIGHTS, b=WEIGHTS, data=st.data())
def test_the_gradient_is_linear(program: Program, a: float, b: float,
                                data: st.DataObject, program_tally) -> None:
    program_tally.record(program)
    other = data.draw(st.integers(program.n_inputs, len(program.inputs + program.steps) - 1))
    nodes = program.to_values()
    (a * nodes[-1] + b * nodes[other]).backward()
    grad_f, grad_g = input_grads(program), input_grads(program, other)
    size_f, size_g = path_sums(program), path_sums(program, other)
    for i, leaf in enumerate(nodes[:program.n_inputs]):
        expected = a * grad_f[i] + b * grad_g[i]
        assert agree(leaf.grad, expected, abs(a) * size_f[i] + abs(b) * size_g[i])


@given(program=SOME_PROGRAMS, data=st.data())
def test_product_rule(program: Program, data: st.DataObject, program_tally) -> None:
    program_tally.record(program)
    other = data.draw(st.integers(program.n_inputs, len(program.inputs + program.steps) - 1))
    nodes = program.to_values()
    f, g = nodes[-1], nodes[other]
    (f * g).backward()
    grad_f, grad_g = input_grads(program), input_grads(program, other)
    size_f, size_g = path_sums(program), path_sums(program, other)
    for i, leaf in enumerate(nodes[:program.n_inputs]):
        expected = f.data * grad_g[i] + g.data * grad_f[i]
        assert agree(leaf.grad, expected, abs(f.data) * size_g[i] + abs(g.data) * size_f[i])


@given(inner=SOME_PROGRAMS, data=st.data())
def test_chain_rule_through_composition(inner: Program, data: st.DataObject,
                                        program_tally) -> None:
    program_tally.record(inner)
    middle = inner.output()
    outer = data.draw(programs(n_inputs=1, max_steps=4, min_value=middle, max_value=middle))
    nodes = inner.to_values()
    outer.to_values(inputs=[nodes[-1]])[-1].backward()
    (outer_slope,), (outer_size,) = input_grads(outer), path_sums(outer)
    grad_inner, size_inner = input_grads(inner), path_sums(inner)
    for i, leaf in enumerate(nodes[:inner.n_inputs]):
        assert agree(leaf.grad, outer_slope * grad_inner[i], outer_size * size_inner[i])


@given(program=SOME_PROGRAMS)
def test_backward_after_zero_grad_gives_the_same_grads(program: Program,
                                                       program_tally) -> None:
    program_tally.record(program)
    nodes = program.to_values()
    nodes[-1].backward()
    first = [node.grad for node in nodes]
    nodes[-1].zero_grad()
    assert all(node.grad == 0.0 for node in nodes[:program.n_inputs])
    nodes[-1].backward()
    assert [node.grad for node in nodes] == first


@given(program=SOME_PROGRAMS, data=st.data())
def test_grads_do_not_depend_on_the_order_the_graph_was_built(
        program: Program, data: st.DataObject, program_tally) -> None:
    program_tally.record(program)
    n = len(program.steps)
    priorities = data.draw(st.lists(st.integers(0, n), min_size=n, max_size=n))
    reordered = program.reordered(priorities)
    assert reordered.output() == program.output()
    sizes = path_sums(program)
    for i, (a, b) in enumerate(zip(input_grads(reordered), input_grads(program))):
        assert agree(a, b, sizes[i]), f"d/dv{i}: {a!r} after reordering, {b!r} before"


def _flipped(rule: Rule) -> Rule:
    """The same operation with its two inputs listed the other way round."""
    def apply(b: float, a: float, *params: float) -> tuple[float, tuple[float, ...]]:
        result, (local_a, local_b) = rule.apply(a, b, *params)
        return result, (local_b, local_a)
    return dataclasses.replace(rule, name=f"flipped_{rule.name}", apply=apply)


FLIPPED = {f"flipped_{name}": _flipped(rule) for name, rule in RULES.items() if rule.arity == 2}


@given(program=SOME_PROGRAMS)
def test_grads_do_not_depend_on_the_order_parents_are_listed(program: Program,
                                                             program_tally) -> None:
    program_tally.record(program)
    steps = tuple(Step(f"flipped_{s.op}", s.args[::-1], s.params)
                  if f"flipped_{s.op}" in FLIPPED else s for s in program.steps)
    flipped = Program(program.inputs, steps, {**RULES, **FLIPPED})
    assert flipped.output() == program.output()
    sizes = path_sums(program)
    for i, (a, b) in enumerate(zip(input_grads(flipped), input_grads(program))):
        assert agree(a, b, sizes[i]), f"d/dv{i}: {a!r} flipped, {b!r} as listed"


@given(program=SOME_PROGRAMS, data=st.data())
def test_two_roots_sharing_a_subgraph_accumulate_into_the_leaves(
        program: Program, data: st.DataObject, program_tally) -> None:
    program_tally.record(program)
    first_root = data.draw(st.integers(program.n_inputs, len(program.inputs + program.steps) - 1))
    nodes = program.to_values()
    nodes[first_root].backward()
    nodes[-1].backward()  # leaves accumulate; interior grads are recomputed
    grad_first, grad_last = input_grads(program, first_root), input_grads(program)
    size_first, size_last = path_sums(program, first_root), path_sums(program)
    for i, leaf in enumerate(nodes[:program.n_inputs]):
        assert agree(leaf.grad, grad_first[i] + grad_last[i], size_first[i] + size_last[i])
    # The nodes the last root depends on hold d(last root)/d(node), as on a fresh graph.
    fresh = program.to_values()
    fresh[-1].backward()
    used = set(topological_order(nodes[-1]))
    for k in range(program.n_inputs, len(nodes)):
        if nodes[k] in used:
            assert nodes[k].grad == fresh[k].grad, f"v{k}"

def test_a_leaf_used_twice_gets_both_contributions() -> None:
    # By hand: d(x * x)/dx = 2x, and x + x reaches x along two edges.
    x = Value(3.0)
    (x * x + x).backward()
    assert x.grad == 7.0
