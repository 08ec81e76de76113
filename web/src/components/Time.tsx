import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime, fromNow } from '../app/time';

/** An instant as a date and 24-hour time in the org's zone, or relative ("3 天前") with the exact time on hover. */
export function Time({ ms, relative = false }: { ms: number | null | undefined; relative?: boolean }) {
  useTranslation(); // re-render on language change
  if (ms == null) return <span>—</span>;
  if (!relative) return <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(ms)}</span>;
  return (
    <Tooltip title={formatDateTime(ms)}>
      <span style={{ whiteSpace: 'nowrap' }}>{fromNow(ms)}</span>
    </Tooltip>
  );
}
