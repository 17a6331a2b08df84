// One file (and an optional detached signature) per required document, read as base64 in the browser.
import { Space, Tag, Typography } from 'antd';
import { fileBase64, type IncomingDocument } from '../../api/eservices';
import { useI18n } from '../../i18n';

export interface Picked {
  file?: File;
  signature?: File;
}

export function DocumentInputs({ names, signed, value, onChange }: {
  names: string[];
  signed?: (name: string) => boolean;
  value: Record<string, Picked>;
  onChange(v: Record<string, Picked>): void;
}) {
  const { t } = useI18n();
  const set = (name: string, change: Picked) => onChange({ ...value, [name]: { ...value[name], ...change } });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {names.map((name, i) => (
        <div key={name} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 12 }} data-testid={`document-${i}`}>
          <Typography.Text strong>{i + 1}. {name}</Typography.Text> {signed?.(name) && <Tag color="blue">{t('es.signed')}</Tag>}
          <div style={{ marginTop: 8 }}>
            <label>{t('es.file')}: <input type="file" onChange={(e) => set(name, { file: e.target.files?.[0] })} /></label>
          </div>
          <div style={{ marginTop: 8 }}>
            <label>{t('es.signatureFile')}: <input type="file" accept=".p7s,.sig,.der,.p7m" onChange={(e) => set(name, { signature: e.target.files?.[0] })} /></label>
          </div>
        </div>
      ))}
    </Space>
  );
}

/** The picked files as the contract's documents; the names without a file are returned as missing. */
export async function readDocuments(names: string[], picked: Record<string, Picked>): Promise<{ documents: IncomingDocument[]; missing: string[] }> {
  const documents: IncomingDocument[] = [];
  const missing: string[] = [];
  for (const name of names) {
    const p = picked[name];
    if (!p?.file) {
      missing.push(name);
      continue;
    }
    documents.push({
      name,
      content_base64: await fileBase64(p.file),
      signature_base64: p.signature ? await fileBase64(p.signature) : undefined,
    });
  }
  return { documents, missing };
}
