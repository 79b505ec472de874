export * from './search-attributes';
export * from './petition-workflow.contract';
export * from './case-activities.contract';
export * from './policy-rollout.contract';
export * from './cluster-watch.contract';
export * from './calendar-rollout.contract';
export * from './unit-succession.contract';
