/** What main has to tell the user beyond one call's answer; every change reaches the renderer as an event. */
import type { Notice, NoticeKind } from '../shared/domain';
import type { EmitEvent } from './ports';

export function createNotices(initial: Notice[], emit: EmitEvent) {
  let notices = [...initial];
  const changed = () => emit('app.noticesChanged', { notices });
  return {
    list: (): Notice[] => notices,

    /** Replaces the notice of this kind (none with null). */
    set(kind: NoticeKind, notice: Notice | null): void {
      const others = notices.filter((n) => n.kind !== kind);
      notices = notice ? [...others, notice] : others;
      changed();
    },

    add(notice: Notice): void {
      notices = [...notices, notice];
      changed();
    },
  };
}

export type Notices = ReturnType<typeof createNotices>;
