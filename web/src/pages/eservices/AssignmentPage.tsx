// Unit administrator (art. 8): for a unit and an online procedure, one of the five assignment configurations
// and, for the automatic one (4), the officers the round robin goes over.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Radio, Select, Space } from 'antd';
import { errorMessage } from '../../api/errors';
import { eservices, type Procedure } from '../../api/eservices';
import { PageHeader } from '../../components/PageHeader';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { useApiQuery } from '../../hooks/query';
import { useI18n } from '../../i18n';
import { LoadError } from './common';

const MODES = [1, 2, 3, 4, 5] as const;

export default function AssignmentPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [unit, setUnit] = useState<string>();
  const [procedure, setProcedure] = useState<string>();
  const [mode, setMode] = useState<number>(5);
  const [officers, setOfficers] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const procedures = useApiQuery(['eservices', 'procedures', 'online'], () => eservices.procedures({ page_size: 200 }));
  const online: Procedure[] = (procedures.data?.items ?? []).filter((p) => p.online);
  const current = useApiQuery(['eservices', 'assignment', unit, procedure], () => eservices.assignment(unit!, procedure!), {
    enabled: !!unit && !!procedure,
  });
  useEffect(() => {
    if (current.data) {
      setMode(current.data.mode);
      setOfficers(current.data.officers ?? []);
    }
  }, [current.data]);
  const save = async () => {
    setSaving(true);
    try {
      await eservices.setAssignment(unit!, procedure!, { mode, officers: officers.map((o) => o.trim()).filter(Boolean) });
      message.success(t('es.saved'));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <PageHeader title={t('menu.eservices.assignment')} />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('es.assignmentHint')} />
      <Space wrap style={{ marginBottom: 16, width: '100%' }}>
        <div style={{ width: 320 }} data-testid="assignment-unit">
          <UnitTreeSelect id="assignment-unit" value={unit} onChange={(v) => setUnit(v ?? undefined)} placeholder={t('es.unit')} />
        </div>
        <Select<string> showSearch style={{ width: 480 }} placeholder={t('es.procedure')} value={procedure} onChange={setProcedure}
          loading={procedures.loading} optionFilterProp="label" data-testid="assignment-procedure"
          options={online.map((p) => ({ value: p.code, label: `${p.code} — ${p.name}` }))} />
      </Space>
      <LoadError error={current.error ?? procedures.error} />
      {unit && procedure && current.data && (
        <Card size="small">
          <Form layout="vertical">
            <Form.Item label={t('es.mode')}>
              <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as number)} data-testid="assignment-mode">
                <Space direction="vertical">
                  {MODES.map((m) => <Radio key={m} value={m}>{m}. {t(`es.mode.${m}`)}</Radio>)}
                </Space>
              </Radio.Group>
            </Form.Item>
            <Form.Item label={t('es.officers')} help={mode === 4 ? t('es.officersHint') : undefined} required={mode === 4}>
              <Select mode="tags" value={officers} onChange={setOfficers} tokenSeparators={[',', ' ']} data-testid="assignment-officers" />
            </Form.Item>
            <Button type="primary" loading={saving} onClick={() => void save()} disabled={mode === 4 && !officers.length} data-testid="assignment-save">
              {t('common.save')}
            </Button>
          </Form>
        </Card>
      )}
    </>
  );
}
