import { z } from 'zod';

export const PersonView = z.object({ id: z.string().describe('e-mail address'), name: z.string() }).meta({ id: 'Person' });

export const PrincipalView = z
  .object({ person: PersonView, partnerId: z.string(), roles: z.array(z.string()) })
  .meta({ id: 'Principal' });
