export * from './search-attributes';
export * from './petition-workflow.contract';
export * from './case-activities.contract';
