/** Test payload templates per API version: the built-in default until the user saves their own JSON. */
import type { ParsedInput } from '../../shared/contract';
import { payloadJsonProblem, type PayloadTemplate } from '../../shared/delivery';
import { AppError } from '../../shared/errors';
import { defaultPayload } from './default-payload';
import { assertVersionKnown, updateConfig } from '../config/lookups';
import type { Clock } from '../ports';
import type { ConfigData, ConfigStore } from '../config/ports';

interface Deps {
  config: ConfigStore;
  clock: Clock;
}

type VersionRef = { apiId: string; version: string };

/** Throws INVALID_JSON unless the text is a JSON object; the message points at the problem. */
export function assertJsonObject(text: string): void {
  const problem = payloadJsonProblem(text);
  if (problem !== null) throw new AppError('INVALID_JSON', problem);
}

const apiNameOf = (config: ConfigData, { apiId, version }: VersionRef) =>
  assertVersionKnown(config, apiId, version).name;

const sameVersion = (a: VersionRef, b: VersionRef) => a.apiId === b.apiId && a.version === b.version;

export function createTemplateService({ config, clock }: Deps) {
  /** The saved JSON, or null while the default applies. */
  function saved(current: ConfigData, ref: VersionRef): string | null {
    return current.templates.find((t) => sameVersion(t, ref))?.json ?? null;
  }

  function freshDefault(current: ConfigData, ref: VersionRef): Record<string, unknown> {
    const apiName = apiNameOf(current, ref);
    return defaultPayload({ apiName, version: ref.version, now: clock.now() });
  }

  function get(ref: VersionRef): PayloadTemplate {
    const current = config.read();
    apiNameOf(current, ref);
    const json = saved(current, ref);
    if (json !== null) return { ...ref, json, custom: true };
    return { ...ref, json: JSON.stringify(freshDefault(current, ref), null, 2), custom: false };
  }

  return {
    get: ({ apiId, version }: ParsedInput<'templates.get'>) => get({ apiId, version }),

    /** The exact body a test delivery sends: the saved text as is, or a fresh compact default. */
    bodyFor(ref: VersionRef): string {
      const current = config.read();
      return saved(current, ref) ?? JSON.stringify(freshDefault(current, ref));
    },

    save({ apiId, version, json }: ParsedInput<'templates.save'>): PayloadTemplate {
      const ref = { apiId, version };
      assertJsonObject(json);
      updateConfig(config, (current) => {
        apiNameOf(current, ref);
        const others = current.templates.filter((t) => !sameVersion(t, ref));
        const stored = { ...ref, json, updatedAt: clock.now().toISOString() };
        return { ...current, templates: [...others, stored] };
      });
      return { ...ref, json, custom: true };
    },

    /** Goes back to the built-in default. */
    reset({ apiId, version }: ParsedInput<'templates.reset'>): PayloadTemplate {
      const ref = { apiId, version };
      updateConfig(config, (current) => {
        apiNameOf(current, ref);
        return { ...current, templates: current.templates.filter((t) => !sameVersion(t, ref)) };
      });
      return get(ref);
    },
  };
}

export type TemplateService = ReturnType<typeof createTemplateService>;
