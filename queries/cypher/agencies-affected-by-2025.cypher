// name: agencies-affected-by-2025
// title: Cơ quan, tỉnh bị ảnh hưởng bởi sắp xếp năm 2025 và đơn vị kế thừa | Agencies and provinces affected by the 2025 reorganisation, and their successors
// params:
// returns: unit, name, successor, successor_name, date
// example: cancu query run agencies-affected-by-2025 --language cypher --out-dir OUT
MATCH (u)-[s:SUCCEEDED_BY]->(t)
RETURN u.key AS unit, u.name AS name, t.key AS successor, t.name AS successor_name, s.date AS date
ORDER BY name
