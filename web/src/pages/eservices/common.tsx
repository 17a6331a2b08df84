// Pieces shared by the e-services pages: the remaining-time tag, a dossier's status tag, load errors.
import { Alert, Tag } from 'antd';
import { errorMessage } from '../../api/errors';
import { remaining, type Dossier } from '../../api/eservices';
import { StatusTag } from '../../components/Status';
import { useI18n } from '../../i18n';

export function LoadError({ error }: { error: unknown }) {
  return error ? <Alert type="error" showIcon message={errorMessage(error)} style={{ marginBottom: 16 }} /> : null;
}

/** "còn N ngày M giờ" / "quá hạn" from remaining_seconds; nothing once the dossier is closed. */
export function RemainingTag({ d }: { d: Pick<Dossier, 'remaining_seconds' | 'paused' | 'closed_at' | 'status'> }) {
  const { t } = useI18n();
  if (d.closed_at || d.status === 'DONE' || d.status === 'REFUSED') return null;
  const r = remaining(d.remaining_seconds);
  return (
    <span data-testid="remaining">
      {r ? <Tag color={r.days < 1 ? 'orange' : 'green'}>{t('es.remainingValue', r)}</Tag> : <Tag color="red">{t('es.overdue')}</Tag>}
      {d.paused && <Tag>{t('es.paused')}</Tag>}
    </span>
  );
}

export function DossierStatus({ status }: { status: Dossier['status'] }) {
  const { te } = useI18n();
  return <StatusTag status={status} label={te('es.status', status)} />;
}
