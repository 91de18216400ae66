import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Baton's typed search attributes: what ops filter deals by in the API, the CLI and the Web UI. */
export const dealIdKey = defineSearchAttributeKey('BatonDealId', SearchAttributeType.KEYWORD);
export const stageKey = defineSearchAttributeKey('BatonStage', SearchAttributeType.KEYWORD);
export const stepKey = defineSearchAttributeKey('BatonStep', SearchAttributeType.KEYWORD);
export const partnerKey = defineSearchAttributeKey('BatonPartner', SearchAttributeType.KEYWORD);
export const architectureKey = defineSearchAttributeKey('BatonArchitecture', SearchAttributeType.KEYWORD);
/** People (e-mail) who hold an open task on the deal: a step or handoff where they are R or A. */
export const openTaskOwnersKey = defineSearchAttributeKey('BatonOpenTaskOwners', SearchAttributeType.KEYWORD_LIST);
export const nextDeadlineKey = defineSearchAttributeKey('BatonNextDeadline', SearchAttributeType.DATETIME);
export const dealValueKey = defineSearchAttributeKey('BatonDealValue', SearchAttributeType.DOUBLE);

export const batonSearchAttributes = [
  dealIdKey,
  stageKey,
  stepKey,
  partnerKey,
  architectureKey,
  openTaskOwnersKey,
  nextDeadlineKey,
  dealValueKey,
] as const;

/** The CLI's `--search-attribute Name=Type` spelling of each type. */
const cliTypeNames: Record<string, string> = {
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.DOUBLE]: 'Double',
  [SearchAttributeType.INT]: 'Int',
  [SearchAttributeType.TEXT]: 'Text',
  [SearchAttributeType.BOOL]: 'Bool',
};

export function searchAttributeCliSpecs(): string[] {
  return batonSearchAttributes.map((key) => `${key.name}=${cliTypeNames[key.type]}`);
}
