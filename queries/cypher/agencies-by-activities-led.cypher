// name: agencies-by-activities-led
// title: 100 cơ quan chủ trì nhiều nhiệm vụ nhất | The 100 agencies that lead the most activities
// params:
// returns: key, name, province, led
// example: cancu query run agencies-by-activities-led --language cypher --out-dir OUT
MATCH (a:Activity)-[:LEAD]->(g:Agency)
RETURN g.key AS key, g.name AS name, g.province AS province, count(DISTINCT a) AS led
ORDER BY led DESC, name, key
LIMIT 100
