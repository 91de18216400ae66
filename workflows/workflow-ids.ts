/** Workflow ids of deals and handoffs: derived from the business ids, so a deal exists once. */

export function dealWorkflowId(partnerId: string, dealId: string): string {
  return `deal:${partnerId}:${dealId}`;
}

export function handoffWorkflowId(dealWorkflowId: string, templateId: string, instance: number): string {
  return `${dealWorkflowId}:handoff:${templateId}:${instance}`;
}
