import { upsertSearchAttributes } from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import {
  architectureKey,
  dealIdKey,
  dealValueKey,
  nextDeadlineKey,
  openTaskOwnersKey,
  partnerKey,
  stageKey,
  stepKey,
} from '../../src/temporal/search-attributes';
import type { DealContext } from './context';
import { searchAttributeValues } from './read-model';

/** Publishes the deal's search attributes, upserting only those whose value changed. */
export class SearchAttributePublisher {
  private readonly published: Record<string, string> = {};

  constructor(private readonly ctx: DealContext) {}

  refresh(): void {
    const v = searchAttributeValues(this.ctx);
    const pairs = [
      { key: dealIdKey, value: v.dealId },
      { key: partnerKey, value: v.partner },
      { key: architectureKey, value: v.architecture },
      { key: dealValueKey, value: v.dealValue },
      { key: stageKey, value: v.stage },
      { key: stepKey, value: v.step },
      { key: openTaskOwnersKey, value: v.openTaskOwners },
      { key: nextDeadlineKey, value: v.nextDeadline },
    ] as SearchAttributeUpdatePair[];
    const changed = pairs.filter((p) => this.published[p.key.name] !== JSON.stringify(p.value));
    if (changed.length === 0) return;
    upsertSearchAttributes(changed);
    for (const p of changed) this.published[p.key.name] = JSON.stringify(p.value);
  }
}
