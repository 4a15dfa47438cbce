"""The model as RDF: Turtle, N-Triples and JSON-LD, in the cancu vocabulary (ontology/cancu.ttl).

Every fact keeps its provenance: a citation becomes a cancu:Citation and a role on an activity a
prov:Association, each with file, line and verbatim text. No blank nodes: every node has a stable
IRI under https://w3id.org/cancu/id/, so the same input gives the same files byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from cancu.graph import model as m
from cancu.loaders.keys import slug
from cancu.ontology.knowledge import knowledge
from cancu.ontology.namespace import CANCU, ID
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD
from rdflib.plugins.serializers.nt import _nt_row  # N-Triples escaping as rdflib writes it

Triple = tuple[URIRef, URIRef, URIRef | Literal]

PREFIXES = {"cancu": CANCU._NS, "id": ID, "dcterms": DCTERMS, "org": ORG, "prov": PROV, "skos": SKOS,
            "eli": "http://data.europa.eu/eli/ontology#"}

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
           m.PART_OF: ORG.subOrganizationOf}
_SHAREABLE = {CANCU.legalBasis, CANCU.proposal, CANCU.mentions, CANCU.lead, CANCU.cooperating, CANCU.invited,
              *_DIRECT.values()}
# node property → (predicate, datatype or language)
_PROPS: dict[str, tuple[URIRef, str | URIRef | None]] = {
    "number": (CANCU.number, XSD.string), "date": (DCTERMS.date, XSD.date), "year": (CANCU.year, XSD.integer),
    "issuer": (CANCU.issuerName, "vi"), "title": (DCTERMS.title, "vi"), "level": (CANCU.level, XSD.string),
    "resolved": (CANCU.resolved, XSD.boolean), "catalogued": (CANCU.catalogued, XSD.boolean),
    "corrected": (CANCU.corrected, XSD.boolean), "source": (CANCU.sourceFile, XSD.string),
    "time": (CANCU.time, "vi"), "funding": (CANCU.funding, "vi"), "id": (CANCU.activityId, XSD.string),
    "agency_id": (CANCU.agencyId, XSD.string), "kind": (CANCU.kind, XSD.string),
    "legal_basis_count": (CANCU.legalBasisCount, XSD.integer), "citation_count": (CANCU.citationCount, XSD.integer),
    "pagerank": (CANCU.pagerank, XSD.double), "betweenness": (CANCU.betweenness, XSD.double),
    "community": (CANCU.community, XSD.integer), "activities_led": (CANCU.activitiesLed, XSD.integer),
}


def iri(key: str) -> URIRef:
    """The stable IRI of a node key: https://w3id.org/cancu/id/doc/vn/2021/76-nq-cp."""
    return ID[quote(key, safe="/-._~")]


def _literal(value: object, kind: str | URIRef | None) -> Literal:
    if isinstance(kind, str) and len(kind) == 2:
        return Literal(str(value), lang=kind)
    if kind == XSD.string:
        return Literal(str(value))
    return Literal(value, datatype=kind)


def triples(model: m.Model) -> Iterator[Triple]:
    """Every triple of the model, in a stable order: the document types, then node by node, then edges."""
    for t in knowledge().doc_types:
        concept = iri(f"doctype/{slug(t.name)}")
        yield concept, RDF.type, SKOS.Concept
        yield concept, SKOS.inScheme, CANCU.DocumentTypes
        yield concept, SKOS.prefLabel, Literal(t.name, lang="vi")
        if t.code:
            yield concept, SKOS.notation, Literal(t.code)
    for node in model.nodes.values():
        yield from _node(node)
    # edges a group at a time (the shared ones, then each plan's own): qualified nodes are numbered per
    # source and every source's edges are in one group, so the counters and the triples two edges can
    # share (same plan, same document, two lines) need only be kept for the group at hand
    for group in model.edge_groups():
        counters: dict[str, int] = {}
        seen: set[int] = set()
        for e in group:
            for t in _edge(e, counters):
                if t[1] in _SHAREABLE:
                    h = hash(t)
                    if h in seen:
                        continue
                    seen.add(h)
                yield t


def _node(node: m.Node) -> Iterator[Triple]:
    s = iri(node.key)
    classes = dict.fromkeys(cls for label in sorted(node.labels) for cls in _CLASSES.get(label, ()))
    for cls in classes:  # once each: a numbered plan is a Plan and a Document by two labels
        yield s, RDF.type, cls
    p = node.props
    if p.get("kind") == "collective":
        yield s, RDF.type, CANCU.CollectiveParty
    if p.get("name"):
        yield s, SKOS.prefLabel, Literal(p["name"], lang="vi")
        yield s, RDFS.label, Literal(p["name"], lang="vi")
    if p.get("type") and node.labels & {m.DOCUMENT, m.PLAN}:
        yield s, CANCU.documentType, iri(f"doctype/{slug(p['type'])}")
    for name, (pred, kind) in _PROPS.items():
        v = p.get(name)
        if v is None or v == "" or (name == "id" and m.ACTIVITY not in node.labels):
            continue
        yield s, pred, _literal(v, kind)
    for spelling in p.get("written_as", []) or []:
        yield s, CANCU.writtenAs, Literal(spelling)
    for position in p.get("positions", []) or []:
        yield s, CANCU.position, Literal(position, lang="vi")
    if m.ACTIVITY in node.labels and node.provenance:
        src = node.provenance[0]
        yield from _provenance(s, src.get("file"), src.get("line"), src.get("text"))


def _provenance(s: URIRef, file: object, line: object, text: object) -> Iterator[Triple]:
    if file:
        yield s, CANCU.sourceFile, Literal(str(file))
    if line:
        yield s, CANCU.sourceLine, Literal(int(line), datatype=XSD.integer)  # type: ignore[call-overload]
    if text:
        yield s, CANCU.sourceText, Literal(str(text), lang="vi")


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
            yield q, CANCU.clause, Literal(props["clause"])
        yield from _provenance(q, props.get("file"), props.get("line"), props.get("text"))
    elif e.type == m.SUCCEEDED_BY:
        yield s, CANCU.succeededBy, o
        change = iri(f"change/{slug(e.source)}--{slug(e.target)}")
        yield change, RDF.type, ORG.ChangeEvent
        yield change, ORG.originalOrganization, s
        yield change, ORG.resultingOrganization, o
        if props.get("date"):
            yield change, DCTERMS.date, Literal(props["date"], datatype=XSD.date)
        if props.get("note"):
            yield change, RDFS.comment, Literal(props["note"], lang="vi")
    elif e.type in _DIRECT:
        yield s, _DIRECT[e.type], o


def to_graph(model: m.Model) -> Graph:
    """An rdflib Graph of the model: for tests and small corpora (the writer streams instead)."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for t in triples(model):
        g.add(t)
    return g


def write_ntriples(model: m.Model, path: Path) -> int:
    """Streamed, one line per triple, in the model's order: memory stays flat however large the corpus."""
    n = 0
    with path.open("w", encoding="utf-8") as f:
        for t in triples(model):
            f.write(_nt_row(t))
            n += 1
    return n


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
