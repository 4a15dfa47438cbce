"""The public verbs: extract plans, build the graph and write it out.

    >>> from cancu.api import extract_text
    >>> from cancu.testing import PLAN_TEXT
    >>> [c.number for c in extract_text(PLAN_TEXT).citations]
    ['76/NQ-CP', '251/QĐ-BNV']
"""

from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cancu import kept_sources, outputs
from cancu.corrections import Corrections
from cancu.corrections import apply as apply_corrections
from cancu.errors import CancuError, InputError
from cancu.graph import analytics
from cancu.graph.build import PlanPart, build_model, build_model_from_parts, plan_part
from cancu.graph.model import Model
from cancu.loaders.extract import extract_path, extract_text
from cancu.loaders.extract.records import PlanRecord
from cancu.loaders.read import expand_named, limits
from cancu.operations import (
    UsageError,
    Validation,
    export,
    iri_compactor,
    push_bolt,
    push_sparql,
    query,
    saved_queries,
    score,
    serve,
    validate,
)
from cancu.workers import die_with_parent, supervised_map

if TYPE_CHECKING:
    from cancu.graph.outdir import Staging
    from cancu.part_cache import PartCache

# a file the build wrote: its path in OUT, size and sha256 (manifest.json "files")
Digest = dict[str, Any]
WriterResult = tuple[list[Path], float, list[Digest]]

__all__ = ["BuildResult", "UsageError", "Validation", "build", "export", "extract_json_lines", "extract_paths",
           "extract_text", "iri_compactor", "load_model", "plan_files", "push_bolt", "push_sparql", "query",
           "saved_queries", "score", "serve", "use_limits", "validate"]


@dataclass
class FileError:
    path: str
    message: str


@dataclass
class BuildResult:
    out: Path
    model: Model
    files: list[Path] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    # plans reused from the cache, re-read, added and removed since the previous build (cancu/part_cache.py)
    plans: dict[str, int] = field(default_factory=dict)
    # corrections.yaml's account: {"file", "applied": [lines], "stale": [{"line", "message"}]}
    corrections: dict[str, Any] | None = None


def _extract_one(path: str, name: str | None = None) -> PlanRecord | FileError:
    """One file, its failure as a value: what crosses the process boundary. `name`: what its facts
    cite it by (loaders.read.expand_named)."""
    return _guarded(partial(extract_path, name=name), path)


def _json_one(path: str, name: str | None = None) -> str | FileError:
    """One file as its `cancu extract --json` line, serialised in the worker: the parent only writes."""
    rec = _extract_one(path, name)
    return rec if isinstance(rec, FileError) else json.dumps(rec.to_json(), ensure_ascii=False)


def _part_one(path: str, name: str | None = None, corrections: Corrections | None = None,
              keep_lines: Path | None = None) -> PlanPart | FileError:
    """One file extracted, corrected (corrections.yaml) and resolved on its own: the map step of a build,
    run beside the extraction so the parent only merges what plans share. `name`: what its facts cite it
    by; with `keep_lines`, the plan's source lines are written there for its review page."""
    return _guarded(partial(_corrected_part, name=name, corrections=corrections, keep_lines=keep_lines), path)


def _corrected_part(path: str, name: str | None, corrections: Corrections | None,
                    keep_lines: Path | None) -> PlanPart:
    rec = extract_path(path, name=name)
    if corrections is not None:
        rec = apply_corrections(rec, corrections, path=path)
    if keep_lines is not None:
        kept_sources.keep(rec, keep_lines, path)
    return plan_part(rec)


def _keyed_part_one(path: str, name: str | None = None, corrections: Corrections | None = None,
                    keep_lines: Path | None = None) -> tuple[str, PlanPart] | FileError:
    """As _part_one, with the path it was read from: the build puts fresh parts among cached ones."""
    part = _part_one(path, name, corrections, keep_lines)
    return part if isinstance(part, FileError) else (path, part)


def _guarded(work: Callable[[str], Any], path: str) -> Any:
    try:
        return work(path)
    except InputError as exc:
        return FileError(path, str(exc))
    except MemoryError:  # past the worker's memory bound (RLIMIT_AS): the file, not the run, fails
        gc.collect()
        return FileError(path, f"{path}: needs more than {limits.current().memory_mb} MB of memory, the limit for "
                               "one file (raise it with --max-memory-mb)")
    except CancuError as exc:
        return FileError(path, f"{path}: {exc}")
    except Exception as exc:  # one bad file must not stop a batch of thousands
        if os.environ.get("CANCU_DEBUG"):
            raise
        return FileError(path, f"{path}: internal error ({type(exc).__name__}: {exc}); rerun with "
                               "CANCU_DEBUG=1 for the traceback and report it")


def plan_files(paths: Iterable[str]) -> list[str]:
    """Every plan file under the paths (folders searched), as extract and build read them."""
    from cancu.loaders.read import expand

    return expand(list(paths))


def use_limits(**options: Any) -> None:
    """The bounds on one input file for the extractions that follow (loaders/read/limits.py names them)."""
    limits.use(limits.with_options(**options))


def auto_jobs(n_files: int) -> int:
    """Processes worth starting: one per core, no more than files. A worker is forked, so it costs
    its warm-up (the domain knowledge, about a second) and pays for itself from the second file."""
    return max(1, min(os.cpu_count() or 1, n_files))


def extract_paths(paths: Iterable[str], on_error: Callable[[FileError], None] | None = None,
                  progress: Callable[[Iterable[str]], Iterable[str]] | None = None,
                  jobs: int = 1) -> Iterator[PlanRecord]:
    """Extract every plan file under the paths, in order, reporting files that fail and going on.

    `jobs` > 1 extracts in that many processes (0: one per core when the corpus is large enough);
    the records still come out in the files' order.
    """
    return _map_files(_extract_one, paths, on_error, progress, jobs)


def extract_json_lines(paths: Iterable[str], on_error: Callable[[FileError], None] | None = None,
                       progress: Callable[[Iterable[str]], Iterable[str]] | None = None,
                       jobs: int = 1) -> Iterator[str]:
    """As extract_paths, each record as its JSON line (what `cancu extract --json` prints), made in the
    worker processes: with the records unpickled and serialised in the parent, two processes gained
    only 1.4x over one."""
    return _map_files(_json_one, paths, on_error, progress, jobs)


def _map_files(work: Callable[[str, str], Any], paths: Iterable[str], on_error: Callable[[FileError], None] | None,
               progress: Callable[[Iterable[str]], Iterable[str]] | None, jobs: int) -> Iterator[Any]:
    """`work(path, name)` over every file under the paths, in the files' order, in `jobs` processes."""
    return _map_named(work, expand_named(list(paths)), on_error, progress, jobs)


def _map_named(work: Callable[[str, str], Any], named: list[tuple[str, str]],
               on_error: Callable[[FileError], None] | None,
               progress: Callable[[Iterable[str]], Iterable[str]] | None, jobs: int) -> Iterator[Any]:
    """`work(path, name)` over (path, name) pairs (loaders.read.expand_named), in their order."""
    files = [path for path, _ in named]
    one = partial(_named, work, dict(named))
    jobs = auto_jobs(len(files)) if jobs == 0 else jobs
    shown = progress(files) if progress else files
    if not files:
        return
    if os.environ.get("CANCU_DEBUG") and jobs <= 1:  # in this process, where a traceback shows
        yield from _sorted_out((one(p) for p in shown), on_error)
        return
    # in workers even for one job: a file that hangs or swells is stopped and reported, the run goes on
    if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
        # once, here: the forked workers inherit what it loads instead of each loading it. One worker
        # loads it itself: inherited, every page of it would be copied again as the worker touches it
        extract_text(_WARM_UP)
    yield from _sorted_out(supervised_map(one, shown, jobs, _lost, _warm_worker), on_error)



def _named(work: Callable[[str, str], Any], names: dict[str, str], path: str) -> Any:
    """`work` with the file's name beside its path: the workers are handed paths alone."""
    return work(path, names[path])


def _lost(path: str, reason: str) -> FileError:
    return FileError(path, f"{path}: {reason}")


_WARM_UP = ("UBND TỈNH AN GIANG\nSố: 1/KH-UBND\nAn Giang, ngày 1 tháng 3 năm 2022\nKẾ HOẠCH\nTuyên truyền năm 2022\n"
            "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\nI. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ chủ trì, "
            "phối hợp với các Sở: Tư pháp, Tài chính theo dõi.\n")


def _warm_worker() -> None:
    """A worker loads the domain knowledge and compiles its patterns once, then freezes them: the
    collector no longer walks those long-lived objects at every full collection (3-4% of a worker's time)."""
    extract_text(_WARM_UP)
    gc.freeze()


def _sorted_out(results: Iterable[Any], on_error: Callable[[FileError], None] | None) -> Iterator[Any]:
    for r in results:
        if isinstance(r, FileError):
            if on_error:
                on_error(r)
        else:
            yield r


def load_model(paths: Iterable[str], on_error: Callable[[FileError], None] | None = None, jobs: int = 1) -> Model:
    """Extract, resolve and annotate: the model every store and page is written from."""
    model = build_model(extract_paths(paths, on_error, jobs=jobs))
    analytics.annotate(model)
    return model


def build(paths: Iterable[str], out: str | Path, *, on_error: Callable[[FileError], None] | None = None,
          progress: Callable[[Iterable[str]], Iterable[str]] | None = None,
          pages: bool = True, jobs: int = 0, skip: Iterable[str] = (), force: bool = False,
          corrections: str | Path | None = None, use_cache: bool = True) -> BuildResult:
    """Extract the plans, build the graph and write OUT/: RDF, exchange formats, pages, manifest, less
    the optional outputs in `skip` (cancu/outputs.py).

    Everything is written into a staging folder beside OUT that replaces OUT whole at the end
    (graph/outdir.py): a build that fails, reads nothing or is killed leaves the previous OUT as it was.
    A folder that is not a build is replaced only with `force`.

    `corrections` (else a corrections.yaml in a folder of `paths`) is applied to each plan after its
    extraction; its stale changes are in result.corrections and the manifest.

    A file read by the previous build of OUT, unchanged since and read by the same extractor with the
    same corrections, is not read again: its part comes from OUT/.cache (cancu/part_cache.py);
    `use_cache=False` reads every file. The outputs are the same bytes either way."""
    from cancu.corrections import find as find_corrections
    from cancu.graph import outdir

    paths = list(paths)
    corr = find_corrections(paths, corrections)  # before OUT is touched: a bad file stops the build

    skip = set(skip) | (set() if pages else {"pages"})
    outputs.check_skip(skip)
    stage = outdir.begin(Path(out), force=force)
    try:
        result = _build_into(stage, paths, on_error, progress, jobs, skip, corr, use_cache)
        outdir.commit(stage)
        if result.model.spool is not None:  # the model outlives the work folder its spool is in
            result.model.spool.move()
    finally:
        outdir.end(stage)
    result.out = Path(out)
    result.files = [result.out / f.relative_to(stage.staged) for f in result.files]
    return result


def _build_into(stage: Staging, paths: Iterable[str], on_error: Callable[[FileError], None] | None,
                progress: Callable[[Iterable[str]], Iterable[str]] | None, jobs: int, skip: set[str],
                corrections: Corrections | None = None, use_cache: bool = True) -> BuildResult:
    """The build written into the staging folder `stage.staged`."""
    from cancu.graph.chunk_cache import ChunkCache
    from cancu.part_cache import PartCache

    out = stage.staged
    errors: list[FileError] = []

    def record_error(err: FileError) -> None:
        errors.append(err)
        if on_error:
            on_error(err)

    t0 = time.perf_counter()
    named = expand_named(list(paths))  # each file with the name its facts cite it by
    cache = PartCache.open(stage.out, out, use_old=use_cache, corrections=corrections.path if corrections else None)
    cached, todo = cache.split(named)
    # streamed: each plan is extracted and resolved on its own in a worker, and merged as it comes
    keep_lines = None
    if outputs.wants_source_lines(skip):  # the review pages show each plan's lines: kept in the work folder, not OUT
        keep_lines = Path(stage.tmp) / "source-lines"
        keep_lines.mkdir(parents=True, exist_ok=True)
    cache.keep_lines = keep_lines
    work = partial(_keyed_part_one, corrections=corrections, keep_lines=keep_lines)
    model = build_model_from_parts(_cached_and_fresh(named, cached, todo, cache, work, record_error, progress, jobs),
                                   spool_dir=str(stage.tmp))
    if not model.sources:  # a mistyped folder must not replace a good build with an empty one
        raise CancuError(f"no input could be read; {stage.out} left as it was")
    cache.finish()
    report = _corrections_report(model, corrections) if corrections else None
    t1 = time.perf_counter()
    # each plan's chunk as the previous build wrote it: its sections copied, its counts and tally reused
    model.chunk_cache = ChunkCache(stage.out if cache.old is not None else None, cache.new)
    analytics.annotate(model)
    t2 = time.perf_counter()
    result = BuildResult(out, model, errors=errors, timings={"extract_and_model_s": t1 - t0, "analytics_s": t2 - t1},
                         plans=cache.counts.to_json(), corrections=report)
    writers = outputs.writers(skip, keep_lines)  # the registry's, less `skip` (cancu/outputs.py)
    digests: list[Digest] = []
    for name, (paths_written, seconds, written) in _run_writers(writers, model, out, jobs).items():
        result.files += paths_written
        digests += written
        result.timings[f"{name}_s"] = seconds
    result.files.append(_write_manifest(result, digests))
    model.chunk_cache.save()
    return result


def _cached_and_fresh(named: list[tuple[str, str]], cached: set[str], todo: list[str], cache: PartCache,
                      work: Callable[[str, str], tuple[str, PlanPart] | FileError],
                      on_error: Callable[[FileError], None],
                      progress: Callable[[Iterable[str]], Iterable[str]] | None, jobs: int) -> Iterator[PlanPart]:
    """Every file's part in the files' order, as a clean build merges them: cached parts read one at a
    time, the others extracted in workers (which keep the order) and put in the cache."""
    names = dict(named)
    fresh = _map_named(work, [(p, names[p]) for p in todo], on_error, progress, jobs) if todo else iter(())
    pending = next(fresh, None)
    for path, name in named:
        if path in cached:
            part = cache.load(path)
            if part is None:  # its entry is damaged or lacks what this build needs: read here, the rare case
                done = work(path, name)
                if isinstance(done, FileError):
                    on_error(done)
                    continue
                part = done[1]
                cache.put(path, part)
            yield part
        elif pending is not None and pending[0] == path:
            cache.put(path, pending[1])
            yield pending[1]
            pending = next(fresh, None)
        # else the file could not be read: reported through on_error, as in a clean build


def _corrections_report(model: Model, corrections: Corrections) -> dict[str, Any]:
    """What the corrections did across the corpus; each stale change also a warning of the build."""
    from cancu.corrections import summary

    report = summary(corrections, model.sources)
    model.warnings += [{"file": report["file"], "code": "stale_correction", "line": s["line"],
                        "message": f"stale correction: {s['message']}"} for s in report["stale"]]
    return report


# what forked writer processes inherit: the model and the writers, never pickled
_FORKED: tuple[Model, dict[str, Callable[[Model, Path], list[Path]]]] | None = None


def _run_writers(writers: dict[str, Callable[[Model, Path], list[Path]]], model: Model, out: Path,
                 jobs: int) -> dict[str, WriterResult]:
    """Each writer's files and seconds. The writers only read the model, so with more than one core they
    run side by side in forked processes that share it copy-on-write; each writes its own files."""
    import multiprocessing as mp

    workers = min(len(writers), os.cpu_count() or 1) if jobs == 0 else min(len(writers), jobs)
    if workers <= 1 or "fork" not in mp.get_all_start_methods():
        return {name: _timed(writer, model, out) for name, writer in writers.items()}
    from concurrent.futures import ProcessPoolExecutor

    global _FORKED
    _FORKED = (model, writers)
    if model.spool is not None:
        model.spool.flush()  # or each child would write the parent's buffered bytes again
    # the collector would touch every object of the model in each child, copying the pages it shares
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("fork"),
                                 initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
            # the slowest first, so the others fill in beside it
            order = outputs.slow_first(list(writers))
            futures = {name: pool.submit(_forked_writer, name, out) for name in order}
            done = {name: f.result() for name, f in futures.items()}
    finally:
        _FORKED = None
        gc.unfreeze()
    return {name: done[name] for name in writers}


def _forked_writer(name: str, out: Path) -> WriterResult:
    assert _FORKED is not None, "forked writer without a model"
    model, writers = _FORKED
    return _timed(writers[name], model, out)


def _timed(writer: Callable[[Model, Path], list[Path]], model: Model, out: Path) -> WriterResult:
    """A writer's files, its seconds, and each file's digest, taken in the writer's own process."""
    ts = time.perf_counter()
    files = writer(model, out)
    seconds = time.perf_counter() - ts
    return files, seconds, [_digest(f, out) for f in files]


def _digest(path: Path, root: Path) -> Digest:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
    return {"path": path.relative_to(root).as_posix(), "size": path.stat().st_size, "sha256": h.hexdigest()}


def _write_manifest(result: BuildResult, digests: list[Digest]) -> Path:
    """OUT/manifest.json: counts, sources, warnings, errors, and every file written with its size and
    sha256 for `cancu validate` (no timings, no staging paths: the same input gives the same file), and
    `plans`: how many were reused from the previous build's cache, re-read, added and removed (the only
    part in which a rebuild's manifest differs from a clean build's)."""
    manifest: dict[str, Any] = {
        "counts": result.model.counts(),
        "plans": result.plans,
        "sources": sorted(result.model.sources, key=lambda s: s["file"]),
        "warnings": result.model.warnings,
        "errors": [{"file": e.path, "message": e.message} for e in result.errors],
        "files": sorted(digests, key=lambda d: d["path"]),
    }
    if result.corrections is not None:
        manifest["corrections"] = result.corrections
    path = result.out / "manifest.json"
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path
