"""The extraction layer: text (a SourceText from loaders/read) to a PlanRecord. `extract_path` is the
entry (a file, read then extracted); `extract_text` and `extract` start from text already read.

plan.py runs the steps in order: metadata (header, signer), citations and legal_bases (with dates and
named_references), outline, agencies and coordination (lead, cooperating), then keys and flags. The
records they produce (records.py) and the keys they carry (identity.py, keys.py) are what the graph
layer reads."""

from cancu.loaders.extract.plan import extract, extract_path, extract_text

__all__ = ["extract", "extract_path", "extract_text"]
