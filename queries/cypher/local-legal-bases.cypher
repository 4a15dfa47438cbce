// name: local-legal-bases
// title: Căn cứ do chính tỉnh ban hành | A province's own documents used as legal bases
// params: province: province = Tây Ninh
// returns: key, number, type, date, plans
// example: cancu query run local-legal-bases --language cypher --param "province=Tây Ninh" --out-dir OUT
MATCH (pr:Province {name: $province})<-[:IN_PROVINCE]-(d:Document)<-[:LEGAL_BASIS]-(p)
RETURN d.key AS key, d.number AS number, d.type AS type, d.date AS date, count(DISTINCT p) AS plans
ORDER BY number
