"""corrections.yaml: what a human fixed in what cancu read, one entry a plan, each change with its line.

The file is read through yaml's node tree (`yaml.compose`) rather than `safe_load`: the nodes keep the
line each change is written on, which every corrected fact cites ("corrected: corrections.yaml line 12"),
and every scalar stays the string it was typed as ('2022-04-21' is not turned into a date, '1' not into
an int). The format is documented in README.md ("Corrections").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from cancu.errors import CancuError

# the plan fields `set:` may change (PlanMeta's names; 'type' is its doc_type)
SETTABLE = ("number", "date", "year", "month", "title", "period", "issuer", "district", "type")
_ROLES = {"legal_bases": "legal_basis", "mentions": "mention"}
_AGENCY_OPS = ("lead", "cooperating", "add_lead", "add_cooperating", "remove_lead", "remove_cooperating")
FILE_NAME = "corrections.yaml"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Change:
    """One change, on the line it is written on.

    kind: 'set' (field, value), 'remove' (role, value: the number or name cited), 'add' (role, value:
    the citation as a plan writes it, at `at` the plan's line), or an agency change of activity
    `activity`: 'lead' / 'cooperating' (replace the list), 'add_…' / 'remove_…' (value: one name)."""

    line: int
    kind: str
    value: str
    field: str | None = None  # set: the plan field
    role: str | None = None  # add/remove: legal_basis | mention
    activity: str | None = None
    names: tuple[str, ...] = ()  # lead/cooperating: the whole list
    at: int | None = None  # add: the plan's line the citation is read from

    def describe(self) -> str:
        if self.kind == "set":
            return f"set {self.field} to '{self.value}'"
        if self.kind in ("add", "remove"):
            return f"{self.kind} {self.role.replace('_', ' ') if self.role else ''} '{self.value}'"
        target = ", ".join(self.names) if self.kind in ("lead", "cooperating") else self.value
        return f"activity {self.activity}: {self.kind.replace('_', ' ')} '{target}'"


@dataclass
class Entry:
    """The changes to one plan, found by its number and date, or by the sha256 of its file."""

    line: int
    number: str | None = None
    date: str | None = None
    sha256: str | None = None
    changes: list[Change] = field(default_factory=list)

    def names(self) -> str:
        return f"sha256 {self.sha256}" if self.sha256 else f"number {self.number} of {self.date or '(no date)'}"


@dataclass
class Corrections:
    path: Path
    entries: list[Entry]

    @property
    def name(self) -> str:
        """How facts cite the file: its name, as the folder it sits in is the corpus's."""
        return self.path.name

    def where(self, line: int) -> str:
        return f"{self.name} line {line}"

    def lines(self) -> list[int]:
        return sorted(c.line for e in self.entries for c in e.changes)


def read(path: str | Path) -> Corrections:
    """The corrections in `path`; a file that cannot be read or has the wrong shape is one-line CancuError."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise CancuError(f"{p}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise CancuError(f"{p}: not UTF-8 text") from None
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise CancuError(f"{p}{where}: not valid YAML ({getattr(exc, 'problem', None) or exc})") from None
    if root is None:
        return Corrections(p, [])
    if isinstance(root, yaml.MappingNode) and _get(root, "plans") is not None:
        root = _get(root, "plans")  # 'plans:' at the top is allowed too
    return Corrections(p, [_entry(n, p) for n in _seq(root, p)])


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _fail(node: yaml.Node, path: Path, message: str) -> CancuError:
    return CancuError(f"{path} line {_line(node)}: {message}")


def _seq(node: yaml.Node, path: Path) -> list[yaml.Node]:
    if not isinstance(node, yaml.SequenceNode):
        raise _fail(node, path, "expected a list (- …)")
    return list(node.value)


def _map(node: yaml.Node, path: Path, allowed: tuple[str, ...]) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise _fail(node, path, f"expected keys ({', '.join(allowed)})")
    out = {}
    for k, v in node.value:
        if k.value not in allowed:
            raise _fail(k, path, f"unknown key '{k.value}' (expected {', '.join(allowed)})")
        out[k.value] = v
    return out


def _get(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    return next((v for k, v in node.value if k.value == key), None)


def _scalar(node: yaml.Node, path: Path) -> str:
    if not isinstance(node, yaml.ScalarNode) or not node.value.strip():
        raise _fail(node, path, "expected a value")
    return node.value.strip()


def _scalars(node: yaml.Node, path: Path) -> list[tuple[str, int]]:
    """A value or a list of values, each with its line."""
    if isinstance(node, yaml.ScalarNode):
        return [(_scalar(node, path), _line(node))]
    return [(_scalar(n, path), _line(n)) for n in _seq(node, path)]


def _entry(node: yaml.Node, path: Path) -> Entry:
    keys = _map(node, path, ("plan", "set", "legal_bases", "mentions", "activities"))
    if "plan" not in keys:
        raise _fail(node, path, "an entry names its plan: 'plan: {number: …, date: …}' or 'plan: {sha256: …}'")
    ident = {k: _scalar(v, path) for k, v in _map(keys["plan"], path, ("number", "date", "sha256")).items()}
    if not ident.get("sha256") and not ident.get("number"):
        raise _fail(keys["plan"], path, "a plan is named by 'number' (and 'date') or by 'sha256'")
    entry = Entry(_line(node), ident.get("number"), ident.get("date"), ident.get("sha256", "").lower() or None)
    if "set" in keys:
        for k, v in _map(keys["set"], path, SETTABLE).items():
            value = _scalar(v, path)
            if k == "date" and not _ISO_DATE.fullmatch(value):
                raise _fail(v, path, f"a date is written YYYY-MM-DD, not '{value}'")
            if k in ("year", "month") and not value.isdigit():
                raise _fail(v, path, f"{k} is a number, not '{value}'")
            entry.changes.append(Change(_line(v), "set", value, field=k))
    for section, role in _ROLES.items():
        if section not in keys:
            continue
        ops = _map(keys[section], path, ("add", "remove"))
        for value, line in _scalars(ops["remove"], path) if "remove" in ops else []:
            entry.changes.append(Change(line, "remove", value, role=role))
        for item in _seq(ops["add"], path) if "add" in ops else []:
            if isinstance(item, yaml.ScalarNode):
                entry.changes.append(Change(_line(item), "add", _scalar(item, path), role=role))
                continue
            spec = _map(item, path, ("text", "line"))
            if "text" not in spec:
                raise _fail(item, path, "an added citation gives its 'text', as the plan writes it")
            at = _scalar(spec["line"], path) if "line" in spec else None
            if at is not None and not at.isdigit():
                raise _fail(spec["line"], path, f"'line' is the plan's line number, not '{at}'")
            entry.changes.append(Change(_line(item), "add", _scalar(spec["text"], path), role=role,
                                        at=int(at) if at else None))
    for item in _seq(keys["activities"], path) if "activities" in keys else []:
        spec = _map(item, path, ("id", *_AGENCY_OPS))
        if "id" not in spec:
            raise _fail(item, path, "an activity is named by its 'id' (the item number the plan gives it)")
        act = _scalar(spec["id"], path)
        for op in _AGENCY_OPS:
            if op not in spec:
                continue
            values = _scalars(spec[op], path)
            if op in ("lead", "cooperating"):
                entry.changes.append(Change(_line(spec[op]), op, "", activity=act,
                                            names=tuple(v for v, _ in values)))
            else:
                entry.changes += [Change(line, op, v, activity=act) for v, line in values]
    return entry
