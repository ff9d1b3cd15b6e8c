// name: allegations
// title: Allegations, with accused, status and outcome
// category: accountability
// description: >
//   Allegations the sources record: who is accused, when and where, who made or
//   documented the allegation, its status (alleged, substantiated, denied,
//   unresolved) and what followed. With "against", only allegations against
//   that actor, against anyone who is a member or part of it, or against the
//   personnel category its staff fall in (e.g. KFOR includes "KFOR troops").
//   Records linked by SAME_AS count once: the row is the record that stands
//   for both, and "same_as" lists the others. "hedged", "editorial" and
//   "note" show how firmly the sources state it; "kind" separates individual
//   conduct from institutional policy; n_sources, n_origins and weakest_link
//   say how independently it is corroborated.
// parameters:
//   - name: against
//     description: An actor, unit, organisation or personnel category (id, name or alias).
//     required: false
//     example: KFOR
//     resolve: actor
MATCH (a:Allegation)-[:AGAINST]->(accused)
WHERE $against = ''
WITH a, collect(DISTINCT accused.name) AS accused
WHERE NOT EXISTS { MATCH (a)-[:SAME_AS]->(:Allegation) }
OPTIONAL MATCH (by)-[:ALLEGES]->(a)
WITH a, accused, collect(DISTINCT by.name) AS alleged_by
OPTIONAL MATCH (dup:Allegation)-[:SAME_AS]->(a)
WITH a, accused, alleged_by, collect(DISTINCT dup.id) AS same_as
OPTIONAL MATCH (a)-[:IN_CASE]->(c:`Case`)
RETURN a.id AS allegation, a.name AS summary, accused, a.date AS date, a.place AS place, alleged_by,
       a.status AS status, a.outcome AS outcome, coalesce(a.allegation_kind, 'individual_conduct') AS kind,
       c.id AS case_id, same_as, a.hedged AS hedged, a.editorial AS editorial, a.note AS note,
       a.n_sources AS n_sources, a.n_origins AS n_origins, a.weakest_link AS weakest_link, a.citations AS citations,
       (CASE WHEN coalesce(a.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + a.editorial] END)
       + (CASE WHEN coalesce(a.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(a.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY date, allegation, case_id
UNION ALL
MATCH (:Lookup {id: $against})-[:LOOKUP_OF {field: 'id'}]->(x:Organisation|Unit|Person|Post|PersonnelCategory)
// Walk out from the actor to the allegations against it or anything below it, and against its
// categories; then each allegation once, by its own id.
OPTIONAL MATCH (x)<-[:MEMBER_OF|PART_OF|IN_CATEGORY|HOLDS_POST*0..6]-(d)<-[:AGAINST]-(a1:Allegation)
WITH x, collect(DISTINCT {aid: a1.id, name: d.name}) AS below
OPTIONAL MATCH (x)-[:IN_CATEGORY]->(k:PersonnelCategory)<-[:AGAINST]-(a2:Allegation)
WITH below, collect(DISTINCT {aid: a2.id, name: k.name}) AS in_categories
UNWIND below + in_categories AS hit
WITH hit.aid AS aid, hit.name AS name
WHERE aid IS NOT NULL
WITH aid, collect(DISTINCT name) AS accused
MATCH (a:Allegation)
WHERE a.id = aid
WITH a, accused
WHERE NOT EXISTS { MATCH (a)-[:SAME_AS]->(:Allegation) }
OPTIONAL MATCH (by)-[:ALLEGES]->(a)
WITH a, accused, collect(DISTINCT by.name) AS alleged_by
OPTIONAL MATCH (dup:Allegation)-[:SAME_AS]->(a)
WITH a, accused, alleged_by, collect(DISTINCT dup.id) AS same_as
OPTIONAL MATCH (a)-[:IN_CASE]->(c:`Case`)
RETURN a.id AS allegation, a.name AS summary, accused, a.date AS date, a.place AS place, alleged_by,
       a.status AS status, a.outcome AS outcome, coalesce(a.allegation_kind, 'individual_conduct') AS kind,
       c.id AS case_id, same_as, a.hedged AS hedged, a.editorial AS editorial, a.note AS note,
       a.n_sources AS n_sources, a.n_origins AS n_origins, a.weakest_link AS weakest_link, a.citations AS citations,
       (CASE WHEN coalesce(a.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + a.editorial] END)
       + (CASE WHEN coalesce(a.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(a.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY date, allegation, case_id
