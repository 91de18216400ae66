import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiFailure, unwrap, type Schemas } from './api/client';

export type Principal = Schemas['Principal'];

/** Who is signed in: undefined while asking, null when nobody (the API answered 401). */
export function useMe(): { me: Principal | null | undefined; error: Error | null } {
  const query = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await unwrap(api.GET('/me'));
      } catch (err) {
        if (err instanceof ApiFailure && err.status === 401) return null;
        throw err;
      }
    },
  });
  return { me: query.data, error: query.error };
}

/** Sign-in and sign-out change who every cached answer was for: forget them all and ask again. */
export function useSessionChange() {
  const client = useQueryClient();
  return () => client.resetQueries();
}

export function useSignOut() {
  const changed = useSessionChange();
  return useMutation({ mutationFn: () => unwrap(api.DELETE('/session')), onSuccess: changed });
}
