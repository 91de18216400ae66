import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { booking, call, startApiStack, type ApiStack } from './api-stack';

/** What the API refuses at its boundary, and that a refusal registers or changes nothing. */

let stack: ApiStack;

beforeAll(async () => {
  stack = await startApiStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe('the API boundary', () => {
  it('refuses a booking with a mistyped field: 400 naming the field, the rule and the closest name; nothing registered', async () => {
    const response = await call(stack, 'ana', 'POST', '/deals', { ...booking('typo-1'), enterpriseAgrement: true });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe('body.enterpriseAgrement: unknown field; did you mean enterpriseAgreement?');
    expect(response.body.issues).toEqual([{ path: 'body.enterpriseAgrement', message: 'unknown field; did you mean enterpriseAgreement?', suggestion: 'enterpriseAgreement' }]);
    expect((await call(stack, 'ana', 'GET', '/deals/typo-1')).status).toBe(404);
  });

  it('refuses unknown fields in action bodies and unknown query parameters', async () => {
    expect((await call(stack, 'ana', 'POST', '/deals', booking('typo-2'))).status).toBe(201);
    const action = await call(stack, 'ana', 'POST', '/deals/typo-2/actions/step.complete', { step: 'purchase', stepp: 'x' });
    expect(action.status).toBe(400);
    expect(action.body.issues).toContainEqual({ path: 'body.stepp', message: 'unknown field; did you mean step?', suggestion: 'step' });
    const list = await call(stack, 'ana', 'GET', '/deals?stagee=onboard');
    expect(list.status).toBe(400);
    expect(list.body.message).toBe('querystring.stagee: unknown field; did you mean stage?');
  });
});
