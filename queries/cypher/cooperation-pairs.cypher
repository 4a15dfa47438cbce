// name: cooperation-pairs
// title: Ai phối hợp với ai | Who cooperates with whom: lead and cooperating pairs, weighted by shared activities
// params:
// returns: lead, lead_name, cooperating, cooperating_name, province, activities
// example: cancu query run cooperation-pairs --language cypher --out-dir OUT
MATCH (l:Agency)<-[:LEAD]-(a:Activity)-[:COOPERATING]->(c:Agency)
WHERE l.key <> c.key
RETURN l.key AS lead, l.name AS lead_name, c.key AS cooperating, c.name AS cooperating_name,
       l.province AS province, count(DISTINCT a) AS activities
ORDER BY activities DESC, lead_name, cooperating_name
