// Import a CSV/xlsx (or the long format: header file + event log) with upload progress and the bad-cell table.
import { useState } from 'react';
import { Alert, Button, Checkbox, Form, Progress, Space, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { fileBase64, MAX_UPLOAD_BYTES, uploadImport, type CellProblem, type ImportResult } from '../../api/trs';
import { errorMessage, isApiError } from '../../api/errors';
import { useI18n } from '../../i18n';
import { useParams } from 'react-router-dom';
import { LoadError, StudyHeader, useStudy } from './common';

type Phase = 'idle' | 'uploading' | 'processing';

export default function ImportPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const study = useStudy(id);
  const [file, setFile] = useState<File>();
  const [events, setEvents] = useState<File>();
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [phase, setPhase] = useState<Phase>('idle');
  const [progress, setProgress] = useState(0);
  const [result, setResult] = useState<ImportResult>();
  const [error, setError] = useState<string>();
  const [badCells, setBadCells] = useState<CellProblem[]>([]);
  const [badCount, setBadCount] = useState(0);

  const start = async () => {
    if (!file) return;
    setResult(undefined);
    setError(undefined);
    setBadCells([]);
    setBadCount(0);
    if (file.size + (events?.size ?? 0) > MAX_UPLOAD_BYTES) {
      setError(t('trs.import.tooLarge'));
      return;
    }
    setPhase('uploading');
    setProgress(0);
    try {
      const body = events ? JSON.stringify({ header: await fileBase64(file), events: await fileBase64(events) }) : file;
      const r = await uploadImport(id, body, {
        skipInvalid,
        format: events ? 'long' : 'wide',
        onProgress: (share) => {
          setProgress(Math.round(share * 100));
          if (share >= 1) setPhase('processing');
        },
      });
      setResult(r);
      setBadCells(r.bad_cells);
      setBadCount(r.bad_cell_count);
    } catch (e) {
      setError(errorMessage(e));
      if (isApiError(e) && Array.isArray(e.details.bad_cells)) {
        setBadCells(e.details.bad_cells as CellProblem[]);
        setBadCount(Number(e.details.bad_cell_count ?? 0));
      }
    } finally {
      setPhase('idle');
    }
  };

  const picker = (value: File | undefined, set: (f: File | undefined) => void, accept: string, testId: string) => (
    <Upload
      accept={accept}
      maxCount={1}
      beforeUpload={(f) => {
        set(f);
        return false;
      }}
      onRemove={() => set(undefined)}
      fileList={value ? [{ uid: value.name, name: value.name, status: 'done' }] : []}
    >
      <Button icon={<UploadOutlined />} data-testid={testId}>
        {value ? value.name : '…'}
      </Button>
    </Upload>
  );

  return (
    <>
      <StudyHeader study={study.data} page="import" />
      <LoadError error={study.error} />
      <Typography.Paragraph type="secondary">{t('trs.import.hint')}</Typography.Paragraph>
      <Form layout="vertical" style={{ maxWidth: 640 }}>
        <Form.Item label={t('trs.import.file')} required>
          {picker(file, setFile, '.csv,.xlsx,text/csv', 'trs-import-file')}
        </Form.Item>
        <Form.Item label={t('trs.import.events')}>{picker(events, setEvents, '.csv,text/csv', 'trs-import-events')}</Form.Item>
        <Form.Item>
          <Checkbox checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)}>
            {t('trs.import.skipInvalid')}
          </Checkbox>
        </Form.Item>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button type="primary" disabled={!file || phase !== 'idle'} loading={phase !== 'idle'} onClick={start} data-testid="trs-import-start">
            {t('trs.import.start')}
          </Button>
          {phase !== 'idle' && (
            <div className="trs-progress" data-testid="trs-import-progress">
              <Progress percent={progress} status="active" />
              <Typography.Text type="secondary">{phase === 'uploading' ? t('trs.import.uploading') : t('trs.import.processing')}</Typography.Text>
            </div>
          )}
        </Space>
      </Form>
      {result && (
        <Alert
          type={result.skipped ? 'warning' : 'success'}
          showIcon
          style={{ margin: '16px 0' }}
          message={t('trs.import.done', { stored: result.stored, created: result.created, replaced: result.replaced, skipped: result.skipped })}
          data-testid="trs-import-result"
        />
      )}
      {error && <Alert type="error" showIcon style={{ margin: '16px 0' }} message={error} data-testid="trs-import-error" />}
      {badCells.length > 0 && (
        <>
          <Typography.Title level={5}>
            {t('trs.import.badCells')} ({badCount})
          </Typography.Title>
          <Table<CellProblem>
            size="small"
            rowKey={(c, i) => `${c.source ?? ''}${c.line}-${c.column}-${i}`}
            dataSource={badCells}
            pagination={{ pageSize: 50 }}
            scroll={{ x: 700 }}
            data-testid="trs-bad-cells"
            columns={[
              { title: t('trs.import.line'), dataIndex: 'line', width: 80, render: (v, c) => `${c.source === 'events' ? 'SK ' : ''}${v ?? ''}` },
              { title: t('trs.import.column'), dataIndex: 'column', width: 180 },
              { title: t('trs.import.value'), dataIndex: 'value', width: 180, render: (v) => <code>{v}</code> },
              { title: t('trs.import.reason'), dataIndex: 'message' },
            ]}
          />
        </>
      )}
    </>
  );
}
