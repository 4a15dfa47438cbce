"""The command line's shared options (file limits, Bolt server, SPARQL Graph Store) and its printing of an
extracted plan: kept apart so cli.py holds only the commands."""

from __future__ import annotations

from typing import Any

import click


def limit_options(f: Any) -> Any:
    """The limits on one input file (loaders/read/limits.py holds the defaults), for extract and build."""
    from cancu.loaders.read.limits import DEFAULT as D

    for opt in reversed([
        click.option("--max-file-mb", type=click.FloatRange(min=0, min_open=True), default=D.max_file_mb,
                     show_default=True, help="Larger files are refused unread."),
        click.option("--max-pdf-pages", type=click.IntRange(1), default=D.max_pdf_pages, show_default=True,
                     help="Longer PDFs are refused before their pages are read."),
        click.option("--max-unzipped-mb", type=click.FloatRange(min=0, min_open=True), default=D.max_unzipped_mb,
                     show_default=True, help="A .docx that would unpack to more is refused (zip bombs)."),
        click.option("--max-zip-ratio", type=click.FloatRange(min=1), default=D.max_zip_ratio, show_default=True,
                     help="A .docx that would unpack to more than this many times its size is refused."),
        click.option("--timeout-per-file", type=click.FloatRange(min=0, min_open=True), default=D.timeout_s,
                     show_default=True, help="Seconds one file may take; past them it is stopped and reported."),
        click.option("--max-memory-mb", type=click.IntRange(64), default=D.memory_mb, show_default=True,
                     help="Memory one file's extraction may take; past it the file is reported."),
    ]):
        f = opt(f)
    return f



def bolt_options(f: Any) -> Any:
    for opt in reversed([
        click.option("--uri", envvar="NEO4J_URI", help="Bolt server, e.g. bolt://localhost:7687 [env NEO4J_URI]"),
        click.option("--user", envvar="NEO4J_USER", help="[env NEO4J_USER]"),
        click.option("--password", envvar="NEO4J_PASSWORD", help="[env NEO4J_PASSWORD]"),
        click.option("--database", envvar="NEO4J_DATABASE", help="Database name (Neo4j) [env NEO4J_DATABASE]"),
    ]):
        f = opt(f)
    return f


def sparql_options(f: Any) -> Any:
    for opt in reversed([
        click.option("--sparql", metavar="URL", envvar="CANCU_SPARQL_URL",
                     help="A Graph Store endpoint instead of Bolt, e.g. http://localhost:3030/DATASET/data "
                          "(Fuseki) or http://localhost:7878/store (Oxigraph) [env CANCU_SPARQL_URL]"),
        click.option("--sparql-query", metavar="URL", envvar="CANCU_SPARQL_QUERY_URL",
                     help="The same server's SPARQL query endpoint: when given, the graphs of plans no longer "
                          "in the build are dropped [env CANCU_SPARQL_QUERY_URL]"),
        click.option("--sparql-user", envvar="CANCU_SPARQL_USER", help="Basic auth [env CANCU_SPARQL_USER]"),
        click.option("--sparql-password", envvar="CANCU_SPARQL_PASSWORD",
                     help="Basic auth [env CANCU_SPARQL_PASSWORD]"),
    ]):
        f = opt(f)
    return f



def print_record(rec: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    p = rec["plan"]
    console.print(f"[bold]{rec['source']}[/bold]")
    console.print(f"  {p['type']} {p['number'] or '(số để trống)'} · {p['date'] or '(ngày để trống)'} · "
                  f"{p['province'] or '?'} · năm {p['year'] or '?'} · {p['issuer'] or '?'}", markup=False)
    if p.get("title"):
        console.print(f"  {p['title']}", markup=False)
    table = Table("role", "type", "number", "date", "issuer", "line", show_edge=False, pad_edge=False)
    for c in rec["citations"]:
        table.add_row(c["role"], c["type"], c["number"] or c.get("name") or "", c["date"] or "", c["issuer"] or "",
                      str(c["line"]))
    console.print(table)
    for a in rec["activities"]:
        console.print(f"  [{a['id']}] {', '.join(a['lead'])} ← {', '.join(a['cooperating']) or '-'}",
                      markup=False)
    for w in rec["warnings"]:
        console.print(f"  warning (line {w['line'] or '-'}): {w['message']}", markup=False)
    console.print()
