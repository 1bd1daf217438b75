"""`make bench`: run every bench/bench_*.py in one process and print its figures.

A bench that misses its goal raises; the run goes on with the others, then exits 1.
"""

from __future__ import annotations

import importlib.util
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).parent


def main() -> None:
    sys.path.insert(0, str(HERE))
    failed = []
    for path in sorted(HERE.glob("bench_*.py")):
        print(f"== {path.stem}")
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
            module.main()
        except Exception:
            print(f"{path.stem} FAILED:\n{traceback.format_exc()}")
            failed.append(path.stem)
    if failed:
        print(f"missed goals or errors: {', '.join(failed)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
