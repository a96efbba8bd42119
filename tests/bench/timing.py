"""Timing for the benchmarks: medians of interleaved runs.

The two sides alternate (a, b, b, a, a, b, …) so that whatever else the machine does hits both
alike, and the median, not the best round, is what a user gets most of the time.
"""

import statistics
import time

ROUNDS = 30


def interleaved_medians(first, second, rounds: int = ROUNDS) -> tuple[float, float]:
    """The median seconds of ``first()`` and of ``second()`` over ``rounds`` interleaved runs each."""
    times = ([], [])
    for round_ in range(rounds):
        order = (0, 1) if round_ % 2 == 0 else (1, 0)
        for side in order:
            function = (first, second)[side]
            start = time.perf_counter()
            function()
            times[side].append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])
