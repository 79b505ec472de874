export { petitionCase } from './petition-case.workflow';
export { policyRollout } from './policy-rollout.workflow';
export { clusterWatch } from './cluster-watch.workflow';
export { calendarRollout } from './calendar-rollout.workflow';
export { unitSuccession } from './unit-succession.workflow';
