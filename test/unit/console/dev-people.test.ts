import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDevPeople } from '../../../src/auth/dev-people';
import { hashToken } from '../../../src/auth/tokens-file';
import { tempDir } from '../../support/temporal';

describe('the development sign-in people', () => {
  it('are the shipped development tokens, each with the secret the README documents', async () => {
    const people = await readDevPeople('config/tokens.dev.yaml');
    expect(people.map((p) => [p.person.id, p.secret])).toEqual([
      ['ana.moreno@northwind.example', 'dev-northwind-ana'],
      ['chris.lee@northwind.example', 'dev-northwind-chris'],
      ['sam.ito@northwind.example', 'dev-northwind-sam'],
      ['rita.vance@northwind.example', 'dev-northwind-rita'],
      ['pat.kim@contoso.example', 'dev-contoso-pat'],
    ]);
  });

  it('offer only entries whose comment holds their own secret: a stale comment or none offers nobody', async () => {
    const file = join(tempDir('dev-people'), 'tokens.yaml');
    const entry = (secret: string, id: string) => [`  - tokenSha256: ${hashToken(secret)}`, `    person: { id: ${id}, name: ${id} }`, '    partnerId: northwind', '    roles: [AM]'];
    writeFileSync(
      file,
      [
        'tokens:',
        '  # secret: right-one',
        ...entry('right-one', 'a@x.example'),
        '  # secret: an-old-secret',
        ...entry('rotated', 'b@x.example'),
        ...entry('never-written', 'c@x.example'),
        '',
      ].join('\n'),
    );
    expect((await readDevPeople(file)).map((p) => p.person.id)).toEqual(['a@x.example']);
  });
});
