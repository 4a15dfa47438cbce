// name: chain-to-document
// title: Chuỗi trích dẫn ngắn nhất từ kế hoạch đến một văn bản | Shortest citation chain (up to 4 hops) from each plan to a document such as the national programme
// params: number: string = 76/NQ-CP
// returns: plan, province, hops, chain
// example: cancu query run chain-to-document --language cypher --param number=76/NQ-CP --out-dir OUT
MATCH (t:Document {number: $number})
MATCH path = (p:Plan)-[:LEGAL_BASIS|PROPOSAL|MENTIONS*1..4]->(t)
WITH p, path ORDER BY length(path)
WITH p, collect(path)[0] AS path
OPTIONAL MATCH (p)-[:IN_PROVINCE]->(pr:Province)
RETURN p.key AS plan, pr.name AS province, length(path) AS hops,
       [n IN nodes(path) | coalesce(n.number, n.key)] AS chain
ORDER BY hops, province
