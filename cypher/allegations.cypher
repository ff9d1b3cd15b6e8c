// name: allegations
// title: Allegations, with accused, status and outcome
// category: accountability
// description: >
//   Allegations the sources record: who is accused, when and where, who made or
//   documented the allegation, its status (alleged, substantiated, denied,
//   unresolved) and what followed. With "against", only allegations against
//   that actor, against anyone who is a member or part of it, or against the
//   personnel category its staff fall in (e.g. KFOR includes "KFOR troops").
// parameters:
//   - name: against
//     description: An actor, unit, organisation or personnel category (id, name or alias).
//     required: false
//     example: KFOR
//     resolve: actor
MATCH (a:Allegation)-[:AGAINST]->(accused)
WHERE $against = '' OR accused.id = $against
   OR EXISTS { MATCH (accused)-[:MEMBER_OF|PART_OF|IN_CATEGORY|HOLDS_POST*1..6]->(x) WHERE x.id = $against }
   OR EXISTS { MATCH (x)-[:IN_CATEGORY]->(accused) WHERE x.id = $against }
OPTIONAL MATCH (by)-[:ALLEGES]->(a)
OPTIONAL MATCH (a)-[:IN_CASE]->(c:`Case`)
RETURN a.id AS allegation, a.name AS summary, collect(DISTINCT accused.name) AS accused,
       a.date AS date, a.place AS place, collect(DISTINCT by.name) AS alleged_by, a.status AS status,
       a.outcome AS outcome, c.id AS case_id, a.citations AS citations
ORDER BY date, allegation
