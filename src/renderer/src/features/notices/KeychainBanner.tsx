import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { cx } from '../../lib/cx';
import { useStatus } from '../../stores/status';
import { buttonClass } from '../common/button';
import { checkKeychain } from './actions';
import styles from './Banner.module.css';

/** Shown while the system keychain does not answer: what it means, how to fix it, and "Try again". */
export function KeychainBanner() {
  const keychain = useStatus((state) => state.keychain);
  const checking = useStatus((state) => state.checkingKeychain);
  const [stillDown, setStillDown] = useState(false);
  if (keychain.available) return null;

  const retry = async () => {
    setStillDown(!(await checkKeychain()));
  };

  return (
    <div className={cx(styles.banner, styles.danger)} role="alert" aria-labelledby="keychain-banner-title">
      <KeyRound aria-hidden size={20} />
      <div className={styles.text}>
        <p id="keychain-banner-title" className={styles.title}>
          The system keychain is not available
        </p>
        <p>{keychain.message}</p>
        <p>
          Hookwarden keeps every signing secret in the system keychain (on Linux the Secret Service, such as
          GNOME Keyring or KWallet). Start or unlock it, then choose Try again. Your webhooks are safe;
          revealing, copying, creating and regenerating secrets wait until the keychain answers.
        </p>
        {stillDown && !checking && <p className={styles.status}>Still not available.</p>}
      </div>
      <button
        type="button"
        className={buttonClass()}
        onClick={retry}
        disabled={checking}
        aria-busy={checking}
      >
        Try again
      </button>
    </div>
  );
}
