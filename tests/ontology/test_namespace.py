"""ontology/namespace.py and ontology/cancu.ttl declare the same terms, and the namespace is closed."""

from __future__ import annotations

from pathlib import Path

import pytest
from cancu.ontology.namespace import CANCU
from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS, SKOS

TTL = Path(__file__).resolve().parents[2] / "ontology" / "cancu.ttl"
NS = str(CANCU._NS)


def declared() -> set[str]:
    g = Graph().parse(TTL)
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.Concept, SKOS.ConceptScheme)
    return {str(s)[len(NS):] for k in kinds for s in g.subjects(RDF.type, k) if str(s).startswith(NS)}


def test_namespace_matches_vocabulary() -> None:
    in_code = set(CANCU.__annotations__)
    assert in_code == declared()


def test_namespace_is_closed() -> None:
    with pytest.raises(AttributeError):
        _ = CANCU.legalBasiss


def test_every_term_has_vietnamese_and_english_labels() -> None:
    g = Graph().parse(TTL)
    for term in declared():
        uri = CANCU[term]
        labels = list(g.objects(uri, RDFS.label)) + list(g.objects(uri, SKOS.prefLabel))
        langs = {getattr(label, "language", None) for label in labels}
        if term not in ("pagerank",):
            assert {"vi", "en"} <= langs, term
