import { useEffect } from 'react';
import { cx } from '../../lib/cx';
import { useDoctor } from '../../stores/doctor';
import page from '../common/page.module.css';
import text from '../common/text.module.css';
import { loadDoctorTargets } from './actions';
import { DiagnosisView } from './DiagnosisView';
import pageHeader from '../common/page-header.module.css';
import styles from './Doctor.module.css';
import { DoctorForm } from './DoctorForm';

/** The page's last diagnosis, under its heading. */
function Result() {
  const result = useDoctor((state) => state.result);
  if (!result) return null;
  return (
    <section className={styles.result} aria-labelledby="doctor-result-heading">
      <h2 id="doctor-result-heading" className={styles.resultHeading}>
        Diagnosis
      </h2>
      <DiagnosisView diagnosis={result} level={3} />
    </section>
  );
}

/**
 * "Signature doctor": paste a request a receiver rejected (raw HTTP or a curl command), choose what to check it
 * against (a webhook's secrets, or a secret pasted), and "Diagnose" says whether it is valid and, if not, why
 * and how to fix it.
 */
export function DoctorPage() {
  const summary = useDoctor((state) => state.result?.report.verdict.summary ?? '');
  useEffect(() => {
    void loadDoctorTargets();
  }, []);

  return (
    <section className={cx(page.page, styles.page)} aria-labelledby="doctor-heading">
      <header>
        <h1 id="doctor-heading" className={pageHeader.title}>
          Signature doctor
        </h1>
        <p className={pageHeader.lede}>
          Paste a request your receiver rejected: the doctor checks its signature and says exactly what is
          wrong and how to fix it.
        </p>
      </header>
      <DoctorForm />
      {/* Always there, so the verdict is read out when it arrives. */}
      <p className={text.srOnly} role="status">
        {summary}
      </p>
      <Result />
    </section>
  );
}
