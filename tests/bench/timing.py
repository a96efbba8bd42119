"""Timing for the benchmarks: the best of several rounds, which is least disturbed by the machine."""

import time

ROUNDS = 30


def best_of(function, rounds: int = ROUNDS) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best
