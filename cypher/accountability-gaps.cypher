// name: accountability-gaps
// title: Impunity report - allegations against people who hold immunity
// category: accountability
// description: >
//   One row per allegation against an actor whose personnel category holds
//   immunity: who is accused, the categories that make them immune, the
//   instruments, who could have waived the immunity, what happened to a waiver
//   (granted, refused, requested or none recorded), the status and outcome, and
//   "gap" = true when the record shows neither a waiver granted nor a charge,
//   trial or verdict.
// parameters: []
MATCH (a:Allegation)-[:AGAINST]->(accused)
MATCH (accused)-[:MEMBER_OF|PART_OF|IN_CATEGORY|HOLDS_POST*0..6]->(immune)
MATCH (instrument:Instrument)-[:GRANTS_IMMUNITY]->(immune)
OPTIONAL MATCH (authority)-[:MAY_WAIVE]->(immune)
WITH a, collect(DISTINCT accused.name) AS accused, collect(DISTINCT immune.name) AS immune_as,
     collect(DISTINCT instrument.name) AS instruments, collect(DISTINCT authority.name) AS could_waive
RETURN a.id AS allegation, a.name AS summary, accused, immune_as, instruments, could_waive,
       CASE WHEN 'waiver_granted' IN a.outcome THEN 'granted'
            WHEN 'waiver_refused' IN a.outcome THEN 'refused'
            WHEN 'waiver_requested' IN a.outcome THEN 'requested'
            ELSE 'none recorded' END AS waiver,
       a.status AS status, a.outcome AS outcome,
       NOT ('waiver_granted' IN coalesce(a.outcome, ['none']) OR 'charged' IN coalesce(a.outcome, ['none'])
            OR 'convicted' IN coalesce(a.outcome, ['none']) OR 'acquitted' IN coalesce(a.outcome, ['none'])) AS gap,
       a.date AS date, a.citations AS citations
ORDER BY date, allegation
