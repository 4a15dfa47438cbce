"""ontology/knowledge.py is the one owner of ontology/data: no other module of the package reads the files."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ("cancu", "loaders", "graph", "viz", "queries", "ontology")  # the folders installed as cancu.*
# what reading a data file takes: the YAML parser, the folder, or a data file's name next to a read
# modules that parse the user's own YAML (corrections.yaml), never ontology/data: they may import yaml
USER_YAML = {"cancu/corrections_file.py", "viz/review.py"}
READS = re.compile(r"^\s*(?:import yaml|from yaml)|\bDATA_DIR\b|\.(?:yaml|csv)\"\)?\.(?:read_text|open)", re.M)


def test_only_knowledge_reads_the_data_files() -> None:
    modules = [p for folder in PACKAGE for p in sorted((ROOT / folder).rglob("*.py"))]
    assert len(modules) > 40  # the whole package was searched
    readers = [str(p.relative_to(ROOT)) for p in modules if READS.search(p.read_text(encoding="utf-8"))]
    assert [r for r in readers if r not in USER_YAML] == ["ontology/knowledge.py"]
    for name in USER_YAML:  # they name no data file either
        assert "ontology/data" not in (ROOT / name).read_text(encoding="utf-8") and "DATA_DIR" not in (
            ROOT / name).read_text(encoding="utf-8")


def test_the_rule_sets_are_attributes_of_knowledge() -> None:
    from cancu.ontology.knowledge import knowledge

    kb = knowledge()
    assert kb is knowledge()  # loaded once
    assert kb.coordination["lead_labels"] and kb.coordination["agent_words"] and kb.ocr["digit_confusions"]
    assert "liên quan" in kb.names.generic_tails
    assert kb.title_openers[0] == "về việc" and "Luật" in kb.cited_by_name and kb.issuer_default_types["QH"] == "Luật"
