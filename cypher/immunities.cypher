// name: immunities
// title: Who holds immunity, under which instrument
// category: immunity
// description: >
//   Every grant of immunity: the category, organisation or post that holds it,
//   the instrument and provision that grant it, its kind and scope, and who
//   may waive it (empty when the sources name no one).
// parameters: []
MATCH (instrument:Instrument)-[g:GRANTS_IMMUNITY]->(holder)
OPTIONAL MATCH (authority)-[:MAY_WAIVE]->(holder)
RETURN holder.name AS holder, holder.kind AS holder_kind, instrument.name AS instrument,
       g.provision AS provision, g.immunity_kind AS immunity_kind, g.scope AS scope,
       collect(DISTINCT authority.name) AS waivable_by, g.citations AS citations
ORDER BY holder, instrument, provision, citations
