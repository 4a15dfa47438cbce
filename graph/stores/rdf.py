"""The model as RDF: Turtle, N-Triples and JSON-LD, in the cancu vocabulary (ontology/cancu.ttl).

Every fact keeps its provenance: a citation becomes a cancu:Citation and a role on an activity a
prov:Association, each with file, line and verbatim text. No blank nodes: every node has a stable
IRI under https://w3id.org/cancu/id/, so the same input gives the same files byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote

from cancu.graph import model as m
from cancu.loaders.extract.keys import slug
from cancu.ontology import namespace
from cancu.ontology.knowledge import knowledge
from cancu.ontology.namespace import ID
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as rdflib_ns
from rdflib.plugins.serializers.nt import _quote_encode, _quoteLiteral  # N-Triples escaping as rdflib writes it


class _Terms:
    """A namespace whose terms, once looked up, are plain attributes: rdflib resolves `CANCU.lead` or
    `RDF.type` through a __getattr__ on every access, which the writers do for every triple."""

    def __init__(self, ns: Any) -> None:
        self._ns = ns

    def __getattr__(self, name: str) -> URIRef:
        term = getattr(self._ns, name)
        setattr(self, name, term)
        return term


CANCU, DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD = (
    _Terms(ns) for ns in (namespace.CANCU, rdflib_ns.DCTERMS, rdflib_ns.ORG, rdflib_ns.PROV, rdflib_ns.RDF,
                          rdflib_ns.RDFS, rdflib_ns.SKOS, rdflib_ns.XSD))

Triple = tuple[URIRef, URIRef, "URIRef | Lit"]

PREFIXES = {"cancu": namespace.CANCU._NS, "id": ID, "dcterms": rdflib_ns.DCTERMS, "org": rdflib_ns.ORG,
            "prov": rdflib_ns.PROV, "skos": rdflib_ns.SKOS, "eli": "http://data.europa.eu/eli/ontology#"}

_CLASSES = {m.DOCUMENT: (CANCU.Document,), m.PLAN: (CANCU.Plan, CANCU.Document), m.AGENCY: (CANCU.Agency,),
            m.ACTIVITY: (CANCU.Activity,), m.PROVINCE: (CANCU.Province,), m.PERSON: (CANCU.Person,)}
_CITATION_ROLES = {m.LEGAL_BASIS: (CANCU.legalBasis, CANCU.LegalBasisRole),
                   m.PROPOSAL: (CANCU.proposal, CANCU.ProposalRole),
                   m.MENTIONS: (CANCU.mentions, CANCU.MentionRole)}
_AGENT_ROLES = {m.LEAD: (CANCU.lead, CANCU.LeadRole), m.COOPERATING: (CANCU.cooperating, CANCU.CooperatingRole),
                m.INVITED: (CANCU.invited, CANCU.InvitedRole)}
# edge type → (link from the source, class, link to the target, IRI segment) of its qualified node
_QUALIFIED = {t: (CANCU.citation, CANCU.Citation, CANCU.citedDocument, "citation") for t in _CITATION_ROLES} | {
    t: (PROV.qualifiedAssociation, PROV.Association, PROV.agent, "association") for t in _AGENT_ROLES}
_DIRECT: dict[str, URIRef] = {m.NAMES: CANCU.namesDocument, m.ISSUED_BY: CANCU.issuedBy, m.SIGNED_BY: CANCU.signedBy,
           m.HAS_ACTIVITY: CANCU.hasActivity, m.RECIPIENT: CANCU.recipient, m.IN_PROVINCE: CANCU.province,
           m.PART_OF: ORG.subOrganizationOf, m.REFERS_TO: CANCU.refersTo}
_SHAREABLE = {CANCU.legalBasis, CANCU.proposal, CANCU.mentions, CANCU.lead, CANCU.cooperating, CANCU.invited,
              *_DIRECT.values()}
# node property → (predicate, datatype or language)
_PROPS: dict[str, tuple[URIRef, str | URIRef | None]] = {
    "number": (CANCU.number, XSD.string), "date": (DCTERMS.date, XSD.date), "year": (CANCU.year, XSD.integer),
    "period": (CANCU.period, XSD.string), "issuer": (CANCU.issuerName, "vi"), "title": (DCTERMS.title, "vi"),
    "level": (CANCU.level, XSD.string),
    "resolved": (CANCU.resolved, XSD.boolean), "catalogued": (CANCU.catalogued, XSD.boolean),
    "corrected": (CANCU.corrected, XSD.boolean), "source": (CANCU.sourceFile, XSD.string),
    "time": (CANCU.time, "vi"), "funding": (CANCU.funding, "vi"), "id": (CANCU.activityId, XSD.string),
    "agency_id": (CANCU.agencyId, XSD.string), "kind": (CANCU.kind, XSD.string),
    "legal_basis_count": (CANCU.legalBasisCount, XSD.integer), "citation_count": (CANCU.citationCount, XSD.integer),
    "pagerank": (CANCU.pagerank, XSD.double), "betweenness": (CANCU.betweenness, XSD.double),
    "community": (CANCU.community, XSD.integer), "activities_led": (CANCU.activitiesLed, XSD.integer),
    "named_by_plans": (CANCU.namedByPlans, XSD.integer), "flag_count": (CANCU.flagCount, XSD.integer),
}


@lru_cache(maxsize=1 << 16)  # a key is the subject or object of many triples in a row (a plan, its documents)
def iri(key: str) -> URIRef:
    """The stable IRI of a node key: https://w3id.org/cancu/id/doc/vn/2021/76-nq-cp."""
    return ID[quote(key, safe="/-._~")]


class Lit(NamedTuple):
    """A literal as the triples carry it: its value and kind (a language tag, None for a plain string, or
    a datatype IRI). An rdflib Literal is built only for an rdflib Graph: building one for every triple
    was most of the N-Triples writer's time."""

    value: object
    kind: str | URIRef | None = None

    def to_rdflib(self) -> Literal:
        if self.kind is None:
            return Literal(self.value)
        if type(self.kind) is str:  # a language tag (a datatype is a URIRef)
            return Literal(self.value, lang=self.kind)
        return Literal(self.value, datatype=self.kind)

    def n3(self) -> str:
        """The literal in N-Triples, byte for byte as rdflib writes it."""
        value, kind = self.value, self.kind
        if type(value) is str and (kind is None or type(kind) is str):
            return f"{_quote_encode(value)}@{kind}" if kind else _quote_encode(value)
        if type(value) is int and kind == XSD.integer:
            return f'"{value}"^^<{kind}>'
        if type(value) is bool and kind == XSD.boolean:
            return f'"{str(value).lower()}"^^<{kind}>'
        return _quoteLiteral(self.to_rdflib())  # anything rarer exactly as rdflib writes it


def _literal(value: object, kind: str | URIRef | None) -> Lit:
    if isinstance(kind, str) and len(kind) == 2:
        return Lit(str(value), kind)
    if kind == XSD.string:
        return Lit(str(value))
    return Lit(value, kind)


def triples(model: m.Model) -> Iterator[Triple]:
    """Every triple of the model, in a stable order: the document types, then node by node, then edges."""
    yield from _head()
    for node in model.nodes.values():
        yield from _node(node)
    for group in model.edge_groups():
        yield from _group(group)


def _head() -> Iterator[Triple]:
    """The document types, before any node."""
    for t in knowledge().doc_types:
        concept = iri(f"doctype/{slug(t.name)}")
        yield concept, RDF.type, SKOS.Concept
        yield concept, SKOS.inScheme, CANCU.DocumentTypes
        yield concept, SKOS.prefLabel, Lit(t.name, "vi")
        if t.code:
            yield concept, SKOS.notation, Lit(t.code)


def _group(group: list[m.Edge]) -> Iterator[Triple]:
    """A group of edges (the shared ones, or one plan's own): qualified nodes are numbered per source and
    every source's edges are in one group, so the counters and the triples two edges can share (same
    plan, same document, two lines) need only be kept for the group at hand."""
    counters: dict[str, int] = {}
    seen: set[int] = set()
    for e in group:
        for triple in _edge(e, counters):
            if triple[1] in _SHAREABLE:
                h = hash(triple)
                if h in seen:
                    continue
                seen.add(h)
            yield triple


def _node(node: m.Node) -> Iterator[Triple]:
    s = iri(node.key)
    classes = dict.fromkeys(cls for label in sorted(node.labels) for cls in _CLASSES.get(label, ()))
    for cls in classes:  # once each: a numbered plan is a Plan and a Document by two labels
        yield s, RDF.type, cls
    p = node.props
    if p.get("kind") == "collective":
        yield s, RDF.type, CANCU.CollectiveParty
    if p.get("name"):
        yield s, SKOS.prefLabel, Lit(p["name"], "vi")
        yield s, RDFS.label, Lit(p["name"], "vi")
    if p.get("type") and node.labels & {m.DOCUMENT, m.PLAN}:
        yield s, CANCU.documentType, iri(f"doctype/{slug(p['type'])}")
    for name, (pred, kind) in _PROPS.items():
        v = p.get(name)
        if v is None or v == "" or (name == "id" and m.ACTIVITY not in node.labels):
            continue
        yield s, pred, _literal(v, kind)
    for spelling in p.get("written_as", []) or []:
        yield s, CANCU.writtenAs, Lit(spelling)
    for position in p.get("positions", []) or []:
        yield s, CANCU.position, Lit(position, "vi")
    for note in p.get("corrections", []) or []:
        yield s, CANCU.correction, Lit(note)
    for flag in p.get("flags", []) or []:
        yield s, CANCU.reviewFlag, Lit(flag)
    if m.ACTIVITY in node.labels and node.provenance:
        src = node.provenance[0]
        yield from _provenance(s, src.get("file"), src.get("line"), src.get("text"))


def _provenance(s: URIRef, file: object, line: object, text: object) -> Iterator[Triple]:
    if file:
        yield s, CANCU.sourceFile, Lit(str(file))
    if line:
        yield s, CANCU.sourceLine, Lit(int(line), XSD.integer)  # type: ignore[call-overload]
    if text:
        yield s, CANCU.sourceText, Lit(str(text), "vi")


def _edge(e: m.Edge, counters: dict[str, int]) -> Iterator[Triple]:
    s, o = iri(e.source), iri(e.target)
    props = dict(e.props)
    if e.type in _QUALIFIED:
        # the direct triple for easy queries, and a qualified node that keeps the role and provenance
        pred, role = (_CITATION_ROLES | _AGENT_ROLES)[e.type]
        link, cls, target, kind = _QUALIFIED[e.type]
        yield s, pred, o
        n = counters[e.source] = counters.get(e.source, 0) + 1
        q = iri(f"{e.source}/{kind}/{n}")
        yield s, link, q
        yield q, RDF.type, cls
        yield q, target, o
        yield q, CANCU.role if kind == "citation" else PROV.hadRole, role
        if props.get("clause"):
            yield q, CANCU.clause, Lit(props["clause"])
        yield from _provenance(q, props.get("file"), props.get("line"), props.get("text"))
        if props.get("corrected"):
            yield q, CANCU.correctedBy, Lit(props["corrected"])
        for flag in (props.get("flags") or "").split("; ") if props.get("flags") else ():
            yield q, CANCU.reviewFlag, Lit(flag)
    elif e.type == m.SUCCEEDED_BY:
        yield s, CANCU.succeededBy, o
        change = iri(f"change/{slug(e.source)}--{slug(e.target)}")
        yield change, RDF.type, ORG.ChangeEvent
        yield change, ORG.originalOrganization, s
        yield change, ORG.resultingOrganization, o
        if props.get("date"):
            yield change, DCTERMS.date, Lit(props["date"], XSD.date)
        if props.get("note"):
            yield change, RDFS.comment, Lit(props["note"], "vi")
    elif e.type in _DIRECT:
        yield s, _DIRECT[e.type], o


def to_graph(model: m.Model) -> Graph:
    """An rdflib Graph of the model: for tests and small corpora (the writer streams instead)."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for s, p, o in triples(model):
        g.add((s, p, o.to_rdflib() if isinstance(o, Lit) else o))
    return g


def _lines(found: Iterable[Triple]) -> Iterator[str]:
    for s, p, o in found:
        # our IRIs are built valid (percent-encoded keys under fixed namespaces): no need for rdflib's
        # check of each one
        yield f"<{s}> <{p}> {o.n3() if type(o) is Lit else f'<{o}>'} .\n"


def write_ntriples(model: m.Model, path: Path) -> None:
    """Streamed, one line per triple, in the model's order: memory stays flat however large the corpus.
    In a build, each plan's own nodes and edges are copied from the previous build's graph.nt where that
    build had the same chunk (graph/chunk_cache.py)."""
    if model.chunk_cache is None:
        with path.open("w", encoding="utf-8", buffering=1 << 20) as f:
            f.writelines(_lines(triples(model)))
        return
    record = model.chunk_cache.segments("rdf")

    def head_and_shared() -> Iterator[str]:
        yield from _lines(_head())
        for node in model.nodes.shared.values():
            yield from _lines(_node(node))

    record.write_file(model, path, [
        (head_and_shared, lambda nodes, _: _lines(t for n in nodes for t in _node(n))),
        (lambda: _lines(_group(list(model.edges.shared.values()))), lambda _, edges: _lines(_group(edges))),
    ])
    record.save()


DERIVED = ("ttl", "jsonld")  # formats written from graph.nt, each optional (`cancu build --skip`)


def write(model: m.Model, out: Path, derived: tuple[str, ...] = DERIVED) -> list[Path]:
    """graph.nt streamed from the model (always: the queries load it); graph.ttl and graph.jsonld
    streamed from it by pyoxigraph, so no format holds the whole graph in memory and the same model
    gives the same bytes."""
    import pyoxigraph as ox

    nt = out / "graph.nt"
    write_ntriples(model, nt)
    prefixes = {k: str(v) for k, v in PREFIXES.items()}
    files = [nt]
    for name, fmt in (("ttl", ox.RdfFormat.TURTLE), ("jsonld", ox.RdfFormat.JSON_LD)):
        if name in derived:
            path = out / f"graph.{name}"
            ox.serialize(ox.parse(path=str(nt), format=ox.RdfFormat.N_TRIPLES), str(path), fmt, prefixes=prefixes)
            files.append(path)
    return files
