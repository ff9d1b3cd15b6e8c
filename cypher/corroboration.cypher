// name: corroboration
// title: Corroboration by independent origin
// category: provenance
// description: >
//   For each claim and allegation: how many documents state it (n_sources, and
//   which: stated_in), how many independent origins those go back to
//   (n_origins, and which: origin_ids) and its weakest link (hedged,
//   second-hand, both, or empty). A document speaking for itself is an origin;
//   a citation "via" someone counts for where its via chain ends (through a
//   report that draws on one other report), so the Home Office repeating
//   Amnesty is two sources but one origin. A claim's support includes the
//   claims that corroborate it; "linked" lists them, and records marked
//   SAME_AS. Records SAME_AS another are listed once, as the record that
//   stands for both (their figures count both). Fewer origins than sources
//   means repetition, not independent confirmation. Give an id for one claim
//   or allegation.
// parameters:
//   - name: id
//     description: A claim or allegation (id, name or alias).
//     required: false
//     example: claim-ho-ai-redress-protection
//     resolve: Claim,Allegation
MATCH (c:Claim {id: $id})
OPTIONAL MATCH (c)-[:CORROBORATES|SAME_AS]-(o:Claim)
WITH c, collect(DISTINCT o.id) AS linked
RETURN c.kind AS kind, c.id AS id, c.text AS statement, c.n_sources AS n_sources, c.n_origins AS n_origins,
       c.weakest_link AS weakest_link, c.stated_in AS stated_in, c.origin_ids AS origin_ids, linked,
       c.citations AS citations, c.hedged AS hedged, c.editorial AS editorial,
       (CASE WHEN coalesce(c.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + c.editorial] END)
       + (CASE WHEN coalesce(c.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(c.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY kind, id
UNION ALL
MATCH (c:Claim)
WHERE $id = '' AND NOT EXISTS { MATCH (c)-[:SAME_AS]->(:Claim) }
OPTIONAL MATCH (c)-[:CORROBORATES|SAME_AS]-(o:Claim)
WITH c, collect(DISTINCT o.id) AS linked
RETURN c.kind AS kind, c.id AS id, c.text AS statement, c.n_sources AS n_sources, c.n_origins AS n_origins,
       c.weakest_link AS weakest_link, c.stated_in AS stated_in, c.origin_ids AS origin_ids, linked,
       c.citations AS citations, c.hedged AS hedged, c.editorial AS editorial,
       (CASE WHEN coalesce(c.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + c.editorial] END)
       + (CASE WHEN coalesce(c.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(c.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY kind, id
UNION ALL
MATCH (a:Allegation {id: $id})
OPTIONAL MATCH (a)-[:SAME_AS]-(o:Allegation)
WITH a, collect(DISTINCT o.id) AS linked
RETURN a.kind AS kind, a.id AS id, a.name AS statement, a.n_sources AS n_sources, a.n_origins AS n_origins,
       a.weakest_link AS weakest_link, a.stated_in AS stated_in, a.origin_ids AS origin_ids, linked,
       a.citations AS citations, a.hedged AS hedged, a.editorial AS editorial,
       (CASE WHEN coalesce(a.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + a.editorial] END)
       + (CASE WHEN coalesce(a.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(a.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY kind, id
UNION ALL
MATCH (a:Allegation)
WHERE $id = '' AND NOT EXISTS { MATCH (a)-[:SAME_AS]->(:Allegation) }
OPTIONAL MATCH (a)-[:SAME_AS]-(o:Allegation)
WITH a, collect(DISTINCT o.id) AS linked
RETURN a.kind AS kind, a.id AS id, a.name AS statement, a.n_sources AS n_sources, a.n_origins AS n_origins,
       a.weakest_link AS weakest_link, a.stated_in AS stated_in, a.origin_ids AS origin_ids, linked,
       a.citations AS citations, a.hedged AS hedged, a.editorial AS editorial,
       (CASE WHEN coalesce(a.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + a.editorial] END)
       + (CASE WHEN coalesce(a.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(a.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY kind, id
