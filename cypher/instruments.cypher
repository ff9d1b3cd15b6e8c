// name: instruments
// title: Legal instruments in date order
// category: law
// description: >
//   Regulations, resolutions, conventions, codes, directives, lists and
//   criminal-code articles, oldest first (undated ones last, marked "undated"), with who issued
//   each and what it provides.
// parameters: []
MATCH (i:Instrument)
OPTIONAL MATCH (issuer)-[:ISSUED]->(i)
RETURN coalesce(i.date, 'undated') AS date, i.name AS instrument, i.code AS code, i.instrument_kind AS kind,
       collect(DISTINCT issuer.name) AS issued_by, i.provides AS provides, i.citations AS citations,
       i.hedged AS hedged, i.editorial AS editorial, i.weakest_link AS weakest_link,
       (CASE WHEN coalesce(i.editorial, '') = '' THEN ['-'][0..0] ELSE ['editorial: ' + i.editorial] END)
       + (CASE WHEN coalesce(i.weakest_link, '') CONTAINS 'hedged' THEN ['hedged'] ELSE ['-'][0..0] END)
       + (CASE WHEN coalesce(i.weakest_link, '') CONTAINS 'second-hand' THEN ['second-hand'] ELSE ['-'][0..0] END) AS caveats
ORDER BY date, instrument, code, citations
