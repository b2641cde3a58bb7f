import { CircleCheck, CircleX } from 'lucide-react';
import { useId } from 'react';
import type { Diagnosis, DoctorReport } from '../../../../shared/doctor';
import { SCHEME_LABELS } from '../../../../shared/domain';
import { cx } from '../../lib/cx';
import styles from './Doctor.module.css';
import { matchedHow, matchedWith } from './diagnosis-view';

type Level = 2 | 3 | 4 | 5;

function Heading({ level, id, children }: { level: Level; id?: string; children: string }) {
  const Tag = `h${level}` as const;
  return (
    <Tag id={id} className={styles.heading}>
      {children}
    </Tag>
  );
}

/** "Stripe, from the Stripe-Signature header." */
function schemeText({ scheme, detection }: DoctorReport): string {
  if (scheme === null) return 'No signature scheme: no header names one.';
  const label = SCHEME_LABELS[scheme];
  if (detection.how === 'header') return `${label}, from the ${detection.header} header.`;
  if (detection.how === 'chosen') return `${label}, as chosen.`;
  return `${label}.`;
}

/** The verdict in words and with an icon (valid or invalid is never said by colour alone). */
export function Verdict({ report }: { report: DoctorReport }) {
  const { valid, summary } = report.verdict;
  const Icon = valid ? CircleCheck : CircleX;
  return (
    <p
      className={cx(styles.verdict, valid ? styles.valid : styles.invalid)}
      data-verdict={valid ? 'valid' : 'invalid'}
    >
      <Icon aria-hidden size={18} />
      <span>{summary}</span>
    </p>
  );
}

/**
 * A diagnosis: the verdict, main's advice (what the receiver must do, for a refused delivery), the findings with their fix, the
 * evidence (what matched, after which changes), the scheme read, and "What was tried", collapsed. `level` is
 * the level of its section headings, under the heading of the place that shows it.
 */
export function DiagnosisView({
  diagnosis,
  level,
  adviceHeading = 'What the receiver must do',
}: {
  diagnosis: Diagnosis;
  level: 2 | 3 | 4;
  /** What main's advice is, where it shows: a refused delivery's is what the receiver must do. */
  adviceHeading?: string;
}) {
  const { report, advice } = diagnosis;
  const sub = (level + 1) as Level;
  const id = useId();
  return (
    <div className={styles.diagnosis}>
      <Verdict report={report} />
      {advice.length > 0 && (
        <section aria-labelledby={`${id}-advice`} className={styles.advice}>
          <Heading level={level} id={`${id}-advice`}>
            {adviceHeading}
          </Heading>
          <ul>
            {advice.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      )}
      {report.findings.length > 0 && (
        <section aria-labelledby={`${id}-findings`}>
          <Heading level={level} id={`${id}-findings`}>
            Findings
          </Heading>
          <ol className={styles.findings}>
            {report.findings.map((finding, index) => (
              <li key={`${finding.rule}-${index}`} className={styles.finding} data-rule={finding.rule}>
                <Heading level={sub}>{finding.title}</Heading>
                <p>{finding.detail}</p>
                <p className={styles.fix}>
                  <strong>Fix:</strong> {finding.fix}
                </p>
              </li>
            ))}
          </ol>
        </section>
      )}
      <dl className={styles.evidence}>
        {report.matched && (
          <>
            <div>
              <dt>Evidence</dt>
              <dd data-evidence>{matchedHow(report.matched)}</dd>
            </div>
            <div>
              <dt>Signed with</dt>
              <dd data-matched-with>{matchedWith(report.matched)}</dd>
            </div>
          </>
        )}
        <div>
          <dt>Scheme</dt>
          <dd>{schemeText(report)}</dd>
        </div>
      </dl>
      <details className={styles.tried}>
        <summary>What was tried</summary>
        <p className={styles.triedNote}>The doctor&apos;s rules, in the order they ran:</p>
        <ol aria-label="Rules tried, in order">
          {report.tried.map((rule, index) => (
            <li key={`${index}-${rule}`}>
              <code>{rule}</code>
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}
