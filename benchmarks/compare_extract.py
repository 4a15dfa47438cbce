"""Two installs of cancu timed side by side on the same inputs: old against new, A B A B.

    python3 benchmarks/compare_extract.py --old ../old/.venv/bin/cancu --new .venv/bin/cancu \
        --runs 5 /tmp/synth1k ../shared/corpus/real > compare.json

Each run is `cancu extract INPUTS --json -j 1` as a whole process, its output thrown away. The two
commands alternate, so a machine whose speed drifts during the run slows both alike; the figure to
quote is the median of the pairwise ratios new/old (CPU time and wall time), not either median alone.
Prints one JSON object; progress on stderr.

CPU time on a shared or virtual machine moves by 10-20 % from run to run, more than the difference
being measured. `--instructions` adds a figure that does not move: each command run once more under
Valgrind (cachegrind), both at once, counting the instructions it executes (with PYTHONHASHSEED=0, in
one process: CANCU_DEBUG=1 keeps the new install's extraction in the process, as the old one's was).
It leaves out what instructions do not show (cache misses, page faults), so quote it beside the CPU
ratio, not instead of it. Valgrind slows a run about 40 times: some ten minutes for 1,000 plans.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the child and its children) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):  # 1: some file could not be read, the others were extracted
        sys.exit(f"{cmd[0]} failed ({proc.returncode}): {proc.stderr.decode(errors='replace')[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def instructions(cmds: list[list[str]]) -> list[int]:
    """Instructions each command executes (every process it starts), run side by side under cachegrind."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "CANCU_DEBUG": "1"}
    procs = [subprocess.Popen(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--trace-children=yes",
                               "--cachegrind-out-file=/dev/null", *cmd],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env) for cmd in cmds]
    counts = []
    for cmd, proc in zip(cmds, procs, strict=True):
        _, err = proc.communicate()
        refs = re.findall(r"==\d+== I\s+refs:\s+([\d,]+)", err.decode(errors="replace"))
        if proc.returncode not in (0, 1) or not refs:
            sys.exit(f"{cmd[0]} under valgrind failed ({proc.returncode}): {err.decode(errors='replace')[-500:]}")
        counts.append(sum(int(r.replace(",", "")) for r in refs))
    return counts


def count_plans(inputs: list[Path]) -> int:
    exts = {".txt", ".md", ".docx", ".pdf", ".doc", ".odt", ".png", ".jpg", ".tif"}
    n = 0
    for p in inputs:
        if p.is_dir():
            n += sum(1 for f in p.rglob("*") if f.suffix.lower() in exts and f.name != "SOURCES.tsv")
        else:
            n += 1
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--old", required=True, help="the old install's cancu executable")
    ap.add_argument("--new", required=True, help="the new install's cancu executable")
    ap.add_argument("--runs", type=int, default=5, help="counted pairs (after one warm-up pair)")
    ap.add_argument("--instructions", action="store_true",
                    help="also count each command's instructions under Valgrind (a figure that does not move)")
    ap.add_argument("inputs", nargs="+", type=Path)
    a = ap.parse_args()
    for exe in (a.old, a.new):
        if not os.access(exe, os.X_OK):
            sys.exit(f"not an executable: {exe}")
    args = ["extract", *map(str, a.inputs), "--json", "-j", "1"]
    old_cmd, new_cmd = [a.old, *args], [a.new, *args]
    timed(old_cmd)
    timed(new_cmd)
    rows = []
    for i in range(a.runs):
        o = timed(old_cmd)
        n = timed(new_cmd)
        rows.append((o, n))
        print(f"pair {i + 1}/{a.runs}: old {o[1]:.2f} s CPU, new {n[1]:.2f} s CPU, ratio {n[1] / o[1]:.3f}",
              file=sys.stderr)
    plans = count_plans(a.inputs)

    def med(xs: list[float]) -> float:
        return round(statistics.median(xs), 4)

    out = {
        "inputs": [str(p) for p in a.inputs], "plans": plans, "runs": a.runs,
        "old": {"wall_s": med([o[0] for o, _ in rows]), "cpu_s": med([o[1] for o, _ in rows])},
        "new": {"wall_s": med([n[0] for _, n in rows]), "cpu_s": med([n[1] for _, n in rows])},
        "ratio_new_over_old": {"wall": med([n[0] / o[0] for o, n in rows]), "cpu": med([n[1] / o[1] for o, n in rows])},
        "ratio_range_cpu": [round(min(n[1] / o[1] for o, n in rows), 4), round(max(n[1] / o[1] for o, n in rows), 4)],
    }
    out["old"]["ms_per_plan_cpu"] = round(1000 * out["old"]["cpu_s"] / plans, 3)
    out["new"]["ms_per_plan_cpu"] = round(1000 * out["new"]["cpu_s"] / plans, 3)
    if a.instructions:
        print("counting instructions under valgrind (both at once)…", file=sys.stderr)
        old_i, new_i = instructions([old_cmd, new_cmd])
        out["old"]["instructions_per_plan"] = round(old_i / plans)
        out["new"]["instructions_per_plan"] = round(new_i / plans)
        out["ratio_new_over_old"]["instructions"] = round(new_i / old_i, 4)
    json.dump(out, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
