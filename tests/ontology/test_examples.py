"""Every `examples` list in ontology/data is a promise that each example is read as its entry says.

The data files are walked through Knowledge's own reader, so an `examples` list added anywhere (a new
file, a new section) fails here until a reader below checks it: no example goes unread.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cancu.loaders.extract import extract_text
from cancu.ontology.knowledge import DATA_DIR, read_data_file

HEADER = ("ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN\nSố: 9/KH-UBND\nBình Thuận, ngày 02 tháng 01 năm 2024\n\n"
          "KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2024\n\n")


def _examples(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, the entry) for every mapping with an `examples` key, at any depth."""
    if isinstance(node, dict):
        if "examples" in node:
            yield where, node
        for key, value in node.items():
            yield from _examples(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _examples(value, f"{where}[{i}]")


def _doc_type_reads(entry: dict[str, Any], example: str) -> tuple[bool, str]:
    """A doc_types.yaml example, cited as a plan's legal basis, is read as a citation of that type."""
    rec = extract_text(HEADER + f"Căn cứ {example} ngày 15/7/2021;\nUBND tỉnh ban hành Kế hoạch như sau:\n")
    read = [(c.number, c.doc_type) for c in rec.citations]
    return any(t == entry["name"] for _, t in read), f"read as {read}"


# (file, the path of the entries the reader checks, reader)
READERS = {("doc_types.yaml", "types"): _doc_type_reads}

ALL = [(f.name, where, entry) for f in sorted(DATA_DIR.glob("*.yaml"))
       for where, entry in _examples(read_data_file(f.name), "")]
CASES = [(name, where, entry, example) for name, where, entry in ALL for example in entry["examples"] or []]


def _reader(name: str, where: str) -> Any:
    section = where.lstrip(".").split("[", 1)[0]
    return READERS.get((name, section))


def test_the_data_has_examples_to_check() -> None:
    assert len(CASES) > 20, CASES  # the walk found doc_types.yaml's types


def test_every_examples_list_has_a_reader() -> None:
    unread = sorted(f"{name}{where}" for name, where, _ in ALL if _reader(name, where) is None)
    assert not unread, f"examples no reader in {Path(__file__).name} checks: {unread}"


@pytest.mark.parametrize(("name", "where", "entry", "example"), CASES,
                         ids=[f"{n}{w}:{e}" for n, w, _, e in CASES])
def test_each_example_is_read_as_its_entry_says(name: str, where: str, entry: dict[str, Any], example: str) -> None:
    ok, how = _reader(name, where)(entry, example)
    assert ok, f"{name}{where} ({entry.get('name')}): '{example}' {how}"
