import type { T } from '../shared/i18n';
import { Icon } from './icons';

const QWERTY = ['1234567890', 'QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'];

interface Props {
  t: T;
  /** Rows of keys; each character is one key. */
  rows?: string[];
  onKey: (ch: string) => void;
  onDelete: () => void;
  onClear?: () => void;
  space?: boolean;
}

/** A keyboard drawn on the screen: the kiosk has no physical one, and no system keyboard pops up. */
export function OnScreenKeys({ t, rows = QWERTY, onKey, onDelete, onClear, space = true }: Props) {
  return (
    <div className="keys" role="group">
      {rows.map((row) => (
        <div className="keys-row" key={row}>
          {[...row].map((ch) => (
            <button type="button" key={ch} className="key" data-key={ch} onClick={() => onKey(ch)}>
              {ch}
            </button>
          ))}
        </div>
      ))}
      <div className="keys-row">
        {onClear && (
          <button type="button" className="key key-wide" onClick={onClear}>
            {t('keyClear')}
          </button>
        )}
        {space && (
          <button type="button" className="key key-space" onClick={() => onKey(' ')}>
            {t('keySpace')}
          </button>
        )}
        <button type="button" className="key key-wide" data-key="delete" onClick={onDelete}>
          <Icon name="backspace" size={40} /> {t('keyDelete')}
        </button>
      </div>
    </div>
  );
}
