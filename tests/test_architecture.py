"""Services know nothing of screens: importing them must not load textual, click or fastapi."""

from __future__ import annotations

import ast
import importlib.util
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import bazar_pos

UI = (".tui", ".cli", ".api", ".web", ".dashboard", "__main__")


def _service_modules() -> list[str]:
    return sorted(
        m.name
        for m in pkgutil.walk_packages(bazar_pos.__path__, "bazar_pos.")
        if not any(part in m.name for part in UI)
    )


def test_services_do_not_load_textual_or_fastapi() -> None:
    modules = _service_modules()
    assert "bazar_pos.booth.sales" in modules and "bazar_pos.payments.qris" in modules
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in ('textual', 'fastapi', 'uvicorn') if m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_services_never_import_click_or_textual_themselves() -> None:
    """sqlite-utils loads click for its own CLI, so click is checked in our sources instead."""
    offenders = []
    for name in _service_modules():
        spec = importlib.util.find_spec(name)
        assert spec and spec.origin
        tree = ast.parse(Path(spec.origin).read_text())
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else ([node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            )
            if any(n.split(".")[0] in ("click", "textual", "fastapi") for n in names):
                offenders.append(name)
    assert offenders == []


def _modules_loaded_by(package: str, prefix: str) -> list[str]:
    """Import every module of `package` in a fresh interpreter; the loaded ones under `prefix`."""
    code = (
        f"import importlib, pkgutil, sys, {package} as p\n"
        f"for m in pkgutil.walk_packages(p.__path__, '{package}.'):\n"
        "    importlib.import_module(m.name)\n"
        f"print(sorted(k for k in sys.modules if k.startswith('{prefix}')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return list(ast.literal_eval(out.stdout.strip()))


def test_booth_never_imports_the_hub() -> None:
    assert _modules_loaded_by("bazar_pos.booth", "bazar_pos.hub") == []


def test_the_hub_never_imports_the_booth() -> None:
    """DESIGN: booth and hub meet only in the bundle format (and the kit file)."""
    assert _modules_loaded_by("bazar_pos.hub", "bazar_pos.booth") == []
