// «Entered late»: a proposal entered more than one working day after its paper approval (the server's flag).
import { Tag, Tooltip } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import type { ProposalEntryFlags } from '../../api/auditExtras';
import { useI18n } from '../../i18n';
import { fmtDate } from '../../utils/format';

export function LateEntryTag({ p }: { p: object }) {
  const { t, lang } = useI18n();
  const f = p as ProposalEntryFlags;
  if (!f.late) return null;
  return (
    <Tooltip title={t('audit.prop.lateHint', { due: fmtDate(f.entry_due_on ?? '', lang), paper: fmtDate(f.paper_approved_on ?? '', lang) })}>
      <Tag color="red" icon={<ClockCircleOutlined />} data-testid="proposal-late">{t('audit.prop.late')}</Tag>
    </Tooltip>
  );
}
