"""Records from the loaders → one Model: entity resolution and typed relations.

Identity comes from the keys the loaders computed (loaders.keys); here they meet across plans:
a document cited by many plans is one node, an undated citation joins the one dated document of
its number and scope, a numbered plan is also the Document other plans cite, and agencies get
their parent and 2025 successor from ontology/data/agencies.yaml.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cancu.graph import model as m
from cancu.loaders.extract import keys
from cancu.loaders.extract.identity import (
    ACTIVITY_NODE,
    AGENCY_NODE,
    DOC_NODE,
    PLAN_NODE,
    ActivityKey,
    NodeKey,
    undated_twins,
)
from cancu.loaders.extract.records import LEGAL_BASIS, NESTED, AgencyRef, PlanRecord
from cancu.ontology.knowledge import Agency, Knowledge, knowledge

DOCUMENT_FACTS = frozenset({m.ISSUED_BY, m.IN_PROVINCE})


def doc_node_key(key: str) -> str:
    return str(NodeKey(DOC_NODE, key))


def agency_node_key(key: str) -> str:
    return str(NodeKey(AGENCY_NODE, key))


def province_node_key(province_id: str) -> str:
    return f"province/{province_id}"


@dataclass
class PlanPart:
    """One plan's contribution to the graph, split where it is computed (a worker process, beside the
    extraction): what other plans share, as nodes and edges to merge, and what is the plan's own, as a
    spool chunk the parent writes without decoding. Both travel marshalled, as plain tuples: unpickling
    node objects cost the parent 2 ms a plan, five times what merging them does."""

    plan: str  # the chunk id: the plan's key, also in its activities' keys
    shared: bytes  # marshalled (nodes, edges) as spool tuples
    local: bytes  # marshalled spool chunk (plan, nodes, edges)
    n_local_nodes: int
    n_local_edges: int
    source: dict[str, Any]
    warnings: list[dict[str, Any]] = field(default_factory=list)


def plan_part(rec: PlanRecord, kb: Knowledge | None = None) -> PlanPart:
    """The plan resolved on its own; the corpus-wide merge is `add_part`."""
    kb = kb or knowledge()
    one = m.Model()
    plan_key = _add_plan(one, rec, kb)
    activity_prefix = f"{m.ACTIVITY_PREFIX}{rec.plan.key}/"
    nodes: tuple[list[m.NodeTuple], list[m.NodeTuple]] = ([], [])  # shared, local
    for n in one.nodes.shared.values():
        nodes[n.key.startswith(activity_prefix)].append(m.node_tuple(n))
    edges: tuple[list[m.EdgeKey], list[m.EdgeKey]] = ([], [])
    for e in one.edges.shared.values():
        # the plan's issuer and province are facts about it as a document, which a plan citing it states too
        local = (e.source == plan_key and e.type not in DOCUMENT_FACTS) or e.source.startswith(activity_prefix)
        edges[local].append(m.edge_key(e))
    return PlanPart(rec.plan.key, marshal.dumps((nodes[0], edges[0])),
                    marshal.dumps((rec.plan.key, nodes[1], edges[1])), len(nodes[1]), len(edges[1]),
                    one.sources[0], one.warnings)


def add_part(model: m.Model, part: PlanPart) -> None:
    nodes, edges = marshal.loads(part.shared)
    shared_nodes = model.nodes.shared
    for key, labels, props, provenance in nodes:
        mine = shared_nodes.get(key)
        if mine is None:
            shared_nodes[key] = m.Node(key, set(labels), props, provenance)
        else:  # most of a plan's shared nodes (documents, agencies) are already there: merged without a Node
            mine.merge_values(labels, props, provenance)
    shared = model.edges.shared
    for key in edges:
        if key not in shared:
            shared[key] = m.Edge(*key)
    model.add_local(part.plan, part.local, part.n_local_nodes, part.n_local_edges)
    model.sources.append(part.source)
    model.warnings += part.warnings


def build_model(records: Iterable[PlanRecord], kb: Knowledge | None = None) -> m.Model:
    """Records stream in (each is added and dropped), so memory follows the shared graph, not the corpus."""
    kb = kb or knowledge()
    return build_model_from_parts(plan_part(rec, kb) for rec in records)


def build_model_from_parts(parts: Iterable[PlanPart], kb: Knowledge | None = None,
                           spool_dir: str | None = None) -> m.Model:
    """The corpus graph from plan parts, which may come from worker processes (cancu.api.build)."""
    kb = kb or knowledge()
    model = m.Model()
    model.spool_dir = spool_dir
    _add_provinces(model, kb)
    for part in parts:
        add_part(model, part)
    merge_undated(model)
    return model


def merge_undated(model: m.Model) -> int:
    """An undated citation ('doc/tay-ninh/nd/800-qd-ubnd') becomes the one dated document of the same
    scope and number in the corpus, when there is exactly one; otherwise it stays apart
    (identity.undated_twins, the rule a plan's own citations are joined by too)."""
    documents = {}
    for key in model.nodes.shared:  # documents are never spooled
        node = NodeKey.parse(key)
        doc = node.document if node.kind == DOC_NODE else None
        if doc is not None:
            documents[doc] = key
    renames = {documents[undated]: documents[dated] for undated, dated in undated_twins(documents).items()}
    if not renames:
        return 0
    for old, new in renames.items():
        model.nodes.shared[new].merge(model.nodes.shared.pop(old))
    edges = list(model.edges.shared.values())
    model.edges.shared.clear()
    for e in edges:
        model.add_edge(renames.get(e.source, e.source), renames.get(e.target, e.target), e.type, **dict(e.props))
    model.renames.update(renames)  # the spooled edges follow as they are read
    return len(renames)


def _add_provinces(model: m.Model, kb: Knowledge) -> None:
    for p in kb.provinces:
        model.add_node(province_node_key(p.id), m.PROVINCE, name=p.name, kind=p.kind, id=p.id,
                       exists_until=p.exists_until.isoformat() if p.exists_until else None)
    for p in kb.provinces:
        if p.successor:
            model.add_edge(province_node_key(p.id), province_node_key(p.successor), m.SUCCEEDED_BY,
                           date="2025-07-01", basis="202/2025/QH15")


def _agency(model: m.Model, ref: AgencyRef, kb: Knowledge, prov_id: str | None, source: str) -> str:
    key = agency_node_key(ref.key)
    entry = kb.agency_by_id.get(ref.agency_id) if ref.agency_id else None
    model.add_node(key, m.AGENCY, {"file": source, "line": ref.line, "text": ref.raw},
                   name=ref.name, province=ref.province, kind=ref.kind,
                   level=entry.level if entry else None, agency_id=ref.agency_id)
    if entry is not None:
        _agency_links(model, key, entry, kb, prov_id)
    if ref.province and prov_id:
        model.add_edge(key, province_node_key(prov_id), m.IN_PROVINCE)
    return key


def _entry_key(entry: Agency, prov_id: str | None) -> str:
    scope = None if entry.scope == "national" else prov_id
    return agency_node_key(keys.agency_key(entry.id, scope))


def _agency_links(model: m.Model, key: str, entry: Agency, kb: Knowledge, prov_id: str | None) -> None:
    """Parent chain and 2025 successor of a known agency, each a node of its own. Once per agency and
    model: a plan names the same agencies again and again."""
    if (key, prov_id) in model.linked:
        return
    model.linked.add((key, prov_id))
    seen = {key}
    child_key, child = key, entry
    while child.parent and child.parent in kb.agency_by_id:
        parent = kb.agency_by_id[child.parent]
        pkey = _entry_node(model, parent, kb, prov_id)
        model.add_edge(child_key, pkey, m.PART_OF)
        if pkey in seen:
            break
        seen.add(pkey)
        child_key, child = pkey, parent
    succ = entry.successor or {}
    if succ.get("id") and succ["id"] != entry.id and succ["id"] in kb.agency_by_id:
        tkey = _entry_node(model, kb.agency_by_id[succ["id"]], kb, prov_id)
        model.add_edge(key, tkey, m.SUCCEEDED_BY, date=str(succ.get("date")) if succ.get("date") else None,
                       note=succ.get("note"))


def _entry_node(model: m.Model, entry: Agency, kb: Knowledge, prov_id: str | None) -> str:
    """The node of a known agency in its province (national ones once)."""
    key = _entry_key(entry, prov_id)
    national = entry.scope == "national"
    kind = "collective" if entry.scope == "collective" else "agency"
    model.add_node(key, m.AGENCY, name=entry.display_name(None if national else kb.province_by_id.get(prov_id or "")),
                   level=entry.level, agency_id=entry.id, kind=kind, province=None if national else _pname(kb, prov_id))
    return key


def _issuer(model: m.Model, entry: Agency, kb: Knowledge, prov_id: str | None) -> str:
    """An issuing agency's node, with its parents and successor."""
    key = _entry_node(model, entry, kb, prov_id)
    _agency_links(model, key, entry, kb, prov_id)
    return key


def _pname(kb: Knowledge, prov_id: str | None) -> str | None:
    p = kb.province_by_id.get(prov_id or "")
    return p.name if p else None


def _review(rec: PlanRecord) -> dict[str, Any]:
    """A plan's corrections, review flags and the count of flags on all its facts, as node properties,
    only those it has: a plan with none is written as before."""
    p = rec.plan
    out: dict[str, Any] = {k: list(v) for k, v in (("corrections", p.corrections), ("flags", p.flags)) if v}
    if n := rec.flag_count():
        out["flag_count"] = n
    return out


def _add_plan(model: m.Model, rec: PlanRecord, kb: Knowledge) -> str:
    """The plan's nodes and edges into `model`; its node key."""
    p = rec.plan
    prov_id = p.province_id
    plan_key = doc_node_key(p.key) if p.number else str(NodeKey(PLAN_NODE, p.key))  # cited by no other plan
    # the year a plan is filed under (index, queries by year): the one its title covers, else the year
    # it was issued in: a plan 'giai đoạn 2026-2030' issued in 2025 is one of 2025's plans
    year = p.year or (int(p.date[:4]) if p.date else None)
    src = {"file": rec.source, "line": 1, "text": p.title}
    model.add_node(plan_key, m.PLAN, src, number=p.number, number_suffix=p.number_suffix, type=p.doc_type,
                   date=p.date, year=year, period=p.period, province=p.province, issuer=p.issuer, title=p.title,
                   source=rec.source, resolved=True, level="district" if p.district else "province",
                   **_review(rec))
    if p.number:
        model.nodes[plan_key].labels.add(m.DOCUMENT)
    model.sources.append({"file": rec.source, "plan": plan_key, "warnings": len(rec.warnings), **rec.loader})
    model.warnings += [{"file": rec.source, **w.to_json()} for w in rec.warnings]
    if prov_id:
        model.add_edge(plan_key, province_node_key(prov_id), m.IN_PROVINCE)
    if p.issuer_id and p.issuer_id in kb.agency_by_id:
        model.add_edge(plan_key, _issuer(model, kb.agency_by_id[p.issuer_id], kb, prov_id), m.ISSUED_BY)
    if p.signer and p.signer.name:
        person = f"person/{prov_id or 'vn'}/{keys.slug(p.signer.name)}"
        model.add_node(person, m.PERSON, {"file": rec.source, "line": p.signer.line, "text": p.signer.name},
                       name=p.signer.name, positions=[p.signer.position] if p.signer.position else [])
        model.add_edge(plan_key, person, m.SIGNED_BY, position=p.signer.position, authority=p.signer.authority,
                       file=rec.source, line=p.signer.line)

    _add_citations(model, rec, kb, plan_key, prov_id)
    _add_named_references(model, rec, kb, plan_key)
    _add_activities(model, rec, kb, plan_key, year)
    for ref in rec.recipients:
        model.add_edge(plan_key, _agency(model, ref, kb, prov_id, rec.source), m.RECIPIENT, file=rec.source,
                       line=ref.line, text=ref.raw)
    return plan_key


def _add_citations(model: m.Model, rec: PlanRecord, kb: Knowledge, plan_key: str, prov_id: str | None) -> None:
    """The documents the plan cites, each with its issuer and province, and the edges from the plan."""
    for c in rec.citations:
        key = doc_node_key(c.key)
        resolved = c.year is not None and c.issuer is not None
        model.add_node(key, m.DOCUMENT, {"file": rec.source, "line": c.span.line, "text": c.span.text},
                       number=c.number, type=c.doc_type, date=c.date, year=c.year, issuer=c.issuer,
                       level=c.level, province=c.province, title=c.title, resolved=resolved,
                       catalogued=c.catalogued)
        node = model.nodes[key]
        spellings = node.props.setdefault("written_as", [])
        if c.written_as not in spellings:
            spellings.append(c.written_as)
        if c.corrections:
            node.props["corrected"] = True
        etype = m.MENTIONS
        if c.role == LEGAL_BASIS:
            etype = m.PROPOSAL if c.clause in ("theo_de_nghi", "xet_de_nghi") else m.LEGAL_BASIS
        if c.role != NESTED:  # a document named only inside a basis line is no basis or mention of the plan
            model.add_edge(plan_key, key, etype, file=rec.source, line=c.span.line, text=c.span.text,
                           clause=c.clause, corrected=c.corrected, flags="; ".join(c.flags) or None)
        for basis in c.nested_in:  # the basis that names it: what that one implements, amends, details
            model.add_edge(doc_node_key(basis), key, m.REFERS_TO, file=rec.source, line=c.span.line,
                           text=c.span.text)
        if c.issuer_id and c.issuer_id in kb.agency_by_id:
            doc_p = kb.province(c.province)
            doc_prov = doc_p.id if doc_p else prov_id
            model.add_edge(key, _issuer(model, kb.agency_by_id[c.issuer_id], kb, doc_prov), m.ISSUED_BY)
        if c.province and c.level != "national":
            prov = kb.province(c.province)
            if prov:
                model.add_edge(key, province_node_key(prov.id), m.IN_PROVINCE)


def _add_named_references(model: m.Model, rec: PlanRecord, kb: Knowledge, plan_key: str) -> None:
    """Documents the plan names without a number: catalogued ones as such, others by their name."""
    for n in rec.named_references:
        entry = kb.catalogue_entry(n.number, None) if n.number else None
        if n.key and entry is not None:
            key = doc_node_key(n.key)
            issuer = kb.agency_by_id.get(entry.issuer or "")
            model.add_node(key, m.DOCUMENT, {"file": rec.source, "line": n.span.line, "text": n.span.text},
                           number=n.number, type=entry.type, date=entry.date, year=entry.year,
                           issuer=issuer.name if issuer else None, title=entry.title or n.name,
                           resolved=True, catalogued=True, level="national")
            if issuer is not None:
                model.add_edge(key, _issuer(model, issuer, kb, None), m.ISSUED_BY)
        else:
            key = f"doc/named/{keys.slug(n.name)}"
            model.add_node(key, m.DOCUMENT, {"file": rec.source, "line": n.span.line, "text": n.span.text},
                           title=n.name, resolved=False)
        model.add_edge(plan_key, key, m.NAMES, file=rec.source, line=n.span.line, text=n.span.text)


def _add_activities(model: m.Model, rec: PlanRecord, kb: Knowledge, plan_key: str, year: int | None) -> None:
    """The plan's activities, each with the agencies that lead it, cooperate or are invited."""
    p = rec.plan
    prov_id = p.province_id
    used: dict[str, int] = {}
    for a in rec.activities:
        n_same = used.get(a.id, 0)
        used[a.id] = n_same + 1
        # the plan's key, then the activity's id without slashes: what the spool finds the activity by
        activity = ActivityKey(p.key, a.id.replace("/", "-") + (f"-{n_same + 1}" if n_same else ""))
        akey = str(NodeKey(ACTIVITY_NODE, str(activity)))
        model.add_node(akey, m.ACTIVITY, {"file": rec.source, "line": a.span.line, "text": a.span.text},
                       id=a.id, title=a.title, time=a.time, funding=a.funding, plan=plan_key,
                       province=p.province, year=year, **({"flags": list(a.flags)} if a.flags else {}))
        model.add_edge(plan_key, akey, m.HAS_ACTIVITY)
        for role, refs in ((m.LEAD, a.lead), (m.COOPERATING, a.cooperating), (m.INVITED, a.invited)):
            for ref in refs:
                model.add_edge(akey, _agency(model, ref, kb, prov_id, rec.source), role, file=rec.source,
                               line=a.span.line, text=ref.raw, corrected=ref.corrected,
                               flags="; ".join(ref.flags) or None)
