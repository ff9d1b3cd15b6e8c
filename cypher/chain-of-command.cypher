// name: chain-of-command
// title: Chain of command and reporting line upward
// category: structure
// derive: validity
// description: >
//   The reporting, command and part-of lines upward from a unit, post or person,
//   level by level to the top. Level 1 holds the links out of the starting
//   point; level n the links out of whatever lies n-1 steps above it (by the
//   shortest route). Each row is one link - subordinate, relation, superior -
//   with its citations; a level with several rows means the sources give
//   several lines (e.g. a unit both part of and reporting to another). With
//   "as_of", links whose start or end the sources give and that do not hold
//   on that date are left out; "valid" marks links that may hold (a partial
//   date that straddles it).
// parameters:
//   - name: from
//     description: Where to start; an id, name or alias of a unit, post, person or organisation.
//     required: true
//     example: TPIU
//     resolve: actor
//   - name: as_of
//     description: A date (YYYY, YYYY-MM or YYYY-MM-DD); only links the sources do not date outside it. "valid" says whether a link holds then.
//     required: false
//     example: 2001-06-01
//     type: date
MATCH (:Lookup {id: $from})-[:LOOKUP_OF {field: 'id'}]->(s:Organisation|Unit|Person|Post|PersonnelCategory)
WITH s
MATCH (s)-[r:REPORTS_TO|COMMANDED_BY|PART_OF|HOLDS_POST|MEMBER_OF]->(y)
RETURN 1 AS level, s.name AS subordinate, r.kind AS relation, y.name AS superior, y.kind AS superior_kind,
       s.id AS subordinate_id, y.id AS superior_id, r.start AS start, r.`end` AS `end`, $as_of AS as_of, r.citations AS citations,
       r.hedged AS hedged, r.editorial AS editorial, r.weakest_link AS weakest_link,
       (CASE WHEN coalesce(r.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + r.editorial] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY level, subordinate, relation, superior, citations
UNION ALL
MATCH (:Lookup {id: $from})-[:LOOKUP_OF {field: 'id'}]->(s:Organisation|Unit|Person|Post|PersonnelCategory)
WITH s
MATCH p = ANY SHORTEST (s)-[:REPORTS_TO|COMMANDED_BY|PART_OF|HOLDS_POST|MEMBER_OF]->{1,12}(x)
WHERE x.id <> s.id
MATCH (x)-[r:REPORTS_TO|COMMANDED_BY|PART_OF|HOLDS_POST|MEMBER_OF]->(y)
WHERE y.id <> s.id
RETURN length(p) + 1 AS level, x.name AS subordinate, r.kind AS relation, y.name AS superior, y.kind AS superior_kind,
       x.id AS subordinate_id, y.id AS superior_id, r.start AS start, r.`end` AS `end`, $as_of AS as_of, r.citations AS citations,
       r.hedged AS hedged, r.editorial AS editorial, r.weakest_link AS weakest_link,
       (CASE WHEN coalesce(r.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + r.editorial] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY level, subordinate, relation, superior, citations
// ladybug:
MATCH (:Lookup {id: $from})-[:LOOKUP_OF {field: 'id'}]->(s:Organisation|Unit|Person|Post|PersonnelCategory)
WITH s
MATCH (s)-[r:REPORTS_TO|COMMANDED_BY|PART_OF|HOLDS_POST|MEMBER_OF]->(y)
RETURN 1 AS level, s.name AS subordinate, r.kind AS relation, y.name AS superior, y.kind AS superior_kind,
       s.id AS subordinate_id, y.id AS superior_id, r.start AS start, r.`end` AS `end`, $as_of AS as_of, r.citations AS citations,
       r.hedged AS hedged, r.editorial AS editorial, r.weakest_link AS weakest_link,
       (CASE WHEN coalesce(r.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + r.editorial] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY level, subordinate, relation, superior, citations
UNION ALL
MATCH (:Lookup {id: $from})-[:LOOKUP_OF {field: 'id'}]->(s:Organisation|Unit|Person|Post|PersonnelCategory)
WITH s
MATCH p = (s)-[:REPORTS_TO|COMMANDED_BY|PART_OF|HOLDS_POST|MEMBER_OF* SHORTEST 1..12]->(x)
WHERE x.id <> s.id
MATCH (x)-[r:REPORTS_TO|COMMANDED_BY|PART_OF|HOLDS_POST|MEMBER_OF]->(y)
WHERE y.id <> s.id
RETURN length(p) + 1 AS level, x.name AS subordinate, r.kind AS relation, y.name AS superior, y.kind AS superior_kind,
       x.id AS subordinate_id, y.id AS superior_id, r.start AS start, r.`end` AS `end`, $as_of AS as_of, r.citations AS citations,
       r.hedged AS hedged, r.editorial AS editorial, r.weakest_link AS weakest_link,
       (CASE WHEN coalesce(r.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + r.editorial] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY level, subordinate, relation, superior, citations
