import { z } from 'zod';
import { Slug } from './common';

/** Which handoff a payload acts on: a deal has at most one open handoff per template. */
const target = { templateId: Slug };

export const HandoffAccept = z.object({ ...target });
export type HandoffAccept = z.infer<typeof HandoffAccept>;

export const HandoffReturn = z.object({
  ...target,
  reason: z.string().trim().min(1, 'must say what information is missing'),
});
export type HandoffReturn = z.infer<typeof HandoffReturn>;

export const HandoffTick = z.object({ ...target, itemId: Slug });
export type HandoffTick = z.infer<typeof HandoffTick>;

export const HandoffAttach = z.object({
  ...target,
  artifactId: Slug,
  /** Where the artifact lives: document id, URL, CRM record. */
  reference: z.string().trim().min(1, 'must say where the artifact is'),
});
export type HandoffAttach = z.infer<typeof HandoffAttach>;
