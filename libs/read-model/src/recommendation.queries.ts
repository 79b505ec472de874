import { notWithdrawnLetter } from './withdrawn.sql';
import type { EntityManager } from 'typeorm';
import { Params, payloadRegionCondition } from './supervision.filters';
import type { ReportScope } from './report.queries';

/** 问责建议函 issued in the period and where their adoption stands (art.41 annual report). */
export interface RecommendationCounts {
  issued: number;
  adopted: number;
  partlyAdopted: number;
  notAdopted: number;
  pending: number;
}

/**
 * From case_events (the truth, for both report sources): recommendations by their issue time in [from, to);
 * adoption as recorded up to asOf (LetterAdoptionRecorded, once per letter).
 */
export async function recommendationCounts(m: EntityManager, s: ReportScope): Promise<RecommendationCounts> {
  const p = new Params();
  const region = s.regionPrefix
    ? `AND EXISTS (SELECT 1 FROM case_events r WHERE r.case_id = i.case_id AND r.type = 'PetitionRegistered'
         AND ${payloadRegionCondition(s.regionPrefix, p, 'r.payload')})`
    : '';
  const [row] = await m.query(
    `SELECT count(*)::int AS issued,
       count(*) FILTER (WHERE a.outcome = 'adopted')::int AS adopted,
       count(*) FILTER (WHERE a.outcome = 'partly_adopted')::int AS partly,
       count(*) FILTER (WHERE a.outcome = 'not_adopted')::int AS not_adopted
     FROM case_events i
     LEFT JOIN LATERAL (
       SELECT x.payload->>'outcome' AS outcome FROM case_events x
       WHERE x.case_id = i.case_id AND x.type = 'LetterAdoptionRecorded' AND x.payload->>'letterNo' = i.payload->>'letterNo'
         AND x.occurred_at <= ${p.add(s.asOf)} ORDER BY x.seq LIMIT 1) a ON true
     WHERE i.type = 'LetterIssued' AND i.payload->>'letterKind' = 'accountability_recommendation' AND ${notWithdrawnLetter('i')}
       AND i.occurred_at >= ${p.add(s.from)} AND i.occurred_at < ${p.add(s.to)} ${region}`, p.values);
  const issued = Number(row.issued);
  const adopted = Number(row.adopted);
  const partlyAdopted = Number(row.partly);
  const notAdopted = Number(row.not_adopted);
  return { issued, adopted, partlyAdopted, notAdopted, pending: issued - adopted - partlyAdopted - notAdopted };
}
