"""Timing helpers: medians of repeated runs, printed as ratios against a floor."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(fn: Callable[[], object], repeat: int, warmup: int = 3) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def report(name: str, ours: float, floor: float | None, goal: str, unit: str = "ms") -> None:
    if floor:
        print(
            f"{name}: ours {ours:.3f} {unit}, floor {floor:.3f} {unit}, "
            f"ratio {ours / floor:.2f} (goal {goal})"
        )
    else:
        print(f"{name}: {ours:.3f} {unit} (goal {goal})")
