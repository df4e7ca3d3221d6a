import type { CounterStatus } from '@antre/server/contract';
import { useEnv } from './console-context';

const KEY = { open: 'statusOpen', break: 'statusBreak', closed: 'statusClosed' } as const;

/** Open, on a break or closed, as a coloured chip. */
export function StatusChip({ status }: { status: CounterStatus }) {
  const { t } = useEnv();
  return (
    <span className={`chip chip--${status}`} data-status={status}>
      {t(KEY[status])}
    </span>
  );
}
