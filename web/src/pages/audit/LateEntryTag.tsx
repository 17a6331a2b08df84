// «Entered late»: a proposal entered more than one working day after its paper approval (the server's flag).
import { Tag, Tooltip } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import type { Proposal } from '../../api/audit';
import { useI18n } from '../../i18n';
import { fmtDate } from '../../utils/format';

export function LateEntryTag({ p }: { p: Pick<Proposal, 'late' | 'entry_due_on' | 'paper_approved_on'> }) {
  const { t, lang } = useI18n();
  if (!p.late) return null;
  return (
    <Tooltip title={t('audit.prop.lateHint', { due: fmtDate(p.entry_due_on ?? '', lang), paper: fmtDate(p.paper_approved_on ?? '', lang) })}>
      <Tag color="red" icon={<ClockCircleOutlined />} data-testid="proposal-late">{t('audit.prop.late')}</Tag>
    </Tooltip>
  );
}
