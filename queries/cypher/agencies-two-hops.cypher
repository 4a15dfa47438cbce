// name: agencies-two-hops
// title: Cơ quan cách một cơ quan hai bước phối hợp | Agencies two coordination hops from a given one
// params: key: string = agency/bac-kan/so-noi-vu
// returns: agency, name, province, via
// example: cancu query run agencies-two-hops --language cypher --param key=agency/bac-kan/so-noi-vu --out-dir OUT
MATCH (g:Agency {key: $key})<-[:LEAD|COOPERATING]-(a1:Activity)-[:LEAD|COOPERATING]->(mid:Agency)
      <-[:LEAD|COOPERATING]-(a2:Activity)-[:LEAD|COOPERATING]->(far:Agency)
WHERE mid.key <> g.key AND far.key <> g.key AND far.key <> mid.key
  AND NOT (g)<-[:LEAD|COOPERATING]-(:Activity)-[:LEAD|COOPERATING]->(far)
RETURN DISTINCT far.key AS agency, far.name AS name, far.province AS province, mid.name AS via
ORDER BY name, via
