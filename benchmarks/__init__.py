"""Side-by-side benchmarks: chainrule against micrograd 0.1.0 and PyTorch scalars.

Run with `make bench` (or `python -m benchmarks`). Every number printed is
measured in the same process as the engines it is compared with; nothing here
is asserted by the test suite.
"""
