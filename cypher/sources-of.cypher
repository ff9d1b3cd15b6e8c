// name: sources-of
// title: Every citation behind a node and its edges
// category: provenance
// description: >
//   The citations of one node and of every edge that touches it: the source
//   document, the locator, the quote and whom the document attributes the fact
//   to. Use it to check a fact before you cite it.
// parameters:
//   - name: id
//     description: Any node (id, name or alias).
//     required: true
//     example: post-un-sg
//     resolve: any
MATCH (:Lookup {id: $id})-[:LOOKUP_OF {field: 'id'}]->(n:Source|Organisation|Unit|Person|Post|PersonnelCategory|Instrument|Facility|`Case`|Event|Allegation|Topic|Claim|Recommendation)
RETURN 'node' AS about, n.kind AS relation, n.name AS item, n.citations AS citations, n.hedged AS hedged, n.editorial AS editorial, n.weakest_link AS weakest_link,
       (CASE WHEN coalesce(n.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + n.editorial] END)
       + (CASE WHEN coalesce(n.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(n.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY relation, item, citations
UNION ALL
MATCH (:Lookup {id: $id})-[:LOOKUP_OF {field: 'id'}]->(n:Source|Organisation|Unit|Person|Post|PersonnelCategory|Instrument|Facility|`Case`|Event|Allegation|Topic|Claim|Recommendation)-[r]->(m)
RETURN 'edge' AS about, r.kind AS relation, m.name AS item, r.citations AS citations, r.hedged AS hedged, r.editorial AS editorial, r.weakest_link AS weakest_link,
       (CASE WHEN coalesce(r.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + r.editorial] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY relation, item, citations
UNION ALL
MATCH (:Lookup {id: $id})-[:LOOKUP_OF {field: 'id'}]->(n:Source|Organisation|Unit|Person|Post|PersonnelCategory|Instrument|Facility|`Case`|Event|Allegation|Topic|Claim|Recommendation)<-[r]-(m:Source|Organisation|Unit|Person|Post|PersonnelCategory|Instrument|Facility|`Case`|Event|Allegation|Topic|Claim|Recommendation)
RETURN 'edge' AS about, r.kind AS relation, m.name AS item, r.citations AS citations, r.hedged AS hedged, r.editorial AS editorial, r.weakest_link AS weakest_link,
       (CASE WHEN coalesce(r.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + r.editorial] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY relation, item, citations
