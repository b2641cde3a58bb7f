/**
 * The signature doctor where the user meets it: the webhooks a request can be checked against, the "Signature
 * doctor" page's form and its last diagnosis, a refused delivery's diagnosis, and the Inbox's verdicts. Asking
 * main: features/doctor/actions.ts.
 *
 * A pasted secret is never kept here: it lives in the page's own state while the page is open, and goes with it.
 */
import { create } from 'zustand';
import { DEFAULT_TOLERANCE_SECONDS, type Diagnosis } from '../../../shared/doctor';
import type { SignatureScheme } from '../../../shared/domain';
import type { LoadStatus } from './load-status';

/** A webhook a request can be checked against; `label` names its API, version and URL, as main's verdicts do. */
export interface DoctorTarget {
  webhookId: string;
  label: string;
}

/** "Check against": a webhook's id, or the secret the user pastes. */
export const PASTED_SECRET = 'pasted-secret';

/** The page's form, without the secret. */
export interface DoctorDraft {
  request: string;
  /** A webhook's id, PASTED_SECRET, or '' before the first choice. */
  against: string;
  /** null: detected from the headers. */
  scheme: SignatureScheme | null;
  /** As typed, in seconds. */
  tolerance: string;
  /** When the request was received, as a datetime-local value in this computer's time zone; '' for now. */
  receivedAt: string;
}

/** One diagnosis asked of main: on its way, answered, or failed (with why). */
export type DiagnosisState =
  { status: 'loading' } | { status: 'ready'; diagnosis: Diagnosis } | { status: 'error'; error: string };

/** The Inbox's verdicts are kept per request and per webhook checked against (none: detected). */
export const verdictKey = (requestId: string, webhookId: string | null) => `${requestId}\n${webhookId ?? ''}`;

const EMPTY_DRAFT: DoctorDraft = {
  request: '',
  against: '',
  scheme: null,
  tolerance: String(DEFAULT_TOLERANCE_SECONDS),
  receivedAt: '',
};

interface DoctorState {
  targets: DoctorTarget[];
  targetsStatus: LoadStatus;
  targetsError: string | null;
  draft: DoctorDraft;
  /** The page's last diagnosis (null: none yet, or the form changed since). */
  result: Diagnosis | null;
  /** The refused delivery whose diagnosis the dialog shows. */
  delivery: ({ deliveryId: string } & DiagnosisState) | null;
  /** The Inbox's "Verify against": a webhook's id, or null to detect the webhook. */
  inboxWebhookId: string | null;
  inboxVerdicts: Record<string, DiagnosisState>;

  targetsLoading(): void;
  /**
   * Main's webhooks, as targets. A choice that no longer exists is dropped, and, unless `keepVerdicts`, the
   * Inbox's verdicts are asked again (a webhook or a secret may have changed since).
   */
  targetsLoaded(targets: DoctorTarget[], keepVerdicts?: boolean): void;
  targetsFailed(message: string): void;
  editDraft(change: Partial<DoctorDraft>): void;
  diagnosed(result: Diagnosis | null): void;
  deliveryDiagnosis(deliveryId: string, state: DiagnosisState): void;
  closeDeliveryDiagnosis(): void;
  chooseInboxWebhook(webhookId: string | null): void;
  inboxVerdict(key: string, state: DiagnosisState): void;
}

export const useDoctor = create<DoctorState>()((set) => ({
  targets: [],
  targetsStatus: 'idle',
  targetsError: null,
  draft: EMPTY_DRAFT,
  result: null,
  delivery: null,
  inboxWebhookId: null,
  inboxVerdicts: {},

  targetsLoading: () => set({ targetsStatus: 'loading', targetsError: null }),

  targetsLoaded: (targets, keepVerdicts = false) =>
    set((state) => {
      const exists = (id: string) => targets.some((target) => target.webhookId === id);
      const against = state.draft.against;
      const keep = against === '' || against === PASTED_SECRET || exists(against);
      return {
        targets,
        targetsStatus: 'ready',
        targetsError: null,
        draft: keep ? state.draft : { ...state.draft, against: '' },
        inboxWebhookId:
          state.inboxWebhookId !== null && exists(state.inboxWebhookId) ? state.inboxWebhookId : null,
        inboxVerdicts: keepVerdicts ? state.inboxVerdicts : {},
      };
    }),

  targetsFailed: (message) => set({ targetsStatus: 'error', targetsError: message }),

  // A changed form makes the shown diagnosis stale.
  editDraft: (change) => set((state) => ({ draft: { ...state.draft, ...change }, result: null })),

  diagnosed: (result) => set({ result }),

  deliveryDiagnosis: (deliveryId, state) => set({ delivery: { deliveryId, ...state } }),

  closeDeliveryDiagnosis: () => set({ delivery: null }),

  chooseInboxWebhook: (webhookId) => set({ inboxWebhookId: webhookId }),

  inboxVerdict: (key, state) => set((s) => ({ inboxVerdicts: { ...s.inboxVerdicts, [key]: state } })),
}));
