"""`python -m benchmarks`: every benchmark, one after the other."""

import sys

from . import bench_engine


def main() -> None:
    bench_engine.main()
    try:
        from . import bench_nn
    except ImportError:
        print("\n(nn benchmark not available)")
        return
    print()
    bench_nn.main()


if __name__ == "__main__":
    sys.exit(main())
