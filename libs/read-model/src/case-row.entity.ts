import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RelatedCaseEntry } from './case-row.projection';

/** One row per case: the supervision office's list view, folded from case_events by `evolveCaseRow`. */
@Entity({ name: 'cases' })
export class CaseRowEntity {
  @PrimaryColumn({ name: 'case_id', type: 'text' }) caseId!: string;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'text' }) step!: string;
  @Column({ type: 'text', nullable: true }) channel!: string | null;
  @Column({ type: 'text', nullable: true }) kind!: string | null;
  @Column({ type: 'text', nullable: true }) category!: string | null;
  @Column({ name: 'region_code', type: 'text', nullable: true }) regionCode!: string | null;
  @Column({ name: 'township_code', type: 'text', nullable: true }) townshipCode!: string | null;
  @Column({ type: 'text', nullable: true }) level!: string | null;
  @Column({ type: 'integer' }) persons!: number;
  @Column({ name: 'lead_unit_id', type: 'text', nullable: true }) leadUnitId!: string | null;
  @Column({ name: 'co_unit_ids', type: 'text', array: true }) coUnitIds!: string[];
  @Column({ name: 'leader_id', type: 'text', nullable: true }) leaderId!: string | null;
  @Column({ name: 'registered_at', type: 'timestamptz', nullable: true }) registeredAt!: Date | null;
  @Column({ name: 'routed_at', type: 'timestamptz', nullable: true }) routedAt!: Date | null;
  @Column({ name: 'routing_mode', type: 'text', nullable: true }) routingMode!: string | null;
  @Column({ name: 'received_at', type: 'timestamptz', nullable: true }) receivedAt!: Date | null;
  @Column({ name: 'notified_at', type: 'timestamptz', nullable: true }) notifiedAt!: Date | null;
  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true }) acceptedAt!: Date | null;
  @Column({ name: 'acceptance_outcome', type: 'text', nullable: true }) acceptanceOutcome!: string | null;
  @Column({ name: 'replied_at', type: 'timestamptz', nullable: true }) repliedAt!: Date | null;
  @Column({ name: 'closure_type', type: 'text', nullable: true }) closureType!: string | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'closure_reason', type: 'text', nullable: true }) closureReason!: string | null;
  @Column({ type: 'text', nullable: true }) satisfaction!: string | null;
  @Column({ name: 'repeat_count', type: 'integer' }) repeatCount!: number;
  @Column({ name: 'breach_count', type: 'integer' }) breachCount!: number;
  @Column({ name: 'next_deadline_key', type: 'text', nullable: true }) nextDeadlineKey!: string | null;
  @Column({ name: 'next_deadline_at', type: 'timestamptz', nullable: true }) nextDeadlineAt!: Date | null;
  @Column({ name: 'policy_id', type: 'text', nullable: true }) policyId!: string | null;
  @Column({ name: 'policy_version', type: 'integer', nullable: true }) policyVersion!: number | null;
  @Column({ name: 'last_seq', type: 'integer' }) lastSeq!: number;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  /** Links to other cases on the same matter (registration of a re-filing, registrar's link/unlink). */
  @Column({ name: 'related_cases', type: 'jsonb' }) relatedCases!: RelatedCaseEntry[];
  @Column({ type: 'jsonb' }) pauses!: unknown[];
  /** 暂定: years of holidays some open deadline was computed without (migration 1767834000000); empty when final. */
  @Column({ name: 'provisional_years', type: 'integer', array: true }) provisionalYears!: number[];
}
