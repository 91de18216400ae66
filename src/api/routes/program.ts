import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DEFAULT_PROGRAM_ID, loadProgram } from '../../config/program-files';
import { authenticated } from '../openapi';
import { presentProgram } from '../program-presenter';
import { errorResponses } from '../schemas/error-responses';
import { ProgramView } from '../schemas/program';

export function registerProgramRoutes(app: FastifyInstance): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/program',
    {
      schema: {
        tags: ['deals'],
        summary: 'The default incentive program: its incentives, windows and amounts, read-only',
        description: 'What new deals are booked under (config/programs); a deal keeps the version it was booked under.',
        security: authenticated,
        response: { 200: ProgramView, ...errorResponses(401) },
      },
    },
    async () => presentProgram(await loadProgram(DEFAULT_PROGRAM_ID)),
  );
}
