// name: central-documents-most-cited
// title: Văn bản trung ương được làm căn cứ nhiều nhất | Central documents most cited as legal bases across provinces
// params:
// returns: key, number, type, date, plans, provinces
// example: cancu query run central-documents-most-cited --language cypher --out-dir OUT
MATCH (p)-[:LEGAL_BASIS]->(d:Document)
WHERE d.level IN ["national", "ministry", "party_central"]
OPTIONAL MATCH (p)-[:IN_PROVINCE]->(pr:Province)
RETURN d.key AS key, d.number AS number, d.type AS type, d.date AS date,
       count(DISTINCT p) AS plans, count(DISTINCT pr) AS provinces
ORDER BY plans DESC, provinces DESC, number
