// The user guide of the post-clearance audit module (seed 000: "hướng dẫn sử dụng" reachable from the home page;
// here from every page, through the header). Vietnamese first, English second; each section links the page it
// describes. Pure data: GuidePage renders it and prints it on A4.
export interface GuideSection {
  id: string;
  /** The page the section describes (a path of the audit module), if any. */
  page?: string;
  title: { vi: string; en: string };
  steps: { vi: string[]; en: string[] };
}

export const GUIDE: GuideSection[] = [
  {
    id: 'enterprises',
    page: '/audit/enterprises',
    title: { vi: '1. Danh bạ doanh nghiệp (Mẫu 01/KTSTQ)', en: '1. Enterprise directory (form 01/KTSTQ)' },
    steps: {
      vi: [
        'Tìm doanh nghiệp theo mã số thuế hoặc tên (gõ không dấu cũng được, ví dụ «cong ty thep»).',
        'Thêm doanh nghiệp mới bằng nút «Thêm doanh nghiệp»: mã số thuế phải hợp lệ (10 chữ số, hoặc 13 chữ số với đơn vị phụ thuộc).',
        'Nhập danh bạ hàng loạt từ tệp CSV hoặc Excel (.xlsx) có dòng tiêu đề tax_code, name, …: tệp có ô sai thì không dòng nào được nhập, hệ thống liệt kê từng ô sai.',
        'Mỗi lần sửa hồ sơ được ghi lại (ai, lúc nào, trường nào thay đổi); xem ở trang chi tiết doanh nghiệp.',
      ],
      en: [
        'Find an enterprise by tax code or name (no diacritics needed, e.g. "cong ty thep").',
        'Add one with "Add enterprise": the tax code must be valid (10 digits, or 13 for a dependent unit).',
        'Import many from a CSV or Excel (.xlsx) file with a header row tax_code, name, …: a file with any bad cell imports nothing and every bad cell is listed.',
        'Every change of a profile is recorded (who, when, which field); see the enterprise page.',
      ],
    },
  },
  {
    id: 'key',
    page: '/audit/key-enterprises',
    title: { vi: '2. Doanh nghiệp trọng điểm', en: '2. Key enterprises' },
    steps: {
      vi: [
        'Lãnh đạo Cục Kiểm tra sau thông quan lập danh sách doanh nghiệp trọng điểm theo năm.',
        'Doanh nghiệp trong danh sách của năm không được đơn vị khác đề xuất kiểm tra trong năm đó.',
      ],
      en: [
        'Leaders of the Post-Clearance Audit Department keep the yearly key-enterprise list.',
        'An enterprise on this year\'s list cannot be proposed for audit by other units that year.',
      ],
    },
  },
  {
    id: 'collections',
    page: '/audit/collections',
    title: { vi: '3. Thu thập thông tin', en: '3. Information collection' },
    steps: {
      vi: [
        'Công chức lập đề xuất thu thập thông tin: doanh nghiệp, dấu hiệu vi phạm, lĩnh vực rủi ro.',
        'Lãnh đạo phê duyệt trong ngày đề xuất; hệ thống cảnh báo nếu đơn vị khác đang thu thập hoặc kiểm tra cùng doanh nghiệp.',
        'Sau khi thu thập, công chức ghi kết quả theo từng lĩnh vực; lãnh đạo phê duyệt kết quả trong 1 ngày làm việc.',
        'Lãnh đạo không tự phê duyệt đề xuất hay kết quả do chính mình lập.',
      ],
      en: [
        'An officer proposes a collection: enterprise, signs of violation, risk areas.',
        'A leader approves it the same day; the system warns when another unit collects on or audits the same enterprise.',
        'After collecting, the officer records the results per risk area; a leader approves them within one working day.',
        'A leader never approves a proposal or results they made themselves.',
      ],
    },
  },
  {
    id: 'proposals',
    page: '/audit/proposals',
    title: { vi: '4. Đề xuất kiểm tra sau thông quan', en: '4. Audit proposals' },
    steps: {
      vi: [
        'Bắt buộc tra cứu doanh nghiệp trước khi lập đề xuất (kết quả tra cứu có hiệu lực 24 giờ) để thấy các đề xuất, cuộc kiểm tra của mọi đơn vị.',
        'Chọn nơi kiểm tra (trụ sở người khai hải quan hoặc trụ sở cơ quan hải quan), căn cứ (Điều 78 Luật Hải quan) và thời kỳ kiểm tra trong vòng 5 năm.',
        'Lãnh đạo đơn vị hoặc cấp trên phê duyệt tại «Việc chờ phê duyệt»; đề xuất lập trước được xét trước; mỗi doanh nghiệp chỉ một cuộc kiểm tra tại trụ sở trong năm.',
        'Có thể tạm dừng, tiếp tục, từ chối hoặc hủy đề xuất kèm lý do; mọi thao tác được ghi lịch sử.',
      ],
      en: [
        'Search the enterprise before proposing (the search stays valid 24 hours) to see every unit\'s proposals and audits.',
        'Choose the place (the declarant\'s premises or the customs office), the grounds (Customs Law art. 78) and a period within five years.',
        'A leader of the unit or above approves it under "Waiting for approval"; the earlier proposal is decided first; one premises audit per enterprise and year.',
        'Proposals can be paused, resumed, rejected or cancelled with a reason; every action is in the history.',
      ],
    },
  },
  {
    id: 'decisions',
    title: { vi: '5. Quyết định, kết luận, xử phạt, khiếu nại', en: '5. Decisions, conclusion, penalties, complaints' },
    steps: {
      vi: [
        'Trên trang đề xuất đã phê duyệt, công chức nhập quyết định kiểm tra trong 1 ngày làm việc kể từ ngày ký; nhập muộn bị đánh dấu.',
        'Thời hạn kiểm tra: tối đa 10 ngày làm việc tại trụ sở người khai, 5 ngày tại trụ sở hải quan; gia hạn một lần tối đa 10 ngày.',
        'Lãnh đạo phê duyệt quyết định (nút «Phê duyệt» trong bảng quyết định); báo cáo Mẫu 19, 20 chỉ tính quyết định và kết luận đã phê duyệt.',
        'Kết luận nhập trong 3 ngày làm việc kể từ ngày ký, kèm số tiền theo từng sắc thuế; lãnh đạo phê duyệt kết luận. Sau đó nhập quyết định xử phạt và khiếu nại (nếu có).',
      ],
      en: [
        'On an approved proposal, an officer enters the audit decision within one working day of signing; late entries are flagged.',
        'Audit length: at most 10 working days at the premises, 5 at the customs office; one extension of at most 10 days.',
        'A leader approves the decision ("Approve" in the decisions table); forms 19 and 20 count approved decisions and conclusions only.',
        'The conclusion is entered within three working days of signing, with amounts per tax; a leader approves it. Penalty decisions and complaints follow.',
      ],
    },
  },
  {
    id: 'deadlines',
    page: '/audit/deadlines',
    title: { vi: '6. Theo dõi thời hạn', en: '6. Deadlines' },
    steps: {
      vi: ['Trang «Thời hạn» liệt kê việc đến hạn hôm nay và việc quá hạn của đơn vị, cùng tỷ lệ đúng hạn từ đầu năm.'],
      en: ['The "Deadlines" page lists what is due today and what is late in the unit, with the on-time rate since January.'],
    },
  },
  {
    id: 'reports',
    page: '/audit/reports/form19',
    title: { vi: '7. Báo cáo Mẫu 19, Mẫu 20 và đối chiếu số liệu', en: '7. Forms 19 and 20 and reconciliation' },
    steps: {
      vi: [
        'Chọn đơn vị và kỳ báo cáo; báo cáo tổng hợp đơn vị và các đơn vị trực thuộc, xuất được ra Excel.',
        'Trước hạn báo cáo, từng đơn vị đối chiếu số liệu và bấm «Xác nhận đối chiếu»; báo cáo nêu các đơn vị chưa đối chiếu.',
      ],
      en: [
        'Choose the unit and the period; the report rolls up the unit and the units under it, and exports to Excel.',
        'Before the due date each unit reconciles its figures and signs off ("Confirm reconciliation"); the report names the units that have not.',
      ],
    },
  },
  {
    id: 'feedback',
    page: '/audit/feedback',
    title: { vi: '8. Góp ý chức năng', en: '8. Feedback on functions' },
    steps: {
      vi: ['Đề nghị sửa đổi, bổ sung chức năng: nêu tên chức năng, nội dung đề nghị và lý do; quản trị viên tiếp nhận.'],
      en: ['Propose a change or a new function: its name, the proposal and the reason; administrators receive it.'],
    },
  },
];
