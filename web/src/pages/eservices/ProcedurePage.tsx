// One procedure: level, executing level, required documents (signed or not), fee, processing days; applicants
// go on to submit a dossier for it.
import { Button, Descriptions, List, Spin, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { eservices } from '../../api/eservices';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../hooks/query';
import { useI18n } from '../../i18n';
import { LoadError } from './common';

export default function ProcedurePage() {
  const { code = '' } = useParams();
  const { t, te, lang } = useI18n();
  const q = useApiQuery(['eservices', 'procedure', code], () => eservices.procedure(code));
  const p = q.data;
  const fee = (v: number | null | undefined) => (v == null ? t('es.notConfigured') : v.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US'));
  return (
    <>
      <PageHeader
        title={p ? `${p.code} — ${p.name}` : code}
        extra={p?.online && p.configured && (
          <Link to={`/eservices/submit?procedure=${encodeURIComponent(p.code)}`}>
            <Button type="primary">{t('es.submitThis')}</Button>
          </Link>
        )}
      />
      <LoadError error={q.error} />
      {q.loading && <Spin />}
      {p && (
        <>
          <Descriptions bordered column={{ xs: 1, sm: 1, md: 2 }} size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('es.list')}>{te('es.list', p.list)}</Descriptions.Item>
            <Descriptions.Item label={t('es.level')}>
              {te('es.level', p.level as 1 | 2 | 3 | 4)} {p.online ? <Tag color="green">{t('es.online')}</Tag> : <Tag>{t('es.notOnline')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('es.executingLevel')}>{te('es.executingLevel', p.executing_level)}</Descriptions.Item>
            <Descriptions.Item label={t('es.processingDays')}>{p.processing_days ?? t('es.notConfigured')}</Descriptions.Item>
            <Descriptions.Item label={t('es.fee')}>{fee(p.fee)}</Descriptions.Item>
            <Descriptions.Item label={t('es.resultForm')}>{p.result_form ? te('es.resultForm', p.result_form) : t('es.notConfigured')}</Descriptions.Item>
          </Descriptions>
          <List
            header={<b>{t('es.documents')}</b>}
            bordered
            dataSource={p.documents}
            locale={{ emptyText: t('es.notConfigured') }}
            renderItem={(d, i) => (
              <List.Item>
                {i + 1}. {d.name} {d.signed && <Tag color="blue">{t('es.signed')}</Tag>}
              </List.Item>
            )}
          />
        </>
      )}
    </>
  );
}
