// Applicant: submit a dossier — choose the procedure (online and configured) and the receiving unit, attach
// each required document (and its detached signature), send with progress.
import { useMemo, useState } from 'react';
import { Alert, App, AutoComplete, Button, Form, Progress, Select } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import { eservices } from '../../api/eservices';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../hooks/query';
import { useUnits } from '../../hooks/reference';
import { useI18n } from '../../i18n';
import { DocumentInputs, readDocuments, type Picked } from './DocumentInputs';
import { LoadError } from './common';

export default function SubmitPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [code, setCode] = useState<string | undefined>(search.get('procedure') ?? undefined);
  const [unit, setUnit] = useState('');
  const [picked, setPicked] = useState<Record<string, Picked>>({});
  const [progress, setProgress] = useState<number>();
  const [error, setError] = useState<string>();
  const list = useApiQuery(['eservices', 'procedures', 'all'], () => eservices.procedures({ page_size: 200 }));
  const { units } = useUnits();
  const procedures = useMemo(() => (list.data?.items ?? []).filter((p) => p.online && p.configured), [list.data]);
  const procedure = procedures.find((p) => p.code === code);
  const names = procedure?.documents.map((d) => d.name) ?? [];
  const send = async () => {
    if (!procedure) return;
    setError(undefined);
    const { documents, missing } = await readDocuments(names, picked);
    if (missing.length) return setError(t('es.missingFile', { name: missing.join('; ') }));
    setProgress(0);
    try {
      const d = await eservices.submit({ procedure_code: procedure.code, unit_code: unit.trim(), documents }, (s) => setProgress(Math.round(s * 100)));
      message.success(t('es.submitted', { number: d.number }));
      navigate(`/eservices/dossiers/${d.id}`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setProgress(undefined);
    }
  };
  return (
    <div style={{ maxWidth: 760 }}>
      <PageHeader title={t('menu.eservices.submit')} />
      <LoadError error={list.error} />
      <Form layout="vertical" onFinish={send}>
        <Form.Item label={t('es.procedure')} required>
          <Select
            showSearch
            optionFilterProp="label"
            value={code}
            onChange={(v) => (setCode(v), setPicked({}))}
            loading={list.loading}
            options={procedures.map((p) => ({ value: p.code, label: `${p.code} — ${p.name}` }))}
            data-testid="submit-procedure"
          />
        </Form.Item>
        <Form.Item label={t('es.unit')} required>
          <AutoComplete
            value={unit}
            placeholder={t('es.unitHint')}
            onChange={setUnit}
            options={units.map((u) => ({ value: u.code, label: `${u.code} — ${u.name}` }))}
            filterOption={(input, o) => String(o?.label ?? '').toLowerCase().includes(input.toLowerCase())}
            data-testid="submit-unit"
          />
        </Form.Item>
        {procedure && (
          <Form.Item label={t('es.documents')}>
            <DocumentInputs names={names} signed={(n) => !!procedure.documents.find((d) => d.name === n)?.signed} value={picked} onChange={setPicked} />
          </Form.Item>
        )}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        {progress !== undefined && <Progress percent={progress} status="active" aria-label={t('es.sending')} />}
        <Button type="primary" htmlType="submit" disabled={!procedure || !unit.trim()} loading={progress !== undefined} block>
          {t('menu.eservices.submit')}
        </Button>
      </Form>
    </div>
  );
}
