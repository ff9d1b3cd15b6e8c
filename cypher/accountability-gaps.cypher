// name: accountability-gaps
// title: Impunity report - allegations against people who may hold immunity
// category: accountability
// derive: immunity-gaps
// description: >
//   One row per allegation against an actor with a route to a grant of
//   immunity: who is accused, the verdict at the allegation's own date
//   (immune, possibly immune, unknown) and the reason, the categories and
//   instruments, who could have waived the immunity, what happened to a waiver
//   (granted, refused, requested or none recorded), the status and outcome,
//   and the gap: "yes" when the accused was immune and the record shows
//   neither a waiver granted nor a charge, trial or verdict; "possibly" or
//   "unknown" when the verdict is; "no" when a waiver was granted or charges
//   followed; "not applicable" for an institutional policy, to which no
//   waiver applies. "derivation" gives the route step by step with each
//   step's citations (accgraph explain ID prints it). Records linked by
//   SAME_AS count once.
// parameters: []
MATCH (gi:Instrument)-[:GRANTS_IMMUNITY]->(h)
WITH DISTINCT gi AS i, h
MATCH p = (x)-[:MEMBER_OF|PART_OF|IN_CATEGORY|HOLDS_POST*0..6]->(h)<-[g:GRANTS_IMMUNITY]-(i)
WITH x, p, h, i
MATCH (x)<-[ag:AGAINST]-(a:Allegation)
// hint: (x JOIN ag) JOIN a
WITH a, ag, x, p, h, i
WHERE NOT EXISTS { MATCH (a)-[:SAME_AS]->(:Allegation) }
WITH a, ag, x, p, h, i
OPTIONAL MATCH (d:Allegation)-[:SAME_AS]->(a)
WITH a, ag, x, p, h, i, collect(DISTINCT d.id) AS same_as
OPTIONAL MATCH (x)-[pc:IN_CATEGORY]->(pcat:PersonnelCategory)
WHERE pc.partial = true
WITH a, same_as, ag, x, p, h, i, collect(DISTINCT pcat.name) AS mixed
OPTIONAL MATCH (i)<-[:SUPERSEDES]-(newer:Instrument)
WITH a, same_as, ag, x, mixed, p, h, i, collect(DISTINCT coalesce(newer.start, newer.date)) AS superseded_on
OPTIONAL MATCH (auth)-[w:MAY_WAIVE]->(h)
RETURN a AS allegation, same_as, ag AS against, x AS accused, mixed, p AS path, i AS instrument, superseded_on,
       auth AS authority, w AS waiver
ORDER BY a.id
