import { defineSearchAttributeKey } from '@temporalio/common';

// Case search attributes: status and routing only, never personal data (checked by tests).
export const PetitionStatus = defineSearchAttributeKey('PetitionStatus', 'KEYWORD');
export const PetitionStep = defineSearchAttributeKey('PetitionStep', 'KEYWORD');
export const PetitionUnit = defineSearchAttributeKey('PetitionUnit', 'KEYWORD');
export const PetitionRegion = defineSearchAttributeKey('PetitionRegion', 'KEYWORD');
export const PetitionCategory = defineSearchAttributeKey('PetitionCategory', 'KEYWORD');
export const PetitionNextDeadline = defineSearchAttributeKey('PetitionNextDeadline', 'DATETIME');

/** Registered on a dev server with `--search-attribute NAME=TYPE`; a cluster operator runs the same list. */
export const SEARCH_ATTRIBUTE_REGISTRATIONS: Record<string, 'Keyword' | 'Datetime'> = {
  PetitionStatus: 'Keyword',
  PetitionStep: 'Keyword',
  PetitionUnit: 'Keyword',
  PetitionRegion: 'Keyword',
  PetitionCategory: 'Keyword',
  PetitionNextDeadline: 'Datetime',
};
