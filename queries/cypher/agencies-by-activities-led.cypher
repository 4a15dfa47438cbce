// name: agencies-by-activities-led
// title: Cơ quan chủ trì nhiều nhiệm vụ nhất | Agencies by number of activities led
// params:
// returns: key, name, province, led
// example: cancu query run agencies-by-activities-led --language cypher --out-dir OUT
MATCH (a:Activity)-[:LEAD]->(g:Agency)
RETURN g.key AS key, g.name AS name, g.province AS province, count(DISTINCT a) AS led
ORDER BY led DESC, name
