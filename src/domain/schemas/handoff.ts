import type { z } from 'zod';
import { Reference, RequiredText, Slug } from './common';
import { strictObject } from './strict';

/** Which handoff a payload acts on: a deal has at most one open handoff per template. */
const target = { templateId: Slug };

export const HandoffAccept = strictObject({ ...target });
export type HandoffAccept = z.infer<typeof HandoffAccept>;

export const HandoffReturn = strictObject({
  ...target,
  reason: RequiredText('must say what information is missing'),
});
export type HandoffReturn = z.infer<typeof HandoffReturn>;

export const HandoffTick = strictObject({ ...target, itemId: Slug });
export type HandoffTick = z.infer<typeof HandoffTick>;

export const HandoffAttach = strictObject({
  ...target,
  artifactId: Slug,
  /** Where the artifact lives: document id, URL, CRM record. */
  reference: Reference('must say where the artifact is'),
});
export type HandoffAttach = z.infer<typeof HandoffAttach>;
