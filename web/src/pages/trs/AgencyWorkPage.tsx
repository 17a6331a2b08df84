// The agencies' part of a study: an agency user (trs.agency) sees the studies and the agency it answers for and
// opens its list; a study manager chooses a study, gives agency users their agency (FormModal) and opens any
// agency's list.
import { useState } from 'react';
import { Button, Card, Form, Input, List, Select, Space, Table, Typography } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { trs } from '../../api/trs';
import { trsAgencies, type AgencyMember } from '../../api/trsAgencies';
import { useAuth, hasAnyRole } from '../../auth/AuthContext';
import { FormModal } from '../../components/FormModal';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../hooks/query';
import { useI18n } from '../../i18n';
import { fmtDate } from '../../utils/format';

export default function AgencyWorkPage() {
  const { t, te, lang } = useI18n();
  const { me } = useAuth();
  const manager = hasAnyRole(me, ['trs.analyst', 'platform.admin']);
  const agencies = useApiQuery(['trs', 'agencies'], trsAgencies.agencies);
  const mine = useApiQuery(['trs', 'my-agencies'], trsAgencies.myAgencies);
  const studies = useApiQuery(['trs', 'studies'], () => trs.studies(), { enabled: manager });
  const [studyId, setStudyId] = useState<number>();
  const members = useApiQuery(['trs', 'agency-members', studyId], () => trsAgencies.members(studyId as number), {
    enabled: manager && studyId !== undefined,
  });
  const [adding, setAdding] = useState(false);
  const agencyName = (code: string) => agencies.data?.items.find((a) => a.code === code)?.name ?? code;
  const link = (study: number, code: string) => `/trs/studies/${study}/agencies/${encodeURIComponent(code)}`;

  return (
    <>
      <PageHeader title={t('menu.trs.agencyWork')} subtitle={t('trs.agencyWork.hint')} />
      <LoadError error={agencies.error ?? mine.error ?? studies.error ?? members.error} />
      {(mine.data?.items.length ?? 0) > 0 && (
        <Card size="small" title={t('trs.agencyWork.mine')} style={{ marginBottom: 16 }}>
          <List
            data-testid="trs-my-agencies"
            dataSource={mine.data?.items}
            renderItem={(m) => (
              <List.Item>
                <Link to={link(m.study_id, m.agency_code)} data-testid={`trs-my-agency-${m.study_id}-${m.agency_code}`}>
                  {agencyName(m.agency_code)} — {m.study_name} ({fmtDate(m.week_start, lang)})
                </Link>
              </List.Item>
            )}
          />
        </Card>
      )}
      {!manager && mine.data?.items.length === 0 && <Typography.Paragraph>{t('trs.agencyWork.none')}</Typography.Paragraph>}
      {manager && (
        <Card
          size="small"
          title={t('trs.agencyWork.members')}
          extra={
            <Space>
              <Select
                placeholder={t('trs.agencyWork.study')}
                style={{ width: 360 }}
                value={studyId}
                onChange={setStudyId}
                data-testid="trs-agency-study"
                options={studies.data?.items.map((s) => ({ value: s.id, label: s.name }))}
              />
              <Button icon={<TeamOutlined />} disabled={studyId === undefined} onClick={() => setAdding(true)} data-testid="trs-agency-member-add">
                {t('trs.agencyWork.assign')}
              </Button>
            </Space>
          }
        >
          <Table<AgencyMember>
            size="small"
            rowKey="username"
            loading={members.loading}
            dataSource={members.data?.items}
            pagination={false}
            data-testid="trs-agency-members"
            columns={[
              { title: t('trs.agencyWork.username'), dataIndex: 'username' },
              { title: t('trs.agencies.agency'), dataIndex: 'agency_code', render: (c: string) => <Link to={link(studyId as number, c)}>{agencyName(c)}</Link> },
              { title: t('trs.agencyWork.addedBy'), dataIndex: 'added_by' },
              {
                title: '',
                key: 'remove',
                render: (_, m) => (
                  <Button size="small" danger onClick={() => void trsAgencies.deleteMember(studyId as number, m.username)}>
                    {t('trs.agencyWork.remove')}
                  </Button>
                ),
              },
            ]}
          />
          {studyId !== undefined && (
            <Space wrap style={{ marginTop: 12 }}>
              {agencies.data?.items.map((a) => (
                <Link key={a.code} to={link(studyId, a.code)}>
                  {a.name} ({te('trs.agencyKind', a.kind)})
                </Link>
              ))}
            </Space>
          )}
        </Card>
      )}
      <FormModal<{ username: string; agency_code: string }>
        open={adding}
        title={t('trs.agencyWork.assign')}
        onClose={() => setAdding(false)}
        okTestId="trs-agency-member-ok"
        onSubmit={async (v) => {
          await trsAgencies.putMember(studyId as number, v.username, v.agency_code);
          setAdding(false);
        }}
      >
        <Form.Item name="username" label={t('trs.agencyWork.username')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="trs-agency-member-username" />
        </Form.Item>
        <Form.Item name="agency_code" label={t('trs.agencies.agency')} rules={[{ required: true }]}>
          <Select
            data-testid="trs-agency-member-agency"
            options={agencies.data?.items.map((a) => ({ value: a.code, label: `${a.name} — ${a.ministry_name}` }))}
          />
        </Form.Item>
      </FormModal>
    </>
  );
}
