// The .xlsx export of an audit list with the filters the page shows (auditExtras.exportList).
import { DownloadButton } from '../../components/DownloadButton';
import { auditExtras, type AuditList } from '../../api/auditExtras';
import type { Query } from '../../api/client';
import { useI18n } from '../../i18n';

export function ListExportButton({ list, params }: { list: AuditList; params: Query }) {
  const { t } = useI18n();
  return (
    <DownloadButton download={() => auditExtras.exportList(list, params)} data-testid={`export-${list}`}>
      {t('audit.report.xlsx')}
    </DownloadButton>
  );
}
