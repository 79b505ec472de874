/**
 * Counts read from case_events leave out what a BreachWithdrawn withdrew (docs/calendar-years.md): the breach of
 * its clock at the breached due time, the breaches of its letters' feedback clocks, and the letters themselves.
 * `alias` is the case_events alias of the row tested (a trusted identifier, never input).
 */
export function notWithdrawnBreach(alias: string): string {
  return `NOT EXISTS (SELECT 1 FROM case_events w WHERE w.case_id = ${alias}.case_id AND w.type = 'BreachWithdrawn' AND w.seq > ${alias}.seq
    AND ((w.payload->>'deadlineKey' = ${alias}.payload->>'deadlineKey'
          AND (w.payload->>'previousDueAt')::timestamptz = (${alias}.payload->>'dueAt')::timestamptz)
      OR w.payload->'feedbackBreaches' ? (${alias}.payload->>'deadlineKey')))`;
}

export function notWithdrawnLetter(alias: string): string {
  return `NOT EXISTS (SELECT 1 FROM case_events w WHERE w.case_id = ${alias}.case_id AND w.type = 'BreachWithdrawn' AND w.seq > ${alias}.seq
    AND w.payload->'letterNos' ? (${alias}.payload->>'letterNo'))`;
}
