import { z } from 'zod';
import { LIMITS } from '../../domain/schemas/common';
import { PrincipalView } from './principal';

export const SignIn = z.strictObject({ token: z.string().trim().min(1, 'must not be empty: paste your API token').max(LIMITS.tokenChars, `must be at most ${LIMITS.tokenChars} characters`) });

export const DevSignIn = z.strictObject({ personId: z.email('must be the e-mail address of a person offered by GET /session/dev-people').max(LIMITS.emailChars, `must be at most ${LIMITS.emailChars} characters`) });

export const DevPeople = z
  .object({ people: z.array(PrincipalView).describe('the people of the development tokens file, to sign in as without a token') })
  .meta({ id: 'DevPeople' });

export const SignedOut = z.object({ signedOut: z.literal(true) }).meta({ id: 'SignedOut' });
