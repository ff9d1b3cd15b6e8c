// name: referral-pathway
// title: Where victims are referred, step by step
// category: victims
// description: >
//   The referral pathways the sources describe: for each pathway, its steps in
//   order, who refers victims to whom, for which victims (international,
//   domestic, minor or any), and who runs or funds the receiving facility.
// parameters:
//   - name: victim
//     description: Which victims - international, domestic or minor; steps for "any" victims are always included.
//     required: false
//     example: international
MATCH (k:Lookup {id: ' refers'})-[f:LOOKUP_OF {field: 'facet'}]->(a)-[r:REFERS_VICTIMS_TO]->(b)
WHERE $victim = '' OR r.victim = $victim OR r.victim = 'any'
// hint: (((k JOIN f) JOIN a) JOIN r) JOIN b
// (the " refers" facet lists every record that refers victims on)
OPTIONAL MATCH (operator)-[:RUNS|FUNDS]->(b)
RETURN r.pathway AS pathway, r.step AS step, r.victim AS victim, a.name AS referred_by,
       b.name AS referred_to, b.kind AS referred_to_kind, r.purpose AS purpose,
       collect(DISTINCT operator.name) AS run_or_funded_by, r.citations AS citations,
       r.hedged AS hedged, r.editorial AS editorial, r.weakest_link AS weakest_link,
       (CASE WHEN coalesce(r.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + r.editorial] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(r.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY pathway, step, referred_by, referred_to, citations
