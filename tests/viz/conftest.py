"""A real headless Chromium (Debian's, driven by Playwright) and the pages of the seed corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cancu.graph.model import Model
from cancu.viz.pages import write_pages
from pagetools import CHROMIUM_ARGS, Watched, chromium_path

from cancu.api import load_model


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    contexts: list[Any] = []

    def _open(path: Path, fragment: str = "", *, bypass_csp: bool = False) -> Watched:
        ctx = browser.new_context(viewport={"width": 1600, "height": 1000}, bypass_csp=bypass_csp)
        contexts.append(ctx)
        page = ctx.new_page()
        w = Watched(page)
        page.on("console", lambda msg: msg.type == "error" and w.errors.append(msg.text))
        page.on("pageerror", lambda exc: w.errors.append(str(exc)))
        page.on("requestfailed", lambda req: w.failed.append(f"{req.url} ({req.failure})"))
        page.on("request", lambda req: req.url.startswith(("file:", "data:", "about:")) or w.failed.append(req.url))
        page.goto(path.as_uri() + fragment)
        return w

    yield _open
    for ctx in contexts:
        ctx.close()


@pytest.fixture(scope="session")
def seed_pages(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Model, Path]:
    out = tmp_path_factory.mktemp("seed-pages")
    model = load_model([str(seeds_dir)])
    write_pages(model, out)
    return model, out
