import { Inbox, Stethoscope, type LucideIcon } from 'lucide-react';
import { useUi, type ToolPage } from '../../stores/ui';
import styles from './PageLinks.module.css';

/** Each page the sidebar opens below the APIs, with its link's words and icon (a new ToolPage needs one). */
const PAGE_LINKS: Record<ToolPage, { label: string; icon: LucideIcon }> = {
  inbox: { label: 'Receive webhooks', icon: Inbox },
  doctor: { label: 'Signature doctor', icon: Stethoscope },
};

/** The sidebar's links to the pages beside the APIs' Webhooks pages; the open one is marked current. */
export function PageLinks() {
  const current = useUi((state) => state.page);
  const showPage = useUi((state) => state.showPage);
  return (
    <nav className={styles.links} aria-label="Tools">
      <ul>
        {(Object.keys(PAGE_LINKS) as ToolPage[]).map((page) => {
          const { label, icon: Icon } = PAGE_LINKS[page];
          return (
            <li key={page}>
              <button
                type="button"
                className={styles.link}
                aria-current={current === page ? 'page' : undefined}
                onClick={() => showPage(page)}
              >
                <Icon aria-hidden size={16} />
                {label}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
