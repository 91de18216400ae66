import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';

const path = (dealId: string) => ({ params: { path: { dealId } } });

/** Everything the deal page reads, each its own query so that each section shows when ready. */
export function useDeal(dealId: string) {
  const refetchInterval = 10_000;
  return {
    detail: useQuery({ queryKey: ['deal', dealId, 'detail'], queryFn: () => unwrap(api.GET('/deals/{dealId}', path(dealId))), refetchInterval }),
    timeline: useQuery({ queryKey: ['deal', dealId, 'timeline'], queryFn: () => unwrap(api.GET('/deals/{dealId}/timeline', path(dealId))), refetchInterval }),
    playbook: useQuery({ queryKey: ['deal', dealId, 'playbook'], queryFn: () => unwrap(api.GET('/deals/{dealId}/playbook', path(dealId))) }),
    // The claims outbox has the vendor's later decisions (accepted, paid); GET /claims merges them in.
    claims: useQuery({ queryKey: ['deal', dealId, 'claims'], queryFn: () => unwrap(api.GET('/claims', { params: { query: { dealId } } })), refetchInterval }),
    permissions: useQuery({ queryKey: ['deal', dealId, 'permissions'], queryFn: () => unwrap(api.GET('/deals/{dealId}/permissions', path(dealId))), refetchInterval }),
  };
}

export function useHandoff(dealId: string, templateId: string) {
  return useQuery({
    queryKey: ['deal', dealId, 'handoff', templateId],
    queryFn: () => unwrap(api.GET('/deals/{dealId}/handoffs/{templateId}', { params: { path: { dealId, templateId } } })),
    refetchInterval: 10_000,
  });
}

/**
 * An action on the deal; afterwards everything the page shows of the deal is read again.
 * `onSuccess` runs before that re-read, which may remove the section that acted (an accepted handoff).
 */
export function useDealAction<Input>(dealId: string, send: (input: Input) => Promise<unknown>, onSuccess?: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess,
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: ['deal', dealId] }), client.invalidateQueries({ queryKey: ['inbox'] })]),
  });
}
