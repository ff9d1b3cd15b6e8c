// name: case
// title: Case dossier
// category: accountability
// description: >
//   Everything recorded about one case: the case itself, its allegations
//   (with accused, status and outcome), dated events, the actors involved and
//   their roles, and who alleged what. Each row is one item with its citations;
//   "hedged" and "editorial" mark what the sources hedge and what is the
//   project's identification, and "remark" gives the record's note.
// parameters:
//   - name: id
//     description: The case (id, name or alias).
//     required: true
//     example: case-ai-peja-2003
//     resolve: Case
MATCH (c:`Case` {id: $id})
RETURN 'case' AS part, c.date AS date, c.name AS item, c.place AS detail, c.summary AS note, c.hedged AS hedged, c.editorial AS editorial, c.note AS remark, c.citations AS citations, c.weakest_link AS weakest_link,
       (CASE WHEN coalesce(c.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + c.editorial] END)
       + (CASE WHEN coalesce(c.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(c.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY date, item, detail, citations
UNION ALL
MATCH (c:`Case` {id: $id})<-[:IN_CASE]-(a:Allegation)
RETURN 'allegation' AS part, a.date AS date, a.name AS item, a.status AS detail, a.summary AS note, a.hedged AS hedged, a.editorial AS editorial, a.note AS remark, a.citations AS citations, a.weakest_link AS weakest_link,
       (CASE WHEN coalesce(a.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + a.editorial] END)
       + (CASE WHEN coalesce(a.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(a.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY date, item, detail, citations
UNION ALL
MATCH (c:`Case` {id: $id})<-[:IN_CASE]-(a:Allegation)-[r:AGAINST]->(x)
RETURN 'accused' AS part, a.date AS date, x.name AS item, x.kind AS detail, a.name AS note, r.hedged AS hedged, r.editorial AS editorial, r.note AS remark, r.citations AS citations, r.weakest_link AS weakest_link,
       (CASE WHEN coalesce(r.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + r.editorial] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY date, item, detail, citations
UNION ALL
MATCH (c:`Case` {id: $id})<-[i:IN_CASE]-(a:Allegation)<-[r:ALLEGES]-(x)
// hint: (((c JOIN i) JOIN a) JOIN r) JOIN x
RETURN 'alleged by' AS part, a.date AS date, x.name AS item, x.kind AS detail, a.name AS note, r.hedged AS hedged, r.editorial AS editorial, r.note AS remark, r.citations AS citations, r.weakest_link AS weakest_link,
       (CASE WHEN coalesce(r.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + r.editorial] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY date, item, detail, citations
UNION ALL
MATCH (c:`Case` {id: $id})<-[:IN_CASE]-(e:Event)
RETURN 'event' AS part, e.date AS date, e.name AS item, e.event_kind AS detail, e.summary AS note, e.hedged AS hedged, e.editorial AS editorial, e.note AS remark, e.citations AS citations, e.weakest_link AS weakest_link,
       (CASE WHEN coalesce(e.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + e.editorial] END)
       + (CASE WHEN coalesce(e.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(e.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY date, item, detail, citations
UNION ALL
MATCH (c:`Case` {id: $id})-[r:INVOLVES]->(x)
RETURN 'involved' AS part, c.date AS date, x.name AS item, r.role AS detail, x.kind AS note, r.hedged AS hedged, r.editorial AS editorial, r.note AS remark, r.citations AS citations, r.weakest_link AS weakest_link,
       (CASE WHEN coalesce(r.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + r.editorial] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY date, item, detail, citations
UNION ALL
MATCH (c:`Case` {id: $id})<-[:IN_CASE]-(e:Event)-[r:INVOLVES]->(x)
RETURN 'involved' AS part, e.date AS date, x.name AS item, r.role AS detail, e.name AS note, r.hedged AS hedged, r.editorial AS editorial, r.note AS remark, r.citations AS citations, r.weakest_link AS weakest_link,
       (CASE WHEN coalesce(r.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + r.editorial] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY date, item, detail, citations
