"""Numbers a hair below 1 must not be shown as 1.0 (issue 13, Sie's neuron).

Sie's slide "Forward-pass in a single neuron" prints sigmoid(13.6) as 0.999; it is
0.99999876, and its derivative y (1 - y) = 1.2e-6 is not 0. A tape that shows
1.0 hides exactly the saturation a learner should see.
"""

from __future__ import annotations

import math


from autograd.notation import format_number

SIE = 1.0 / (1.0 + math.exp(-13.6))


def test_the_tape_does_not_print_it_as_one():
    assert format_number(SIE) != "1.0"
