// An issued refusal letter on A4 for printing, signing and stamping (the paper copy sent with the notice).
import { Button, Spin } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { eservices } from '../../api/eservices';
import { useApiQuery } from '../../hooks/query';
import { useI18n } from '../../i18n';
import { fmtDateTime } from '../../utils/format';
import { LoadError } from './common';

export default function LetterPrintPage() {
  const { id = '', letterId = '' } = useParams();
  const { t, lang } = useI18n();
  const dossier = useApiQuery(['eservices', 'dossier', Number(id)], () => eservices.dossier(Number(id)));
  const letters = useApiQuery(['eservices', 'letters', Number(id)], () => eservices.letters(Number(id)));
  const letter = letters.data?.items.find((l) => l.id === Number(letterId));
  const d = dossier.data;
  return (
    <div className="hq-guide hq-a4">
      <div className="hq-no-print" style={{ marginBottom: 16 }}>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>{t('es.print')}</Button>
      </div>
      <LoadError error={dossier.error ?? letters.error} />
      {(dossier.loading || letters.loading) && <Spin />}
      {d && letter && (
        <article style={{ fontFamily: '"Times New Roman", serif', fontSize: '13pt', lineHeight: 1.5 }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', textAlign: 'center' }}>
            <div><b>{d.unit_name ?? d.unit_code}</b><br />{t('es.letterNumber')}: {letter.number}</div>
            <div><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br /><u>Độc lập - Tự do - Hạnh phúc</u></div>
          </div>
          <p style={{ textAlign: 'right', fontStyle: 'italic' }}>{fmtDateTime(letter.decided_at ?? letter.drafted_at, lang)}</p>
          <p>{t('es.letterTo')}: <b>{d.applicant?.name}</b> — {t('es.number')} {d.number} ({d.procedure_code})</p>
          <p><b>{t('es.reason')}:</b> {letter.reason}</p>
          <div style={{ whiteSpace: 'pre-wrap' }}>{letter.body}</div>
          <p style={{ textAlign: 'right', marginTop: 48 }}><b>{t('es.letterSigner')}</b><br /><i>({letter.decided_by})</i></p>
        </article>
      )}
    </div>
  );
}
