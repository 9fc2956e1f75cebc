import { useAction } from '../../actions';
import { roleAtLeast, useAuth } from '../../auth';
import { invalidatePricing, rollbackPricingAction, runPricingAction, type PricingAction } from './api';

/** Words per pricing action: the toast after success and the verb after failure. */
const DONE: Record<PricingAction['kind'], string> = {
  create_price: 'Price added',
  update_price: 'Price updated',
  delete_price: 'Price deleted',
  recompute: 'Cost recompute queued',
};
const VERB: Record<PricingAction['kind'], string> = {
  create_price: 'add the price',
  update_price: 'update the price',
  delete_price: 'delete the price',
  recompute: 'start the recompute',
};

/** Prices and recomputes are admin actions; viewers see the panels read only. */
export function usePricingRoles() {
  const { role } = useAuth();
  return { canManage: roleAtLeast(role, 'admin') };
}

/**
 * Runs a pricing action through the shared action path; undo is processing-service's
 * `POST /api/v1/cost/actions/{id}/rollback`. `pending` names the kind in flight.
 */
export function usePricingAction() {
  const action = useAction({ minRole: 'admin', rollback: rollbackPricingAction, invalidate: invalidatePricing });
  return {
    allowed: action.allowed,
    pending: (action.pendingRun?.id ?? null) as PricingAction['kind'] | null,
    /** Resolves with the audit row when the action completed, null otherwise (never rejects). */
    run: (p: PricingAction) => {
      let record: Awaited<ReturnType<typeof runPricingAction>> | null = null;
      return action
        .run({ id: p.kind, done: DONE[p.kind], verb: VERB[p.kind], call: async (key) => (record = await runPricingAction(p, key)) })
        .then((ok) => (ok ? record : null));
    },
  };
}
