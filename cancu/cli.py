"""The `cancu` command: thin wrappers that parse options, call one library function, print."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from typing import Any

import click

from cancu.errors import CancuError, InputError


def _fail(message: str) -> None:
    click.echo(f"cancu: error: {message}", err=True)


def _progress(items: list[str], label: str) -> Iterator[str]:
    """Progress on stderr when someone is watching; silent in pipes and CI."""
    if not sys.stderr.isatty() or len(items) < 5:
        yield from items
        return
    with click.progressbar(items, label=label, file=sys.stderr, show_pos=True) as bar:
        yield from bar


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
def extract(paths: tuple[str, ...], as_json: bool) -> None:
    """Extract legal bases, citations, activities and metadata from plans.

    Folders are searched for plan files (.txt, .md). A file that cannot be read is reported on
    stderr in one line and the others are still processed; the exit status is 1 if any failed.

    \b
    Examples:
      cancu extract ../shared/corpus/seeds
      cancu extract plan.txt --json > plan.jsonl
    """
    from cancu.loaders.extract import extract_path
    from cancu.loaders.read import expand

    files = expand(list(paths))
    failed = 0
    for path in _progress(files, "extracting"):
        try:
            record = extract_path(path)
        except InputError as exc:
            _fail(str(exc))
            failed += 1
            continue
        except CancuError as exc:
            _fail(f"{path}: {exc}")
            failed += 1
            continue
        except Exception as exc:  # one bad file must not stop a batch of thousands
            if os.environ.get("CANCU_DEBUG"):
                raise
            _fail(f"{path}: internal error ({type(exc).__name__}: {exc}); rerun with CANCU_DEBUG=1 "
                  "for the traceback and report it")
            failed += 1
            continue
        if as_json:
            click.echo(json.dumps(record.to_json(), ensure_ascii=False))
        else:
            _print_record(record.to_json())
    if failed:
        _fail(f"{failed} of {len(files)} file(s) could not be read")
        sys.exit(1)


def _print_record(rec: dict[str, Any]) -> None:
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
        table.add_row(c["role"], c["type"], c["number"], c["date"] or "", c["issuer"] or "", str(c["line"]))
    console.print(table)
    for a in rec["activities"]:
        console.print(f"  [{a['id']}] {', '.join(a['lead'])} ← {', '.join(a['cooperating']) or '-'}",
                      markup=False)
    for w in rec["warnings"]:
        console.print(f"  warning (line {w['line'] or '-'}): {w['message']}", markup=False)
    console.print()


if __name__ == "__main__":
    main()
