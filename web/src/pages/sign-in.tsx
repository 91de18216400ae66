import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiFailure, unwrap } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { TextField } from '../components/field';
import { usePageTitle } from '../page-title';
import { useSessionChange } from '../session';

/** The development people, when the API offers them (BATON_DEV_LOGIN); otherwise nothing. */
function DevPeople() {
  const changed = useSessionChange();
  const people = useQuery({
    queryKey: ['dev-people'],
    queryFn: async () => {
      try {
        return (await unwrap(api.GET('/session/dev-people'))).people;
      } catch (err) {
        if (err instanceof ApiFailure && err.status === 404) return [];
        throw err;
      }
    },
  });
  const signIn = useMutation({ mutationFn: (personId: string) => unwrap(api.POST('/session/dev', { body: { personId } })), onSuccess: changed });
  if (!people.data?.length) return null;
  return (
    <section aria-labelledby="dev-people">
      <h2 id="dev-people">Development: sign in as</h2>
      <p className="muted">Baton runs its embedded development server, with the demo people of the development tokens file.</p>
      <ul className="people">
        {people.data.map((p) => (
          <li key={p.person.id}>
            <button type="button" onClick={() => signIn.mutate(p.person.id)} disabled={signIn.isPending}>
              {p.person.name}
              <span className="muted">
                {' '}
                {p.roles.join(', ')} · {p.partnerId}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <ErrorNotice error={signIn.error} />
    </section>
  );
}

export function SignInPage() {
  usePageTitle('Sign in');
  const changed = useSessionChange();
  const [token, setToken] = useState('');
  const signIn = useMutation({ mutationFn: (secret: string) => unwrap(api.POST('/session', { body: { token: secret } })), onSuccess: changed });
  const fieldError = signIn.error instanceof ApiFailure ? (signIn.error.fieldErrors().get('token') ?? (signIn.error.status === 401 ? signIn.error.message : undefined)) : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate(token);
  };
  return (
    <main id="main" className="page narrow">
      <h1>Sign in to Baton</h1>
      <form onSubmit={submit} noValidate>
        <TextField
          label="API token"
          type="password"
          autoComplete="current-password"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          error={fieldError}
          hint="The token you were given (baton token create). It is kept in this browser's session cookie, out of reach of page scripts."
        />
        <button type="submit" disabled={signIn.isPending}>
          Sign in
        </button>
        {!fieldError && <ErrorNotice error={signIn.error} />}
      </form>
      <DevPeople />
    </main>
  );
}
