// name: immunities
// title: Who holds immunity, under which instrument
// category: immunity
// derive: grants
// description: >
//   Every grant of immunity: the category, organisation or post that holds it,
//   the instrument and provision that grant it, its kind and scope, when it is
//   in force (from the instrument's entry into force, until its end or an
//   instrument that supersedes it), and who may waive it (empty when the
//   sources name no one). With "holder", the grants that reach that actor
//   through its memberships, posts and categories. With "as_of", the verdict
//   for that date: immune, possibly immune (e.g. the date straddles entry into
//   force) or unknown (not yet in force; the sources name nothing earlier).
// parameters:
//   - name: holder
//     description: Whose immunity; an id, name or alias of an actor.
//     required: false
//     example: KFOR
//     resolve: actor
//   - name: as_of
//     description: A date (YYYY, YYYY-MM or YYYY-MM-DD) for the verdict.
//     required: false
//     example: 2000
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
