"""What a build writes that may be left out (`cancu build --skip`), apart from the command line's heavy
imports. graph.nt, nodes/edges.jsonl and manifest.json are always written: the queries, `cancu push`
and `cancu validate` read them."""

OPTIONAL_OUTPUTS = {"ttl": "graph.ttl", "jsonld": "graph.jsonld", "exchange": "graph.graphml and graph.gexf",
                    "pages": "the HTML pages"}
