// name: cooperation-pairs
// title: Ai phối hợp với ai trong một tỉnh | Who cooperates with whom in a province: pairs of a lead agency of the province and a cooperating one, weighted by shared activities, strongest first
// params: province: province = Tây Ninh
// returns: lead, lead_name, cooperating, cooperating_name, province, activities
// example: cancu query run cooperation-pairs --language cypher --param "province=Tây Ninh" --out-dir OUT
MATCH (l:Agency {province: $province})<-[:LEAD]-(a:Activity)-[:COOPERATING]->(c:Agency)
WHERE l.key <> c.key
RETURN l.key AS lead, l.name AS lead_name, c.key AS cooperating, c.name AS cooperating_name,
       l.province AS province, count(DISTINCT a) AS activities
ORDER BY activities DESC, lead_name, cooperating_name, lead, cooperating
