import type { LocalizedText } from '@antre/server/contract';

/** Bahasa Indonesia in front, English smaller behind it (or below, with `stacked`). */
export function Say({ t, stacked = false, className = '' }: { t: LocalizedText; stacked?: boolean; className?: string }) {
  return (
    <span className={`say ${stacked ? 'say-stacked' : ''} ${className}`}>
      <span className="say-id" lang="id">
        {t.id}
      </span>
      {t.en !== t.id && (
        <span className="say-en" lang="en">
          {t.en}
        </span>
      )}
    </span>
  );
}
