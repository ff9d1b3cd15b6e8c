// name: who-can-waive
// title: Who can waive immunity, for whom
// category: immunity
// derive: waivers
// description: >
//   Which authority may waive whose immunity, under which instrument and
//   provision, with a verdict on the holder's immunity and the reason. Without
//   a holder, lists every waiver rule and every grant of immunity for which
//   the sources record no waiver authority. With a holder (a person, unit,
//   organisation, post or personnel category), follows membership, posts,
//   part-of and category links upward to the categories a rule attaches to;
//   "covered_as" names that category. A holder that is immune with no waiver
//   rule recorded gets a row saying so rather than no row. With "as_of", only
//   rules in force on that date, and the verdict for that date. "derivation"
//   gives each step with its citations.
// parameters:
//   - name: holder
//     description: Whose immunity; an id, name or alias of an actor.
//     required: false
//     example: UNMIK Police
//     resolve: actor
//   - name: as_of
//     description: A date (YYYY, YYYY-MM or YYYY-MM-DD); only rules in force then, and the verdict then.
//     required: false
//     example: 2001-06-01
//     type: date
MATCH (:Lookup {id: $holder})-[:LOOKUP_OF {field: 'id'}]->(hd)
WHERE hd.kind IN ['Organisation', 'Unit', 'Person', 'Post', 'PersonnelCategory']
MATCH p = (hd)-[:MEMBER_OF|PART_OF|IN_CATEGORY|HOLDS_POST*0..6]->(c)
WHERE EXISTS { MATCH (c)<-[:GRANTS_IMMUNITY|MAY_WAIVE]-() }
WITH hd, p, c
OPTIONAL MATCH (gi:Instrument)-[g:GRANTS_IMMUNITY]->(c)
OPTIONAL MATCH (gi)<-[:SUPERSEDES]-(newer:Instrument)
WITH hd, p, c, gi, g, collect(DISTINCT coalesce(newer.start, newer.date)) AS superseded_on
OPTIONAL MATCH (auth)-[w:MAY_WAIVE]->(c)
OPTIONAL MATCH (wi:Instrument {id: w.instrument})
RETURN hd AS holder, p AS path, c AS covered, gi AS grant_instrument, g AS grant, superseded_on,
       auth AS authority, w AS waiver, wi AS waiver_instrument, $as_of AS as_of
UNION ALL
// With no holder, each holder is itself the covered node: no path to walk (a path of no steps).
// The " immune" facet lists every record granted immunity or under a waiver rule.
MATCH (:Lookup {id: ' immune'})-[:LOOKUP_OF {field: 'facet'}]->(hd:Organisation|Unit|Person|Post|PersonnelCategory)
WHERE $holder = ''
OPTIONAL MATCH (gi:Instrument)-[g:GRANTS_IMMUNITY]->(hd)
OPTIONAL MATCH (gi)<-[:SUPERSEDES]-(newer:Instrument)
WITH hd, gi, g, collect(DISTINCT coalesce(newer.start, newer.date)) AS superseded_on
OPTIONAL MATCH (auth)-[w:MAY_WAIVE]->(hd)
OPTIONAL MATCH (wi:Instrument {id: w.instrument})
RETURN hd AS holder, NULL AS path, hd AS covered, gi AS grant_instrument, g AS grant, superseded_on,
       auth AS authority, w AS waiver, wi AS waiver_instrument, $as_of AS as_of
