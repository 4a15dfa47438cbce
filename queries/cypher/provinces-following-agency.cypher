// name: provinces-following-agency
// title: Các tỉnh thực hiện văn bản của một bộ, ngành trong năm | Provinces whose plans of a year stand on a given agency's documents
// params: agency: string = bo-noi-vu, year: integer = 2022
// returns: province, plan, plan_number, number
// example: cancu query run provinces-following-agency --language cypher --param agency=bo-noi-vu --param year=2022 --out-dir OUT
MATCH (a:Agency {agency_id: $agency})<-[:ISSUED_BY]-(d:Document)<-[:LEGAL_BASIS]-(p:Plan)
WHERE p.year = $year
OPTIONAL MATCH (p)-[:IN_PROVINCE]->(pr:Province)
RETURN DISTINCT pr.name AS province, p.key AS plan, p.number AS plan_number, d.number AS number
ORDER BY province, number
