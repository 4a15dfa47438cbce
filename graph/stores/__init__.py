"""Where the graph goes: file writers of the model (rdf, property_graph, exchange; registered as outputs
of the build in cancu/outputs.py) and the stores a build is pushed to or queried in (store.py: Bolt,
pyoxigraph, rdflib, a SPARQL Graph Store), chosen by name."""
