"""Variations: the ways real plans differ from the plain layout, each drawn at a rate of its own."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from functools import cache

from benchmarks.synth.vocabulary import synth_data


@cache
def variation_rates() -> dict[str, float]:
    """Every variation the generator can write, with its rate, in synth.yaml's order."""
    return {str(name): float(v["rate"]) for name, v in synth_data()["variations"].items()}


def default_variations() -> dict[str, float]:
    """The variations a plain `cancu synth` writes: those the extractor reads well today."""
    marked = synth_data()["variations"]
    return {n: r for n, r in variation_rates().items() if marked[n].get("default")}


def parse_variations(spec: str | Iterable[str] | Mapping[str, float] | None) -> dict[str, float]:
    """'all', 'none', 'default', or names with an optional rate ('web_header,law_by_name=1') → {name: rate}.
    None is the default set."""
    if spec is None:
        return default_variations()
    if isinstance(spec, Mapping):
        items = [f"{k}={v}" for k, v in spec.items()]
    elif isinstance(spec, str):
        items = [t.strip() for t in spec.split(",") if t.strip()]
    else:
        items = list(spec)
    known = variation_rates()
    out: dict[str, float] = {}
    for item in items:
        name, _, rate = item.partition("=")
        if name in ("all", "default"):
            out.update(known if name == "all" else default_variations())
            continue
        if name == "none":
            continue
        if name not in known:
            raise ValueError(f"unknown variation '{name}': one of {', '.join(known)}, all, default, none")
        out[name] = float(rate) if rate else known[name]
        if not 0.0 <= out[name] <= 1.0:
            raise ValueError(f"the rate of '{name}' must be between 0 and 1, got {rate}")
    return {n: out[n] for n in known if n in out}  # synth.yaml's order, whatever the spec's


def _drawn_variations(seed: int, index: int, rates: Mapping[str, float]) -> frozenset[str]:
    """The variations of one plan, from a stream of their own: one draw per known variation, so a plan's
    draw for one does not depend on which others are on, and with none on, plans are as before."""
    vr = random.Random(f"{seed}:variations:{index}")
    return frozenset(n for n in variation_rates() if vr.random() < rates.get(n, 0.0))
