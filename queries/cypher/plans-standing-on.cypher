// name: plans-standing-on
// title: Các kế hoạch lấy một văn bản làm căn cứ | Plans that stand on a given document
// params: number: string = 76/NQ-CP
// returns: plan, plan_number, province, year, document_year, text, file, line
// example: cancu query run plans-standing-on --language cypher --param number=251/QĐ-BNV --out-dir OUT
MATCH (p)-[r:LEGAL_BASIS]->(d:Document {number: $number})
OPTIONAL MATCH (p)-[:IN_PROVINCE]->(pr:Province)
RETURN p.key AS plan, p.number AS plan_number, pr.name AS province, p.year AS year, d.year AS document_year,
       r.text AS text, r.file AS file, r.line AS line
ORDER BY province, year, plan
