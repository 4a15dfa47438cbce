// name: unresolved-documents
// title: Văn bản được trích dẫn nhưng chưa xác định được | Documents cited but never resolved (no year or no issuer)
// params:
// returns: key, number, title, cited_by
// example: cancu query run unresolved-documents --language cypher --out-dir OUT
MATCH (d:Document)
WHERE d.resolved = false
OPTIONAL MATCH (p)-[:LEGAL_BASIS|PROPOSAL|MENTIONS|NAMES]->(d)
RETURN d.key AS key, d.number AS number, d.title AS title, count(DISTINCT p) AS cited_by
ORDER BY cited_by DESC, key
