"""`make bench`: run every bench/bench_*.py in one process, print its figures, fail on a miss.

Exits 1 when a bench raised (some raise on a missed goal) or a goal checked by `common.report`
/ `common.expect` was missed, so a figure the README quotes cannot silently stop being true.
"""

from __future__ import annotations

import importlib.util
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).parent


def main() -> int:
    sys.path.insert(0, str(HERE))
    import common

    crashed = []
    for path in sorted(HERE.glob("bench_*.py")):
        print(f"== {path.stem}", flush=True)
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
            module.main()
        except Exception:
            crashed.append(path.stem)
            print(f"{path.stem} FAILED:\n{traceback.format_exc()}")
    if crashed or common.MISSED:
        print("\nGoals missed:" if common.MISSED else "")
        for line in common.MISSED:
            print(f"  {line}")
        for name in crashed:
            print(f"  {name} crashed")
        return 1
    print("\nEvery goal met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
