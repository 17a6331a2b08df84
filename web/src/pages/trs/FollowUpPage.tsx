// Records still incomplete, per branch, with the working days left before the follow-up limit.
import { Alert, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { trs } from '../../api/trs';
import { useApiQuery } from '../../hooks/query';
import { useI18n } from '../../i18n';
import { fmtDateTime } from '../../utils/format';
import { LoadError, StudyHeader, useColumnLabel, useStudy } from './common';

export default function FollowUpPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const study = useStudy(id);
  const f = useApiQuery(['trs', 'followup', id], () => trs.followUp(id));
  const columnLabel = useColumnLabel();
  const d = f.data;
  return (
    <>
      <StudyHeader study={study.data} page="followup" />
      <LoadError error={study.error ?? f.error} />
      {d && (
        <Alert
          type={d.days_left < 0 ? 'error' : d.days_left <= 5 ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          message={`${t('trs.followup.limit')}: ${fmtDateTime(d.follow_up_limit, lang)} — ${
            d.days_left < 0 ? t('trs.followup.passed') : t('trs.followup.daysLeft', { n: d.days_left })
          }`}
        />
      )}
      <Space direction="vertical" style={{ width: '100%' }}>
        {d?.branches.map((b) => (
          <Card
            key={b.code}
            size="small"
            title={
              <Space wrap>
                <b>{b.code}</b>
                <Tag>{t(`trs.route.${b.route}`)}</Tag>
                <Typography.Text type="secondary">
                  {t('trs.study.records')}: {b.records}
                </Typography.Text>
                <Tag color={b.incomplete ? 'orange' : 'green'}>
                  {t('trs.followup.incomplete')}: {b.incomplete}
                </Tag>
              </Space>
            }
          >
            {b.items.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('trs.followup.none')} />
            ) : (
              <Table
                size="small"
                rowKey="declaration_no"
                dataSource={b.items}
                pagination={{ pageSize: 20 }}
                scroll={{ x: 600 }}
                columns={[
                  {
                    title: t('trs.records.number'),
                    dataIndex: 'declaration_no',
                    render: (v) => <Link to={`/trs/studies/${id}/records/${v}`}>{v}</Link>,
                  },
                  { title: t('trs.report.flow'), dataIndex: 'flow', width: 80 },
                  { title: t('trs.records.registered'), dataIndex: 'registered_at', render: (v) => fmtDateTime(v, lang) },
                  {
                    title: t('trs.followup.missing'),
                    dataIndex: 'missing',
                    render: (m: string[]) =>
                      m.map((x) => (
                        <Tag key={x} title={x}>
                          {columnLabel(x)}
                        </Tag>
                      )),
                  },
                ]}
              />
            )}
          </Card>
        ))}
      </Space>
    </>
  );
}
