import { describe, expect, it } from 'vitest';
import { renderActionResult } from '../../../src/cli/commands/deal';

describe('baton deal act prints what the action did', () => {
  it('says done with the entries it recorded', () => {
    const text = renderActionResult({ dealId: 'd-1', action: 'expansion.book', actor: 'ana@x.example', entries: [{ summary: 'Expansion booked on 2026-11-30, $20000' }] as never });
    expect(text).toBe('expansion.book on d-1 by ana@x.example: done\n  Expansion booked on 2026-11-30, $20000');
  });

  it('says unchanged, and why, when the same fact was already recorded', () => {
    const unchanged = 'expansion SO-1 is already recorded as booked 2026-11-30: nothing changed';
    const text = renderActionResult({ dealId: 'd-1', action: 'expansion.book', actor: 'ana@x.example', entries: [], unchanged });
    expect(text).toBe(`expansion.book on d-1 by ana@x.example: unchanged: ${unchanged}`);
    expect(text).not.toContain('done');
  });
});
