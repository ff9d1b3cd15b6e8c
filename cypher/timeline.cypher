// name: timeline
// title: Timeline of events, allegations, instruments and outcomes
// category: cases
// description: >
//   Everything the sources date, oldest first: allegations (with status and
//   outcome), the events of each case (raids, arrests, investigations, waiver
//   requests, trials), their outcomes (repatriations, disciplinary steps,
//   waiver decisions, verdicts), and instruments being issued, entering into
//   force and ending.
//   A date is as precise as the sources give it: "2003" or "2003-03" is a
//   period, listed before the days within it. Undated records are left out.
//   With "actor", only what concerns that actor or anyone who is a member or
//   part of it: allegations against them (or, for a unit or organisation,
//   against the personnel category its staff fall in), events and allegations
//   whose case involves them, instruments they issued, and instruments that
//   apply to or grant immunity to them, to what they are part of or a member
//   of, or to their personnel category.
//   A record that is SAME_AS another is shown once, as the record that stands
//   for both. weakest_link and editorial mark hedged, second-hand and
//   editorial entries.
// parameters:
//   - name: actor
//     description: An actor, unit, organisation or personnel category (id, name or alias).
//     required: false
//     example: KFOR
//     resolve: actor
MATCH (:Lookup {id: ' dated'})-[:LOOKUP_OF {field: 'facet'}]->(n:Allegation|Event|Instrument)
WHERE $actor = ''
// (the " dated" facet lists every allegation, event and instrument with a date, start or end)
WITH n
WHERE NOT EXISTS { MATCH (n)-[:SAME_AS]->() }
OPTIONAL MATCH (n)-[:IN_CASE]->(c:`Case`)
WITH n, collect(DISTINCT c.id) AS cases
OPTIONAL MATCH (n)-[:AGAINST|INVOLVES|ISSUED]-(y)
WITH n, cases, collect(DISTINCT y.name) AS actors
UNWIND [{entry: CASE WHEN n.kind = 'Allegation' THEN 'allegation'
                     WHEN n.kind = 'Instrument' THEN 'instrument issued'
                     WHEN n.event_kind IN ['repatriation', 'disciplinary', 'waiver_decision', 'verdict']
                     THEN 'outcome' ELSE 'event' END, date: n.date},
        {entry: 'instrument in force', date: CASE WHEN n.kind = 'Instrument' THEN n.start END},
        {entry: 'instrument ends', date: CASE WHEN n.kind = 'Instrument' THEN n.`end` END}] AS step
WITH n, cases, actors, step
WHERE step.date IS NOT NULL AND NOT (step.entry = 'instrument issued' AND coalesce(n.start, '') = n.date)
RETURN step.date AS date, step.entry AS entry, n.name AS what,
       CASE WHEN n.kind = 'Allegation' THEN n.status WHEN n.kind = 'Event' THEN n.event_kind ELSE n.code END AS detail,
       n.outcome AS outcome, actors, cases, n.id AS id, n.n_sources AS n_sources, n.weakest_link AS weakest_link,
       n.editorial AS editorial, n.citations AS citations, n.hedged AS hedged,
       (CASE WHEN coalesce(n.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + n.editorial] END)
       + (CASE WHEN coalesce(n.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(n.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY date, entry, id
UNION ALL
MATCH (:Lookup {id: $actor})-[:LOOKUP_OF {field: 'id'}]->(x)
OPTIONAL MATCH (x)<-[:MEMBER_OF|PART_OF|IN_CATEGORY|HOLDS_POST*0..6]-(y)
WITH DISTINCT x, y
OPTIONAL MATCH (y)<-[:AGAINST|INVOLVES|APPLIES_TO|GRANTS_IMMUNITY]-(n:Allegation|Event|Instrument)
WITH x, y, collect(n.id) AS linked
OPTIONAL MATCH (y)-[:ISSUED]->(n:Instrument)
WITH x, y, linked, collect(n.id) AS issued
OPTIONAL MATCH (y)<-[:INVOLVES]-(:`Case`)<-[:IN_CASE]-(n:Allegation|Event)
WITH x, y, linked, issued, collect(n.id) AS in_case
UNWIND linked + issued + in_case + [''] AS linked_id
WITH x, collect(DISTINCT linked_id) AS below
OPTIONAL MATCH (x)-[:MEMBER_OF|PART_OF|IN_CATEGORY|HOLDS_POST*1..6]->(u)
WITH DISTINCT x, below, u
OPTIONAL MATCH (u)<-[:APPLIES_TO|GRANTS_IMMUNITY]-(n:Instrument)
WITH x, below, collect(DISTINCT n.id) AS above
OPTIONAL MATCH (x)-[:IN_CATEGORY]->(:PersonnelCategory)<-[:AGAINST]-(n:Allegation)
WHERE x.kind <> 'Person'
WITH below, above, collect(DISTINCT n.id) AS by_category
UNWIND below + above + by_category AS linked_id
MATCH (n:Allegation|Event|Instrument)
WHERE n.id = linked_id AND (n.date IS NOT NULL OR n.start IS NOT NULL OR n.`end` IS NOT NULL)
WITH DISTINCT n
WHERE NOT EXISTS { MATCH (n)-[:SAME_AS]->() }
OPTIONAL MATCH (n)-[:IN_CASE]->(c:`Case`)
WITH n, collect(DISTINCT c.id) AS cases
OPTIONAL MATCH (n)-[:AGAINST|INVOLVES|ISSUED]-(y)
WITH n, cases, collect(DISTINCT y.name) AS actors
UNWIND [{entry: CASE WHEN n.kind = 'Allegation' THEN 'allegation'
                     WHEN n.kind = 'Instrument' THEN 'instrument issued'
                     WHEN n.event_kind IN ['repatriation', 'disciplinary', 'waiver_decision', 'verdict']
                     THEN 'outcome' ELSE 'event' END, date: n.date},
        {entry: 'instrument in force', date: CASE WHEN n.kind = 'Instrument' THEN n.start END},
        {entry: 'instrument ends', date: CASE WHEN n.kind = 'Instrument' THEN n.`end` END}] AS step
WITH n, cases, actors, step
WHERE step.date IS NOT NULL AND NOT (step.entry = 'instrument issued' AND coalesce(n.start, '') = n.date)
RETURN step.date AS date, step.entry AS entry, n.name AS what,
       CASE WHEN n.kind = 'Allegation' THEN n.status WHEN n.kind = 'Event' THEN n.event_kind ELSE n.code END AS detail,
       n.outcome AS outcome, actors, cases, n.id AS id, n.n_sources AS n_sources, n.weakest_link AS weakest_link,
       n.editorial AS editorial, n.citations AS citations, n.hedged AS hedged,
       (CASE WHEN coalesce(n.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + n.editorial] END)
       + (CASE WHEN coalesce(n.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(n.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY date, entry, id
