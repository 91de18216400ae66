import { z } from 'zod';
import { strictObject } from '../../domain/schemas/strict';
import { PersonId, Role } from '../../domain/schemas/common';
import { PersonView } from './principal';

export const TokenParams = strictObject({ tokenId: z.uuid('must be a token id (a UUID from GET /tokens)') });

export const CreateTokenBody = strictObject({
    personId: PersonId.describe("the person's e-mail address"),
    name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').describe("the person's name"),
    roles: z.array(Role).min(1, 'must list at least one role').max(Role.options.length).describe('granted to the person at your partner if not held yet'),
    label: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').optional().describe('what the token is for, e.g. laptop or CI'),
  });

export const TokenView = z
  .object({
    id: z.uuid(),
    person: PersonView,
    partnerId: z.string(),
    roles: z.array(z.string()).describe("the person's current roles at the partner"),
    label: z.string().optional(),
    createdAt: z.string(),
    createdBy: z.string().optional(),
    revokedAt: z.string().optional(),
    revokedBy: z.string().optional(),
  })
  .meta({ id: 'Token' });

export const CreatedToken = z
  .object({ secret: z.string().describe('the bearer token; shown only in this answer, Baton keeps its SHA-256 only'), token: TokenView })
  .meta({ id: 'CreatedToken' });

export const TokenList = z.object({ tokens: z.array(TokenView) }).meta({ id: 'TokenList' });
