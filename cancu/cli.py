"""The `cancu` command: thin wrappers that parse options, call one library function, print."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from cancu.cli_options import bolt_options, limit_options, print_record, sparql_options
from cancu.errors import CancuError
from cancu.outputs import optional_outputs

if TYPE_CHECKING:  # for the annotation only: the verbs import cancu.api inside, when they run
    from cancu.api import BuildResult

# sysexits' EX_TEMPFAIL: another build holds OUT; trying again later will do
EXIT_LOCKED = 75


def _fail(message: str) -> None:
    click.echo(f"cancu: error: {message}", err=True)


def _progress(items: list[str], label: str) -> Iterator[str]:
    """Progress on stderr when someone is watching; silent in pipes and CI."""
    if not sys.stderr.isatty() or len(items) < 5:
        yield from items
        return
    with click.progressbar(items, label=label, file=sys.stderr, show_pos=True) as bar:
        yield from bar


def _use_limits(options: dict[str, Any]) -> None:
    from cancu.api import use_limits

    use_limits(**dict(
        max_file_mb=options.pop("max_file_mb"), max_pdf_pages=options.pop("max_pdf_pages"),
        max_unzipped_mb=options.pop("max_unzipped_mb"), max_zip_ratio=options.pop("max_zip_ratio"),
        timeout_s=options.pop("timeout_per_file"), memory_mb=options.pop("max_memory_mb")))


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="cancu")
def main() -> None:
    """cancu: Vietnamese administrative plans (Kế hoạch) into a knowledge graph.

    Reads plans, finds the documents they stand on (legal bases) and cite, the agencies that lead
    and cooperate on their activities, and builds one graph (RDF, property graph, pages).
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="FILE_OR_DIR...")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per plan per line (JSON Lines).")
@click.option("--jobs", "-j", default=0, show_default=True, type=click.IntRange(0),
              help="Processes to extract with (0: one per core, up to one per file).")
@limit_options
def extract(paths: tuple[str, ...], as_json: bool, jobs: int, **limit_options: Any) -> None:
    """Extract legal bases, citations, activities and metadata from plans.

    Folders are searched for plan files (.txt, .md, .docx, .doc, .pdf, .png, .jpg, .tif). Scans are
    OCRed with Tesseract's Vietnamese model. A file that cannot be read is reported on
    stderr in one line and the others are still processed; the exit status is 1 if any failed.

    \b
    Examples:
      cancu extract ../shared/corpus/seeds
      cancu extract plan.txt --json > plan.jsonl
    """
    from cancu.api import FileError, extract_json_lines, extract_paths

    _use_limits(limit_options)
    failed: list[FileError] = []
    read = 0  # each file gives a record or an error: the folders are walked once, by the extraction

    def report(err: FileError) -> None:
        _fail(err.message)
        failed.append(err)

    def progress(f: Any) -> Any:
        return _progress(list(f), "extracting")

    if as_json:
        # the paths as given: what the facts cite each file by is relative to them
        for line in extract_json_lines(paths, report, progress, jobs=jobs):
            click.echo(line)
            read += 1
    else:
        for record in extract_paths(paths, report, progress, jobs=jobs):
            print_record(record.to_json())
            read += 1
    if failed:
        _fail(f"{len(failed)} of {read + len(failed)} file(s) could not be read")
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="FILE_OR_DIR...")
@click.option("--out", "-o", required=True, type=click.Path(file_okay=False), help="Folder to write the build to.")
@click.option("--no-pages", is_flag=True, help="Skip the HTML pages (the same as --skip pages).")
@click.option("--skip", multiple=True, type=click.Choice(sorted(optional_outputs())),
              help="Leave out an optional output; repeat for more. For a large corpus: "
                   "--skip exchange --skip pages (the whole graph in one file or one page helps nobody there).")
@click.option("--jobs", "-j", default=0, show_default=True, type=click.IntRange(0),
              help="Processes to extract with (0: one per core, up to one per file).")
@click.option("--force", is_flag=True,
              help="Replace OUT even if it is a folder that is not a cancu build (no manifest.json); its "
                   "contents are deleted.")
@click.option("--no-cache", is_flag=True,
              help="Read every file again instead of reusing what the previous build of OUT read from the "
                   "unchanged ones (the outputs are the same either way).")
@click.option("--corrections", type=click.Path(dir_okay=False), default=None,
              help="Human corrections to apply after extraction (default: corrections.yaml in a folder read).")
@limit_options
def build(paths: tuple[str, ...], out: str, no_pages: bool, skip: tuple[str, ...], jobs: int, force: bool,
          no_cache: bool, corrections: str | None, **limit_options: Any) -> None:
    """Extract plans and build the graph: RDF, property graph, GraphML/GEXF, pages and a manifest in OUT.

    \b
    OUT/graph.nt, graph.ttl, graph.jsonld   the graph in RDF (cancu vocabulary)
    OUT/nodes.jsonl, edges.jsonl            the property graph (what `cancu push` loads)
    OUT/graph.graphml, graph.gexf           for yEd, Cytoscape, Gephi
    OUT/index.html, citations.html, …       pages that open from disk
    OUT/manifest.json                       counts, sources, warnings, errors, files with sizes and sha256
    Re-running on the same input gives the same files.

    On an existing OUT only the files added or changed since its build are read again: what each file
    gave is kept in OUT/.cache, keyed by the file's bytes and the extractor's version (its code and
    data files), so a new cancu reads everything again. The manifest's "plans" says how many were
    reused, re-read, added and removed; --no-cache reads them all.

    OUT is replaced whole at the end: the build is written beside it (.OUT.cancu-build-PID) and
    renamed into place, so a build that fails, reads no file or is killed leaves the old OUT as it
    was. One build at a time per OUT (lock file .OUT.cancu-lock beside it; a second exits with
    status 75). Exit status 1 if a file could not be read, 2 if OUT may not be replaced.

    \b
    Example:
      cancu build ../shared/corpus/seeds --out out
    """
    from cancu.api import FileError
    from cancu.api import build as run_build
    from cancu.graph.outdir import BuildLocked, OutRefused

    def report(err: FileError) -> None:
        _fail(err.message)

    _use_limits(limit_options)
    try:
        result = run_build(list(paths), out, on_error=report, progress=lambda f: _progress(list(f), "extracting"),
                           pages=not no_pages, skip=skip, jobs=jobs, force=force, use_cache=not no_cache,
                           corrections=corrections)
    except BuildLocked as exc:
        _fail(str(exc))
        sys.exit(EXIT_LOCKED)
    except OutRefused as exc:
        _fail(str(exc))
        sys.exit(2)
    except CancuError as exc:
        _fail(str(exc))
        sys.exit(1)
    except OSError as exc:  # OUT cannot be written (not a folder, no space, no permission): the old OUT stays
        if os.environ.get("CANCU_DEBUG"):
            raise
        _fail(f"{exc.filename or out}: {exc.strerror or exc}; {out} left as it was")
        sys.exit(1)
    _report_build(result, out)
    if result.errors:
        _fail(f"{len(result.errors)} file(s) could not be read (see above)")
        sys.exit(1)


def _report_build(result: BuildResult, out: str) -> None:
    """What a finished build tells on stderr: stale corrections, then the counts and the plans reused."""
    if result.corrections:
        for stale in result.corrections["stale"]:
            click.echo(f"cancu: warning: {result.corrections['file']} line {stale['line']}: stale correction, "
                       f"not applied: {stale['message']}", err=True)
    c = result.model.counts()
    labels = ", ".join(f"{v} {k}" for k, v in c["by_label"].items() if v)
    click.echo(f"built {out}: {c['nodes']} nodes ({labels}), {c['edges']} edges, "
               f"{len(result.model.warnings)} warnings, {len(result.files)} files", err=True)
    p = result.plans
    click.echo(f"plans: {p['reused']} reused, {p['reread']} re-read, {p['added']} added, {p['removed']} removed",
               err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="FILE_OR_DIR...")
@click.option("--gold", "gold_path", required=True, type=click.Path(dir_okay=False, exists=True),
              help="Gold answers: a JSON file in the shared format, or a corrections.yaml (its plans, corrected).")
@click.option("--jobs", "-j", default=0, show_default=True, type=click.IntRange(0),
              help="Processes to extract with (0: one per core, up to one per file).")
@click.option("--min-basis", type=float, default=0.0, help="Fail (exit 1) under this legal-basis F1.")
@click.option("--min-all", type=float, default=0.0, help="Fail under this all-citation F1.")
@click.option("--min-coord", type=float, default=0.0, help="Fail under this coordination F1.")
@click.option("--min-meta", type=float, default=0.0, help="Fail under this share of plan metadata right.")
def score(paths: tuple[str, ...], gold_path: str, jobs: int, min_basis: float, min_all: float, min_coord: float,
          min_meta: float) -> None:
    """Extract plans and score what was read against gold answers: the figures the shared scorer prints.

    \b
    Examples:
      cancu score ../shared/corpus/seeds --gold ../shared/gold/seeds.json
      cancu score plans --gold plans/corrections.yaml     # the plans a team corrected, as corrected
    """
    from cancu.api import FileError, UsageError
    from cancu.api import score as run_score

    def report(err: FileError) -> None:
        _fail(err.message)

    try:
        result = run_score(paths, gold_path, (min_basis, min_all, min_coord, min_meta), report, jobs=jobs)
    except UsageError as exc:
        _fail(str(exc))
        sys.exit(2)
    for line in result.lines:
        click.echo(line)
    if result.failed:
        sys.exit(1)


@main.command()
@click.argument("out", type=click.Path(file_okay=False))
def validate(out: str) -> None:
    """Check a build is whole and conforms: every file the manifest lists is there with its size and
    sha256, nothing else is, the plan pages the index links exist, the counts agree with nodes.jsonl and
    edges.jsonl; then the SHACL shapes (ontology/shapes.ttl). One line per problem; exit 1 if any."""
    from cancu.api import UsageError
    from cancu.api import validate as run_validate

    try:
        result = run_validate(out)
    except UsageError as exc:
        _fail(str(exc))
        sys.exit(2)
    for line in result.lines:
        click.echo(line)
    if result.error is not None:
        _fail(result.error)
        sys.exit(2)
    if not result.ok:
        _fail(f"{result.problems} problem(s) with the files, {result.violations} violation(s) of the shapes")
        sys.exit(1)
    click.echo(f"{out}: whole, and conforms to the cancu shapes", err=True)


@main.command()
@click.argument("out", type=click.Path(file_okay=False))
@click.option("--xlsx", "xlsx", required=True, type=click.Path(dir_okay=False),
              help="The Excel workbook to write (replaced if it exists).")
def export(out: str, xlsx: str) -> None:
    """Write a build (OUT from `cancu build`) as an Excel workbook for analysts.

    Sheets: plans, legal bases, mentions, activities (one row per lead–cooperating pair, with the
    plan, activity id, time and source line) and agencies. Headers in Vietnamese with English below,
    filters on. Read from OUT's nodes.jsonl and edges.jsonl: the plans are not read again.

    \b
    Example:
      cancu build ../shared/corpus/seeds --out out && cancu export out --xlsx plans.xlsx
    """
    from cancu.api import export as run_export

    try:
        path = run_export(out, xlsx)
    except CancuError as exc:
        _fail(str(exc))
        sys.exit(1)
    except OSError as exc:  # the file named (not its temporary twin): what the user can act on
        _fail(f"{xlsx}: {exc.strerror or exc}")
        sys.exit(1)
    click.echo(f"wrote {path}", err=True)


@main.command()
@click.argument("out", type=click.Path(file_okay=False))
@bolt_options
@click.option("--batch-size", default=None, type=click.IntRange(1), help="Rows per transaction (default 2000).")
@sparql_options
def push(out: str, uri: str | None, user: str | None, password: str | None, database: str | None,
         batch_size: int | None, sparql: str | None, sparql_query: str | None, sparql_user: str | None,
         sparql_password: str | None) -> None:
    """Load a build (OUT from `cancu build`) into a Bolt server (Neo4j 5, Aura, FalkorDB) or, with
    --sparql, into a SPARQL 1.1 Graph Store (Fuseki, Oxigraph server, GraphDB …).

    Nodes and relationships are MERGEd on stable keys, so pushing twice, or pushing an
    overlapping build, gives the same graph. Without --uri (or NEO4J_URI) it refuses: use
    `cancu query run NAME --language cypher` to work on a private local FalkorDB instead.

    With --sparql, each plan becomes one named graph (https://w3id.org/cancu/graph/<plan key>) and the
    provinces, agencies and documents one more (…/graph/shared), each replaced whole by an HTTP PUT.
    Set the server's default graph to the union of the named graphs for the saved queries (README).

    Pushing OUT again after `cancu build` rebuilt it sends only what changed: what the last push
    sent is kept in OUT/.cache/push, and the relationships and nodes the build no longer has are
    deleted from the server, changed ones replaced. That holds while the server keeps what that push
    left (its :CancuPush node says so); otherwise the whole build is sent and merged in.

    \b
    Examples:
      cancu push out --uri bolt://localhost:7687 --user neo4j --password secret
      cancu push out --sparql http://localhost:3030/cancu/data --sparql-user admin
      cancu push out --sparql http://localhost:7878/store --sparql-query http://localhost:7878/query
    """
    from cancu.api import UsageError, push_bolt, push_sparql

    try:
        if sparql:
            pushed = push_sparql(out, sparql, sparql_query, sparql_user, sparql_password)
        else:
            pushed = push_bolt(out, uri, user, password, database, batch_size)
    except UsageError as exc:
        _fail(str(exc))
        sys.exit(2)
    except CancuError as exc:
        _fail(str(exc))
        sys.exit(1)
    for warning in pushed.warnings:
        _fail(warning)
    click.echo(pushed.summary, err=True)


@main.command()
@click.argument("out", type=click.Path(file_okay=False))
@click.option("--port", "-p", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port for the pages and the endpoint.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default lets only this machine in.")
def serve(out: str, port: int, host: str) -> None:
    """Serve a build's pages and a SPARQL 1.1 endpoint over its graph, until Ctrl-C.

    The endpoint (OUT's store in the Oxigraph server, read-only) is at /sparql beside the pages;
    the "Truy vấn (queries)" page runs the saved queries there from forms, or any SPARQL.

    \b
    Example:
      cancu serve out --port 8000     # then open http://127.0.0.1:8000/queries.html
    """
    from cancu.api import serve as run

    try:
        run(out, host, port, ready=lambda line: click.echo(line, err=True))
    except CancuError as exc:
        _fail(str(exc))
        sys.exit(1)


@main.group()
def query() -> None:
    """Saved SPARQL and Cypher queries: list them, run them on a build."""


@query.command("list")
def query_list() -> None:
    """One saved query per line: name, language, parameters, title."""
    from cancu.api import saved_queries

    for language, q in saved_queries():
        params = " ".join(f"{p.name}={p.example or '…'}" for p in q.params)
        click.echo(f"{q.name}\t{language}\t{params}\t{q.title}")


@query.command("run")
@click.argument("name")
@click.option("--out-dir", "out_dir", default="out", show_default=True, type=click.Path(file_okay=False),
              help="The build to query (what `cancu build --out` wrote).")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter; repeat.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--engine", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph", show_default=True,
              help="SPARQL engine.")
@click.option("--language", type=click.Choice(["sparql", "cypher"]), default=None,
              help="Which query of that name, when both languages have one (default: SPARQL).")
@bolt_options
def query_run(name: str, out_dir: str, params: tuple[str, ...], fmt: str, engine: str, language: str | None,
              uri: str | None, user: str | None, password: str | None, database: str | None) -> None:
    """Run saved query NAME on a build, with parameters bound (never pasted into the query).

    SPARQL queries run on OUT's RDF; Cypher ones (--language cypher) on the Bolt server given by
    --uri or NEO4J_URI, or else on a private local FalkorDB loaded with the build.

    \b
    Examples:
      cancu query run central-documents-most-cited --out-dir out
      cancu query run plans-standing-on --param number=76/NQ-CP --out-dir out --format json
    """
    from cancu.api import query as run_query

    try:
        q, df = run_query(name, out_dir, params, engine=engine, language=language, uri=uri, user=user,
                          password=password, database=database)
    except CancuError as exc:
        _fail(str(exc))
        sys.exit(2)
    if fmt == "json":
        import json

        # pandas writes '\/' for '/' in every IRI and number; json.dumps does not
        records = json.loads(df.to_json(orient="records", force_ascii=False))
        click.echo(json.dumps(records, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        click.echo(df.to_csv(index=False), nl=False)
    else:
        from rich.console import Console
        from rich.table import Table

        from cancu.api import iri_compactor

        compact = iri_compactor()
        table = Table(*[str(c) for c in df.columns], title=f"{q.name} ({len(df)} rows)")
        for row in df.itertuples(index=False):
            table.add_row(*["" if v is None or v != v else compact(str(v)) for v in row])
        Console(highlight=False).print(table)


@main.command()
@click.option("--plans", "-n", required=True, type=click.IntRange(1), help="How many plans to write.")
@click.option("--seed", "-s", default=1, show_default=True, type=int, help="The same seed gives the same corpus.")
@click.option("--out", "-o", required=True, type=click.Path(file_okay=False), help="Folder to write them to.")
@click.option("--jobs", "-j", default=0, show_default=True, type=click.IntRange(0),
              help="Processes to write with (0: one per core for large corpora).")
@click.option("--variations", "-v", default="default", show_default=True,
              help="Ways real plans vary (benchmarks/synth/data/synth.yaml): all, none, default, or NAME[=RATE],…")
def synth(plans: int, seed: int, out: str, jobs: int, variations: str) -> None:
    """Write realistic synthetic plans with their answers (OUT/answers.json), for benchmarks and tests.

    Plans of every province before and after 2025, their departments and districts, real central
    documents as legal bases, each province's own local numbers, and the layouts and noise real
    plans show (OCR without diacritics, broken lines, typos, tables). --variations adds the ways real
    plans differ (web-page headers and tables, laws by name, decisions issuing a plan, ministries' plans,
    …), each at a rate; the default is the set the extractor reads well. Score extraction on them with
    ../shared/tools/score_extraction.py OUT/answers.json EXTRACT.jsonl.

    \b
    Examples:
      cancu synth --plans 1000 --seed 7 --out synth && cancu extract synth --json -j 0 > synth.jsonl
      cancu synth --plans 300 --out synth-web --variations web_header=1,table_cells
    """
    from cancu.checkout import synth_tool

    try:
        tool = synth_tool()  # the generator is a tool of the checkout, not of the installed package
    except CancuError as exc:
        raise click.ClickException(str(exc)) from None
    generate, parse_variations = tool.generate, tool.parse_variations

    try:
        rates = parse_variations(variations)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--variations") from None
    answers = generate(plans, seed, Path(out), jobs=jobs, variations=rates)
    click.echo(f"wrote {plans} plans to {out} and their answers to {answers}", err=True)


if __name__ == "__main__":
    main()
