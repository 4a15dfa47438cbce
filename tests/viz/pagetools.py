"""Helpers for the page tests: Debian's Chromium, watched pages and screenshots."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"  # git-ignored; kept for people to look at
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def chromium_path() -> str:
    """Debian's Chromium (never a downloaded browser build); a missing one fails the run, loudly."""
    path = os.environ.get("CANCU_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail(f"Chromium not found at {path}: the page tests need a real browser. Install Debian's "
                    "(`apt-get update && apt-get install -y chromium`) or set CANCU_CHROMIUM to its path.")
    return path


@dataclass
class Watched:
    """A page with everything that went wrong on it recorded: console errors, uncaught exceptions and
    any request that failed or left the disk (the pages must not touch the network)."""

    page: Any
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def check(self) -> None:
        assert not self.errors, f"console errors: {self.errors}"
        assert not self.failed, f"failed or remote requests: {self.failed}"


def wait_ready(w: Watched) -> None:
    """Network pages set body[data-ready] once the layout is final (a selector, not a JS predicate:
    the pages' CSP forbids the eval Playwright's wait_for_function needs)."""
    w.page.wait_for_selector('body[data-ready="1"]', state="attached", timeout=60_000)


def screenshot(w: Watched, name: str, tmp: Path) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    w.page.screenshot(path=str(path))
    shutil.copy(path, tmp / path.name)
    return path
