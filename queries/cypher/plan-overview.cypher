// name: plan-overview
// title: Tổng quan từng kế hoạch của một tỉnh | Each plan of a province at a glance: legal bases, mentions, activities, recipients
// params: province: province = Tây Ninh
// returns: plan, number, province, year, legal_bases, mentions, activities, recipients
// example: cancu query run plan-overview --language cypher --param "province=Tây Ninh" --out-dir OUT
MATCH (p:Plan {province: $province})
OPTIONAL MATCH (p)-[:LEGAL_BASIS|PROPOSAL]->(b)
WITH p, count(DISTINCT b) AS legal_bases
OPTIONAL MATCH (p)-[:MENTIONS]->(m)
WITH p, legal_bases, count(DISTINCT m) AS mentions
OPTIONAL MATCH (p)-[:HAS_ACTIVITY]->(a)
WITH p, legal_bases, mentions, count(DISTINCT a) AS activities
OPTIONAL MATCH (p)-[:RECIPIENT]->(r)
RETURN p.key AS plan, p.number AS number, p.province AS province, p.year AS year,
       legal_bases, mentions, activities, count(DISTINCT r) AS recipients
ORDER BY year, plan
