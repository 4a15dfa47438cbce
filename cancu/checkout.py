"""Tools that live in a checkout of cancu beside the package, not in what `pip install` puts in
site-packages: the synthetic-plan generator (benchmarks/synth) is a tool for tests and benchmarks."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

from cancu.errors import CancuError

ROOT = Path(__file__).resolve().parents[1]


def synth_tool() -> ModuleType:
    """benchmarks.synth of the checkout this cancu runs from (an editable install)."""
    if not (ROOT / "benchmarks" / "synth" / "__init__.py").is_file():
        raise CancuError("cancu synth runs from a checkout of cancu (pip install -e .): "
                         f"benchmarks/synth is not beside {Path(__file__).parent}")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return importlib.import_module("benchmarks.synth")
