// name: actor
// title: Actor profile
// category: structure
// derive: validity
// description: >
//   A profile of one actor: the record itself (with aliases and summary), then
//   every relation out of it (memberships, posts, reporting and command lines,
//   categories) and into it (members, subordinates, allegations against it,
//   rules that cover it), each with its citations, its start and end where the
//   sources give them, and hedged or editorial marks. With "as_of", relations
//   the sources date outside that date are left out; "valid" marks those that
//   may hold.
// parameters:
//   - name: name
//     description: The actor (id, name or alias).
//     required: true
//     example: TPIU
//     resolve: actor
//   - name: as_of
//     description: A date (YYYY, YYYY-MM or YYYY-MM-DD); relations dated outside it are left out.
//     required: false
//     example: 2003
//     type: date
MATCH (:Lookup {id: $name})-[:LOOKUP_OF {field: 'id'}]->(n:Organisation|Unit|Person|Post|PersonnelCategory)
WITH n
RETURN 'profile' AS part, n.kind AS relation, n.name AS other, n.summary AS detail, n.aliases AS aliases, n.start AS start, n.`end` AS `end`, n.hedged AS hedged, n.editorial AS editorial, $as_of AS as_of, n.citations AS citations, n.weakest_link AS weakest_link,
       (CASE WHEN coalesce(n.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + n.editorial] END)
       + (CASE WHEN coalesce(n.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(n.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY relation, other, citations
UNION ALL
MATCH (:Lookup {id: $name})-[:LOOKUP_OF {field: 'id'}]->(n:Organisation|Unit|Person|Post|PersonnelCategory)
WITH n
MATCH (n)-[r]->(m)
RETURN 'outgoing' AS part, r.kind AS relation, m.name AS other, m.kind AS detail, m.aliases AS aliases, r.start AS start, r.`end` AS `end`, r.hedged AS hedged, r.editorial AS editorial, $as_of AS as_of, r.citations AS citations, r.weakest_link AS weakest_link,
       (CASE WHEN coalesce(r.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + r.editorial] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY relation, other, citations
UNION ALL
MATCH (:Lookup {id: $name})-[:LOOKUP_OF {field: 'id'}]->(n:Organisation|Unit|Person|Post|PersonnelCategory)
WITH n
MATCH (n)<-[r]-(m:Source|Organisation|Unit|Person|Post|PersonnelCategory|Instrument|Facility|`Case`|Event|Allegation|Topic|Claim|Recommendation)
RETURN 'incoming' AS part, r.kind AS relation, m.name AS other, m.kind AS detail, m.aliases AS aliases, r.start AS start, r.`end` AS `end`, r.hedged AS hedged, r.editorial AS editorial, $as_of AS as_of, r.citations AS citations, r.weakest_link AS weakest_link,
       (CASE WHEN coalesce(r.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + r.editorial] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY relation, other, citations
