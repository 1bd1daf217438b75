"""Timing helpers: medians of repeated runs, printed as ratios against a floor, goals checked.

Every goal a bench prints is also checked: a missed one is remembered in `MISSED`, and
`bench/run.py` (`make bench`) exits non-zero when any goal was missed.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable

MISSED: list[str] = []
_GOAL = re.compile(r"^\s*(<=|<|>=|>)\s*([0-9][0-9,]*(?:\.[0-9]+)?)")


def median_ms(fn: Callable[[], object], repeat: int, warmup: int = 3) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def medians_interleaved(
    fns: list[Callable[[], object]], repeat: int, warmup: int = 3
) -> list[float]:
    """Median ms of each function, run in turn round after round: a disk or CPU that gets busy
    mid-run slows all of them alike, so their ratios stay fair on a shared machine."""
    for fn in fns:
        for _ in range(warmup):
            fn()
    samples: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, out in zip(fns, samples, strict=True):
            start = time.perf_counter()
            fn()
            out.append((time.perf_counter() - start) * 1000)
    return [statistics.median(s) for s in samples]


def meets(value: float, goal: str) -> bool | None:
    """`<= 1.5`, `< 2 ms`, `> 1,000/s` against a value in the goal's unit; None: no goal."""
    m = _GOAL.match(goal)
    if not m:
        return None
    limit = float(m[2].replace(",", ""))
    return {
        "<=": value <= limit,
        "<": value < limit,
        ">=": value >= limit,
        ">": value > limit,
    }[m[1]]


def expect(name: str, value: float, goal: str) -> None:
    """Check a figure a bench printed itself; remember it when the goal is missed."""
    if meets(value, goal) is False:
        MISSED.append(f"{name}: {value:.3f} (goal {goal})")
        print(f"  MISSED: {name} (goal {goal})")


def report(name: str, ours: float, floor: float | None, goal: str, unit: str = "ms") -> None:
    """Print a figure (and its ratio to the floor, which the goal then reads) and check it."""
    if floor:
        print(
            f"{name}: ours {ours:.3f} {unit}, floor {floor:.3f} {unit}, "
            f"ratio {ours / floor:.2f} (goal {goal})"
        )
        expect(name, ours / floor, goal)
    else:
        print(f"{name}: {ours:.3f} {unit} (goal {goal})")
        expect(name, ours, goal)
