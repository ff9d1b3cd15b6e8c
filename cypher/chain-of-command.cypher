// name: chain-of-command
// title: Chain of command and reporting line upward
// category: structure
// description: >
//   The reporting, command and part-of line upward from a unit, post or person
//   to the top of its hierarchy. Each row is one complete line from the
//   starting point to a top (a node with nothing above it); each step of the
//   path carries its relation and its citations.
// parameters:
//   - name: from
//     description: Where to start; an id, name or alias of a unit, post, person or organisation.
//     required: true
//     example: TPIU
//     resolve: actor
MATCH p = (start)-[:REPORTS_TO|COMMANDED_BY|PART_OF|HOLDS_POST|MEMBER_OF*1..10]->(top)
WHERE start.id = $from
  AND NOT EXISTS { MATCH (top)-[:REPORTS_TO|COMMANDED_BY|PART_OF|HOLDS_POST|MEMBER_OF]->() }
RETURN top.name AS reaches, length(p) AS steps, p AS line
ORDER BY steps DESC, reaches
