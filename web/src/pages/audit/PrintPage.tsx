// A4 print of the signed paper documents in the official layout (Nghị định 30/2020/NĐ-CP: the issuing unit's
// header beside the national motto, number and place-date line, title, body, signature block): the audit
// proposal, a decision, the conclusion, and the enterprise's form 01/KTSTQ. Routes /audit/print/:doc/:id
// (doc: proposal | decision | conclusion | form01; a decision names itself with ?decision=). The text of the
// papers is Vietnamese whatever the interface language (they are official documents).
import type { ReactNode } from 'react';
import { Alert, Button, Space, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { audit, AMOUNT_KEYS, type Enterprise } from '../../api/audit';
import { units } from '../../api/platform';
import { errorMessage } from '../../api/errors';
import { useApiQuery } from '../../hooks/query';
import { useI18n } from '../../i18n';
import { auditVi } from './i18n';
import './print.css';

const PLACE = { PREMISES: 'tại trụ sở người khai hải quan', OFFICE: 'tại trụ sở cơ quan hải quan' } as const;
const DECISION_KIND: Record<string, string> = {
  ORIGINAL: 'Quyết định kiểm tra sau thông quan',
  AMENDMENT: 'Quyết định sửa đổi, bổ sung quyết định kiểm tra sau thông quan',
  EXTENSION: 'Quyết định gia hạn thời hạn kiểm tra sau thông quan',
  CANCELLATION: 'Quyết định hủy quyết định kiểm tra sau thông quan',
};

function vnDate(d?: string | null): string {
  if (!d) return '…';
  const [y, m, day] = d.slice(0, 10).split('-');
  return `${day}/${m}/${y}`;
}
function dateLine(d?: string | null): string {
  if (!d) return 'ngày … tháng … năm …';
  const [y, m, day] = d.slice(0, 10).split('-');
  return `ngày ${day} tháng ${m} năm ${y}`;
}
const money = (n: number) => n.toLocaleString('vi-VN');

/** A row of two cells across an A4 form (its heading, its signatures). */
function A4Pair({ className, left, right }: { className: string; left: ReactNode; right: ReactNode }) {
  return (
    <table className={className}>
      <tbody>
        <tr>
          <td>{left}</td>
          <td>{right}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** The heading of an A4 form: the issuer (`children`) on the left, the national name and motto over the date on the right. */
function A4Head({ on, children }: { on?: string | null; children: ReactNode }) {
  const motto = (
    <>
      <div className="hq-a4-unit">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
      <div className="hq-a4-motto">Độc lập - Tự do - Hạnh phúc</div>
      <div className="hq-a4-rule hq-a4-rule--wide" />
      <div className="hq-a4-date"><i>{dateLine(on)}</i></div>
    </>
  );
  return <A4Pair className="hq-a4-head" left={children} right={motto} />;
}

/** The issuing unit's header: its parent (when the caller may see it) over the unit, beside the national motto. */
function Header({ unitCode, unitName, number, on }: { unitCode: string; unitName: string; number?: string; on?: string | null }) {
  const { data } = useApiQuery(['units', 'list'], units.list, { staleTime: 300_000 });
  const list: Array<{ code: string; name: string; parent_code?: string | null }> = data?.items ?? [];
  const parentCode = list.find((u) => u.code === unitCode)?.parent_code;
  const parent = list.find((u) => u.code === parentCode)?.name ?? 'Cục Hải quan';
  return (
    <A4Head on={on}>
      <div>{parent.toUpperCase()}</div>
      <div className="hq-a4-unit">{unitName.toUpperCase()}</div>
      <div className="hq-a4-rule" />
      {number && <div className="hq-a4-number">Số: {number}</div>}
    </A4Head>
  );
}

function Sign({ left, right, name }: { left?: ReactNode; right: string; name?: string }) {
  const signer = (
    <>
      <div className="hq-a4-unit">{right}</div>
      <div><i>(Ký, ghi rõ họ tên, đóng dấu)</i></div>
      <div className="hq-a4-sign-space" />
      <div className="hq-a4-unit">{name ?? ''}</div>
    </>
  );
  return <A4Pair className="hq-a4-sign" left={left} right={signer} />;
}

function Recipients({ items }: { items: string[] }) {
  return (
    <div className="hq-a4-recipients">
      <b><i>Nơi nhận:</i></b>
      {items.map((x) => <div key={x}>- {x};</div>)}
      <div>- Lưu: VT, KTSTQ.</div>
    </div>
  );
}

function ProposalDoc({ id, what }: { id: number; what: 'proposal' | 'decision' | 'conclusion' }) {
  const [params] = useSearchParams();
  const { data: p, error } = useApiQuery(['audit', 'proposal', id], () => audit.proposal(id));
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (!p) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  const enterprise = `${p.enterprise_name} (mã số thuế ${p.tax_code})`;
  if (what === 'proposal') {
    const paper = (p as { paper_approved_on?: string | null }).paper_approved_on;
    return (
      <>
        <Header unitCode={p.unit_code} unitName={p.unit_name} number={p.number} on={paper ?? p.created_at} />
        <h1>PHIẾU ĐỀ XUẤT KIỂM TRA SAU THÔNG QUAN</h1>
        <p className="hq-a4-center"><i>{PLACE[p.place as keyof typeof PLACE] ?? p.place}</i></p>
        <p>Kính gửi: Lãnh đạo {p.unit_name}.</p>
        <p>Căn cứ Điều 78 Luật Hải quan số 54/2014/QH13 và kết quả tra cứu thông tin doanh nghiệp trên hệ thống STQ02, công chức đề xuất kiểm tra sau thông quan như sau:</p>
        <table className="hq-a4-grid">
          <tbody>
            <tr><th>Doanh nghiệp</th><td>{enterprise}</td></tr>
            <tr><th>Địa điểm kiểm tra</th><td>{PLACE[p.place as keyof typeof PLACE] ?? p.place}</td></tr>
            <tr><th>Căn cứ kiểm tra</th><td>{p.grounds}</td></tr>
            <tr><th>Thời kỳ kiểm tra</th><td>Các tờ khai đăng ký từ {vnDate(p.period_from)} đến {vnDate(p.period_to)}</td></tr>
            <tr><th>Đề xuất trùng lặp</th><td>{p.duplicate_count ? `${p.duplicate_count} đề xuất/thu thập khác đang mở cho doanh nghiệp này` : 'Không'}</td></tr>
          </tbody>
        </table>
        <Sign left={<div><b>LÃNH ĐẠO PHÊ DUYỆT</b><div><i>(Ký, ghi rõ họ tên)</i></div><div className="hq-a4-sign-space" /><b>{p.decided_by ?? ''}</b></div>} right="CÔNG CHỨC ĐỀ XUẤT" name={p.proposed_by} />
      </>
    );
  }
  if (what === 'decision') {
    const d = p.decisions.find((x) => x.id === Number(params.get('decision'))) ?? p.decisions[0];
    if (!d) return <Alert type="info" showIcon title="Đề xuất này chưa có quyết định kiểm tra." />;
    return (
      <>
        <Header unitCode={p.unit_code} unitName={p.unit_name} number={d.number} on={d.signed_on} />
        <h1>QUYẾT ĐỊNH</h1>
        <p className="hq-a4-center"><b>{DECISION_KIND[d.kind] ?? d.kind}</b></p>
        <p className="hq-a4-center"><b>{`THỦ TRƯỞNG ${p.unit_name.toUpperCase()}`}</b></p>
        <p>Căn cứ Luật Hải quan số 54/2014/QH13; Căn cứ Nghị định số 08/2015/NĐ-CP và Thông tư số 38/2015/TT-BTC; Căn cứ phiếu đề xuất kiểm tra sau thông quan số {p.number} đã được phê duyệt;</p>
        <p className="hq-a4-center"><b>QUYẾT ĐỊNH:</b></p>
        <p><b>Điều 1.</b> Kiểm tra sau thông quan {PLACE[p.place as keyof typeof PLACE] ?? p.place} đối với {enterprise}, thời kỳ kiểm tra từ {vnDate(p.period_from)} đến {vnDate(p.period_to)}.</p>
        {d.kind !== 'CANCELLATION' && (
          <p><b>Điều 2.</b> Thời hạn kiểm tra là {d.working_days} ngày làm việc, kể từ ngày {vnDate(d.start_on)} đến hết ngày {vnDate(d.end_on)}.</p>
        )}
        {d.team && <p><b>Điều 3.</b> Thành lập đoàn kiểm tra gồm: {d.team}.</p>}
        <p><b>Điều {d.team ? 4 : 3}.</b> Đoàn kiểm tra, {p.enterprise_name} và các đơn vị, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.</p>
        <Sign left={<Recipients items={[p.enterprise_name, 'Như Điều ' + (d.team ? 4 : 3)]} />} right={`THỦ TRƯỞNG ĐƠN VỊ`} name={d.signer} />
      </>
    );
  }
  const c = p.conclusion;
  if (!c) return <Alert type="info" showIcon title="Đề xuất này chưa có kết luận kiểm tra." />;
  const taxes = AMOUNT_KEYS.filter((k) => k !== 'collected' && c.amounts[k]);
  return (
    <>
      <Header unitCode={p.unit_code} unitName={p.unit_name} number={c.number} on={c.signed_on} />
      <h1>KẾT LUẬN KIỂM TRA SAU THÔNG QUAN</h1>
      <p className="hq-a4-center"><i>đối với {enterprise}</i></p>
      <p>Thực hiện {p.decisions.map((d) => `${DECISION_KIND[d.kind] ?? d.kind} số ${d.number} ngày ${vnDate(d.signed_on)}`).join('; ') || 'quyết định kiểm tra'}, đoàn kiểm tra đã kiểm tra sau thông quan {PLACE[p.place as keyof typeof PLACE] ?? p.place} đối với {c.declarations} tờ khai thời kỳ từ {vnDate(p.period_from)} đến {vnDate(p.period_to)}.</p>
      <p><b>1. Kết quả kiểm tra</b></p>
      <p style={{ whiteSpace: 'pre-wrap' }}>{c.findings || '…'}</p>
      <p><b>2. Kết luận:</b> {c.has_violation ? 'Doanh nghiệp có vi phạm.' : 'Chưa phát hiện vi phạm.'}</p>
      {taxes.length > 0 && (
        <table className="hq-a4-grid">
          <thead><tr><th>Khoản</th><th className="hq-a4-num">Số tiền (đồng)</th></tr></thead>
          <tbody>
            {taxes.map((k) => <tr key={k}><td>{auditVi[`audit.amount.${k}` as keyof typeof auditVi]}</td><td className="hq-a4-num">{money(c.amounts[k] ?? 0)}</td></tr>)}
          </tbody>
        </table>
      )}
      <p><b>3. Xử lý:</b> {p.enterprise_name} có trách nhiệm nộp đủ các khoản tiền nêu trên vào ngân sách nhà nước theo quy định./.</p>
      <Sign left={<Recipients items={[p.enterprise_name]} />} right="THỦ TRƯỞNG ĐƠN VỊ" />
    </>
  );
}

function profileText(v: unknown): string {
  if (Array.isArray(v)) return v.join('; ');
  return typeof v === 'string' ? v : '';
}

function Form01Doc({ taxCode }: { taxCode: string }) {
  const { data, error } = useApiQuery(['audit', 'enterprise', taxCode], () => audit.record(taxCode));
  const { lang } = useI18n();
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (!data) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  const e: Enterprise = data.enterprise;
  const rows: Array<[string, ReactNode]> = [
    ['Tên doanh nghiệp', e.name], ['Tên nước ngoài', e.foreign_name], ['Mã số thuế', e.tax_code], ['Địa chỉ trụ sở', e.address],
    ['Người đại diện theo pháp luật', e.legal_representative], ['Điện thoại', e.phone], ['Thư điện tử', e.email],
    ['Ngày thành lập', vnDate(e.established_on)], ['Vốn điều lệ (đồng)', e.charter_capital ? money(e.charter_capital) : ''],
    ['Loại hình sở hữu', e.ownership], ['Doanh nghiệp ưu tiên (AEO)', e.aeo_status],
    ['Người liên hệ', profileText(e.contacts)], ['Ngành nghề kinh doanh', profileText(e.business_lines)],
    ['Nhà máy, cơ sở sản xuất', profileText(e.factories)], ['Kho hàng', profileText(e.warehouses)],
    ['Mặt hàng xuất nhập khẩu chủ yếu', profileText(e.main_goods)], ['Đối tác chủ yếu', profileText(e.main_partners)],
    ['Các bên liên kết', profileText(e.related_parties)], ['Phần mềm kế toán', profileText(e.accounting_software)],
  ];
  return (
    <>
      <p className="hq-a4-right"><b>Mẫu số 01/KTSTQ</b><br /><i>(Ban hành kèm theo công văn số 7222/TCHQ-KTSTQ ngày 12/11/2020)</i></p>
      <A4Head on={null}>
        <div className="hq-a4-unit">{e.name.toUpperCase()}</div><div className="hq-a4-rule" />
      </A4Head>
      <h1>PHIẾU DOANH NGHIỆP CUNG CẤP, BỔ SUNG THÔNG TIN VỀ HỒ SƠ DOANH NGHIỆP</h1>
      <p>Kính gửi: Cơ quan hải quan.</p>
      <table className="hq-a4-grid">
        <tbody>{rows.map(([k, v], i) => <tr key={k}><th>{i + 1}. {k}</th><td style={{ whiteSpace: 'pre-wrap' }}>{v}</td></tr>)}</tbody>
      </table>
      <p>Doanh nghiệp cam kết các thông tin cung cấp trên là đúng sự thật. <i>(Cập nhật trên hệ thống: {data.enterprise.updated_at ? new Date(data.enterprise.updated_at).toLocaleDateString(lang === 'vi' ? 'vi-VN' : 'en-GB') : '…'})</i></p>
      <Sign right="NGƯỜI ĐẠI DIỆN THEO PHÁP LUẬT" name={e.legal_representative} />
    </>
  );
}

export default function PrintPage() {
  const { doc = '', id = '' } = useParams();
  const { t } = useI18n();
  const back = doc === 'form01' ? `/audit/enterprises/${encodeURIComponent(id)}` : `/audit/proposals/${id}`;
  const known = ['proposal', 'decision', 'conclusion', 'form01'].includes(doc);
  return (
    <div className="hq-a4-page">
      <Space className="hq-no-print" style={{ marginBottom: 12 }}>
        <Link to={back}><Button icon={<ArrowLeftOutlined />}>{t('audit.print.back')}</Button></Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-a4">{t('audit.print.button')}</Button>
      </Space>
      <div className="hq-a4" data-testid={`print-${doc}`}>
        {!known ? <Alert type="error" showIcon title={doc} />
          : doc === 'form01' ? <Form01Doc taxCode={id} />
          : <ProposalDoc id={Number(id)} what={doc as 'proposal' | 'decision' | 'conclusion'} />}
      </div>
    </div>
  );
}
