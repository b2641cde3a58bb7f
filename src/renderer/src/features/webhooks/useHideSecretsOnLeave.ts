import { useEffect } from 'react';
import { useSecrets } from '../../stores/secrets';

/** Revealed secrets disappear when the user leaves: another API, the window hidden or out of focus. */
export function useHideSecretsOnLeave(apiId: string): void {
  useEffect(() => {
    const hideAll = () => useSecrets.getState().hideAll();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') hideAll();
    };
    window.addEventListener('blur', hideAll);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('blur', hideAll);
      document.removeEventListener('visibilitychange', onVisibility);
      hideAll();
    };
  }, [apiId]);
}
