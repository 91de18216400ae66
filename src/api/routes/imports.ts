import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ImportFileError, type ImportFormat } from '../../imports/row-source';
import { MappingError, parseMapping, shippedMapping, type ImportMapping } from '../../imports/mapping';
import type { ImportEvent } from '../../imports/import-deals';
import { principalOf } from '../authenticate';
import { badRequest } from '../errors';
import type { ImportService } from '../import-service';
import { authenticated } from '../openapi';
import { errorResponses } from '../schemas/error-responses';
import { CSV_TYPE, ImportHeaders, ImportQuery, ImportReportLine, XLSX_TYPE } from '../schemas/imports';

/** A bulk import may be large; it is streamed, so the limit only bounds one request. */
const IMPORT_BODY_LIMIT = 1024 * 1024 * 1024;

async function mappingOf(header: string | undefined, id: string): Promise<ImportMapping> {
  try {
    return header !== undefined ? parseMapping(Buffer.from(header, 'base64url').toString('utf8'), 'headers.baton-import-mapping') : await shippedMapping(id);
  } catch (err) {
    if (err instanceof MappingError) throw badRequest(err.message);
    throw err;
  }
}

/** The report as NDJSON lines; a file that stops parsing ends it with a problem naming the file. */
async function* reportLines(events: AsyncGenerator<ImportEvent>): AsyncGenerator<string> {
  try {
    for await (const event of events) yield `${JSON.stringify(event)}\n`;
  } catch (err) {
    if (!(err instanceof ImportFileError)) throw err;
    yield `${JSON.stringify({ kind: 'problem', row: 0, column: '(file)', rule: err.message })}\n`;
  }
}

export function registerImportRoutes(app: FastifyInstance, deps: { imports: ImportService }): void {
  // Its own scope: only this route takes CSV and XLSX bodies, handed over as the request stream.
  void app.register(async (scope) => {
    scope.addContentTypeParser([CSV_TYPE, XLSX_TYPE], (_request, payload, done) => done(null, payload));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/imports',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags: ['deals'],
          summary: 'Import deals from a CRM export (CSV or XLSX), with a dry run; LEAD or EXEC',
          description:
            'The body is the file (`text/csv` or the XLSX type), read as a stream. Rows are line items; a deal\'s consecutive rows are one booking, ' +
            'validated as `POST /deals` validates it. The answer streams NDJSON (`ImportReportLine`): each bad row (row, column, rule), each conflict ' +
            '(a deal already registered differently, not changed), progress, then a summary. Importing the same rows again changes nothing. ' +
            'A `history` column may carry facts from before the import (JSON, with their days): the only way to enter past-dated facts, ' +
            'recorded on the timeline as imported by the caller.',
          security: authenticated,
          querystring: ImportQuery,
          headers: ImportHeaders,
          consumes: [CSV_TYPE, XLSX_TYPE],
          produces: ['application/x-ndjson'],
          response: { 200: ImportReportLine, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        deps.imports.authorize(principal);
        const format: ImportFormat = request.headers['content-type']?.startsWith(XLSX_TYPE) ? 'xlsx' : 'csv';
        const mapping = await mappingOf(request.headers['baton-import-mapping'], request.query.mapping);
        const run = await deps.imports.prepare(principal, mapping, request.query.dryRun);
        request.log.info({ by: principal.person.id, format, mapping: mapping.id, dryRun: request.query.dryRun }, 'import started');
        // A stream is sent as it is, never through the serializer: the schema documents its lines.
        const lines = Readable.from(reportLines(run(request.body as Readable, format)));
        return reply.type('application/x-ndjson').send(lines as never);
      },
    );
  });
}
