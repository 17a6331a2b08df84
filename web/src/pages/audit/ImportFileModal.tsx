// A CSV or .xlsx import with progress and every refused cell listed: the enterprise directory and the key-enterprise
// list use it (their server imports answer alike: 422 IMPORT_INVALID with details.problems).
import { useState } from 'react';
import { Button, Modal, Progress, Space, Table, Typography, Upload } from 'antd';
import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError, errorMessage } from '../../api/errors';
import { Outcome } from '../../components/Outcome';
import { useI18n, type DictKey } from '../../i18n';

export interface ImportProblem {
  line: number;
  /** The column (heading) of the bad cell, when the import names it. */
  column?: string;
  message: string;
}

export interface ImportFileModalProps {
  open: boolean;
  onClose(): void;
  title: string;
  hint: string;
  /** The header row to show as an example. */
  columns: string;
  /** Sends the file (CSV text or .xlsx blob); resolves with the summary shown on success. */
  send(body: string | Blob, onProgress: (fraction: number) => void): Promise<string>;
}

/** Import of a CSV or .xlsx file with progress; a refusal lists every bad cell (line, message). */
export function ImportFileModal({ open, onClose, title, hint, columns, send }: ImportFileModalProps) {
  const { t } = useI18n();
  // A CSV is sent as text (its rows counted here); an .xlsx as it is (the server reads its first sheet).
  const [file, setFile] = useState<{ name: string; body: string | Blob; rows: number | null } | null>(null);
  const [phase, setPhase] = useState<'idle' | 'uploading' | 'processing' | 'done' | 'failed'>('idle');
  const [percent, setPercent] = useState(0);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<{ message: string; problems: ImportProblem[] } | null>(null);

  const reset = () => {
    setFile(null);
    setPhase('idle');
    setPercent(0);
    setResult(null);
    setError(null);
  };
  const close = () => {
    reset();
    onClose();
  };
  const read = async (f: File) => {
    reset();
    if (/\.xlsx$/i.test(f.name)) {
      setFile({ name: f.name, body: f, rows: null });
      return false;
    }
    const text = await f.text();
    setFile({ name: f.name, body: text, rows: Math.max(0, text.split(/\r?\n/).filter((l) => l.trim()).length - 1) });
    return false;
  };
  const run = async () => {
    if (!file) return;
    setPhase('uploading');
    setError(null);
    try {
      const r = await send(file.body, (f) => {
        setPercent(Math.round(f * 90));
        if (f >= 1) setPhase('processing');
      });
      setPercent(100);
      setResult(r);
      setPhase('done');
    } catch (e) {
      const problems = e instanceof ApiError && Array.isArray(e.details.problems) ? (e.details.problems as ImportProblem[]) : [];
      setError({ message: errorMessage(e), problems });
      setPhase('failed');
    }
  };
  const busy = phase === 'uploading' || phase === 'processing';
  return (
    <Modal
      open={open}
      width={680}
      title={title}
      onCancel={close}
      maskClosable={!busy}
      footer={
        <Space>
          <Button onClick={close} disabled={busy}>
            {t('common.close')}
          </Button>
          {phase !== 'done' && (
            <Button type="primary" icon={<UploadOutlined />} disabled={!file} loading={busy} onClick={run} data-testid="import-run">
              {t('audit.import.run')}
            </Button>
          )}
        </Space>
      }
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text code>{columns}</Typography.Text>
      </Typography.Paragraph>
      <Upload.Dragger accept=".csv,text/csv,.xlsx" maxCount={1} showUploadList={false} beforeUpload={read} disabled={busy}>
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{file ? file.name : t('audit.import.drop')}</p>
        {file && (
          <p className="ant-upload-hint">{file.rows === null ? t('audit.import.workbook') : t('audit.import.rows', { n: file.rows })}</p>
        )}
      </Upload.Dragger>
      {phase !== 'idle' && (
        <div style={{ marginTop: 16 }}>
          <Progress
            percent={percent}
            status={phase === 'failed' ? 'exception' : phase === 'done' ? 'success' : 'active'}
            data-testid="import-progress"
          />
          <Typography.Text type="secondary">{t(`audit.import.phase.${phase}` as DictKey)}</Typography.Text>
        </div>
      )}
      {result && (
        <Outcome testId="import-result" title={result} />
      )}
      {error && (
        <Outcome
          type="error"
          title={error.message}
          description={
            error.problems.length > 0 && (
              <Table<ImportProblem>
                size="small"
                rowKey={(p) => `${p.line}-${p.column ?? ''}-${p.message}`}
                pagination={error.problems.length > 8 ? { pageSize: 8, size: 'small' } : false}
                dataSource={error.problems}
                columns={[
                  { title: t('audit.import.line'), dataIndex: 'line', width: 80 },
                  { title: t('audit.import.column'), dataIndex: 'column', width: 160 },
                  { title: t('audit.import.problem'), dataIndex: 'message' },
                ]}
              />
            )
          }
        />
      )}
    </Modal>
  );
}
