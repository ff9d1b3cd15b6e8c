// name: recommendations
// title: Who recommended what to whom
// category: disputes
// description: >
//   Recommendations made in the sources, including proposals to change the
//   immunity rules: who made each, to whom it is addressed, and what it
//   concerns. With "to", only recommendations addressed to that actor.
// parameters:
//   - name: to
//     description: A recipient (id, name or alias).
//     required: false
//     example: UNMIK
//     resolve: actor
MATCH (by)-[:RECOMMENDS]->(r:Recommendation)
WHERE $to = ''
OPTIONAL MATCH (r)-[:ADDRESSED_TO]->(recipient)
OPTIONAL MATCH (r)-[:CONCERNS]->(subject)
WITH by, r, collect(DISTINCT recipient.name) AS recipients, collect(DISTINCT subject.name) AS concerns
RETURN by.name AS recommended_by, recipients AS addressed_to, r.name AS recommendation, concerns,
       r.text AS text, r.id AS id, r.citations AS citations,
       r.hedged AS hedged, r.editorial AS editorial, r.weakest_link AS weakest_link,
       (CASE WHEN coalesce(r.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + r.editorial] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY recommended_by, id
UNION ALL
MATCH (:Lookup {id: $to})-[:LOOKUP_OF {field: 'id'}]->(:Organisation|Unit|Person|Post|PersonnelCategory)<-[:ADDRESSED_TO]-(r:Recommendation)<-[:RECOMMENDS]-(by)
WITH DISTINCT by, r
OPTIONAL MATCH (r)-[:ADDRESSED_TO]->(recipient)
OPTIONAL MATCH (r)-[:CONCERNS]->(subject)
WITH by, r, collect(DISTINCT recipient.name) AS recipients, collect(DISTINCT subject.name) AS concerns
RETURN by.name AS recommended_by, recipients AS addressed_to, r.name AS recommendation, concerns,
       r.text AS text, r.id AS id, r.citations AS citations,
       r.hedged AS hedged, r.editorial AS editorial, r.weakest_link AS weakest_link,
       (CASE WHEN coalesce(r.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + r.editorial] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY recommended_by, id
