"""The cancu vocabulary as a closed rdflib namespace: a misspelt term raises.

Kept in step with ontology/cancu.ttl by tests/ontology/test_namespace.py (every term here is declared
there, and every term declared there is here).
"""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class CANCU(DefinedNamespace):
    _fail = True
    _NS = Namespace("https://w3id.org/cancu/ontology#")

    Activity: URIRef
    Agency: URIRef
    Citation: URIRef
    CollectiveParty: URIRef
    CooperatingRole: URIRef
    Document: URIRef
    DocumentTypes: URIRef
    InvitedRole: URIRef
    LeadRole: URIRef
    LegalBasisRole: URIRef
    MentionRole: URIRef
    Person: URIRef
    Plan: URIRef
    ProposalRole: URIRef
    Province: URIRef
    Roles: URIRef
    activitiesLed: URIRef
    activityId: URIRef
    agencyId: URIRef
    betweenness: URIRef
    catalogued: URIRef
    citation: URIRef
    citationCount: URIRef
    citedDocument: URIRef
    clause: URIRef
    community: URIRef
    cooperating: URIRef
    corrected: URIRef
    correctedBy: URIRef
    correction: URIRef
    documentType: URIRef
    flagCount: URIRef
    funding: URIRef
    hasActivity: URIRef
    invited: URIRef
    issuedBy: URIRef
    issuerName: URIRef
    kind: URIRef
    lead: URIRef
    legalBasis: URIRef
    legalBasisCount: URIRef
    level: URIRef
    mentions: URIRef
    namedByPlans: URIRef
    namesDocument: URIRef
    number: URIRef
    pagerank: URIRef
    period: URIRef
    position: URIRef
    proposal: URIRef
    province: URIRef
    recipient: URIRef
    refersTo: URIRef
    resolved: URIRef
    role: URIRef
    signedBy: URIRef
    sourceFile: URIRef
    sourceLine: URIRef
    sourceText: URIRef
    reviewFlag: URIRef
    succeededBy: URIRef
    time: URIRef
    writtenAs: URIRef
    year: URIRef


ID = Namespace("https://w3id.org/cancu/id/")
"""Where the graph's own nodes live: ID["doc/vn/2021/76-nq-cp"]."""
