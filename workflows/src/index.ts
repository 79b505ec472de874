export { petitionCase } from './petition-case.workflow';
