// The user guide (seed 000: "hướng dẫn sử dụng" reachable from the home page; here from every page and the
// login page). One section per task people come to do, in the order a unit meets them; Vietnamese first.
// Kept beside the pages it describes: when a page's workflow changes, its section here changes with it.

export interface GuideSection {
  id: string;
  title: { vi: string; en: string };
  /** Who does this (shown as a line under the title). */
  who: { vi: string; en: string };
  steps: { vi: string[]; en: string[] };
  /** Where to start: a path of the application. */
  path?: string;
}

export const GUIDE: GuideSection[] = [
  {
    id: 'login',
    title: { vi: 'Đăng nhập, đổi mật khẩu, ngôn ngữ', en: 'Signing in, password, language' },
    who: { vi: 'Mọi người dùng', en: 'Everyone' },
    steps: {
      vi: [
        'Đăng nhập bằng tên đăng nhập và mật khẩu do cán bộ quản trị đơn vị cấp. Lần đầu đăng nhập, hệ thống yêu cầu đổi mật khẩu tạm.',
        'Mật khẩu có ít nhất 10 ký tự, không chứa tên đăng nhập, không phải mật khẩu phổ biến; nhập sai nhiều lần liên tiếp thì tài khoản bị tạm khoá.',
        'Đổi mật khẩu: bấm tên mình ở góc phải trên → «Đổi mật khẩu». Các phiên đăng nhập khác của tài khoản sẽ kết thúc.',
        'Chuyển tiếng Việt / tiếng Anh bằng nút VI / EN ở đầu trang; lựa chọn được ghi nhớ.',
      ],
      en: [
        'Sign in with the username and password your unit administrator gave you. The first time, you are asked to change the temporary password.',
        'Passwords have at least 10 characters, do not contain the username and are not a common password; repeated wrong passwords lock the account for a while.',
        'To change your password: your name at the top right → "Change password". Your other sessions end.',
        'Switch between Vietnamese and English with VI / EN at the top; the choice is remembered.',
      ],
    },
    path: '/password',
  },
  {
    id: 'units',
    title: { vi: 'Đơn vị, tài khoản và đề nghị cấp tài khoản (Mẫu số 01)', en: 'Units, accounts and account requests (form 01)' },
    who: { vi: 'Cán bộ quản trị đơn vị; lãnh đạo đơn vị phê duyệt', en: 'Unit administrators; the unit leader approves' },
    steps: {
      vi: [
        'Mục «Đơn vị»: cây đơn vị Tổng cục → Cục → Chi cục → Đội/Phòng. Quản trị đơn vị chỉ quản lý đơn vị mình và các Đội/Phòng trực thuộc.',
        '«Đề nghị cấp tài khoản»: cán bộ quản trị lập đề nghị (cấp mới, điều chỉnh quyền, thu hồi) → lãnh đạo đơn vị phê duyệt hoặc từ chối → cán bộ quản trị bấm «Thực hiện»; mật khẩu tạm hiển thị một lần để trao cho người dùng.',
        '«Tài khoản»: tìm, khoá/mở khoá, đặt lại mật khẩu, chuyển đơn vị. Mọi thao tác được ghi vào lịch sử xử lý.',
        '«Lịch làm việc»: ngày nghỉ lễ, ngày làm bù; mọi thời hạn (KTSTQ, dịch vụ công) tính theo lịch này.',
      ],
      en: [
        '"Units": the tree General Department → Department → Branch → Team. A unit administrator manages their own unit and the teams inside it.',
        '"Account requests": the administrator proposes (new account, change of roles, revocation) → the unit leader approves or refuses → the administrator applies it; the temporary password is shown once, to hand over.',
        '"Accounts": search, lock/unlock, reset a password, transfer to another unit. Every action is in the processing history.',
        '"Working calendar": holidays and make-up working days; every deadline (audit, online services) counts on it.',
      ],
    },
    path: '/units',
  },
  {
    id: 'audit',
    title: { vi: 'Kiểm tra sau thông quan (STQ02)', en: 'Post-clearance audit (STQ02)' },
    who: { vi: 'Công chức KTSTQ; lãnh đạo phê duyệt', en: 'Audit officers; leaders approve' },
    steps: {
      vi: [
        '«Danh bạ doanh nghiệp»: tra cứu theo mã số thuế hoặc tên (không dấu cũng được); hồ sơ doanh nghiệp gồm các lần thu thập, đề xuất, quyết định, kết luận.',
        '«Thu thập thông tin»: lập yêu cầu thu thập, ghi kết quả; lãnh đạo phê duyệt kết quả.',
        '«Đề xuất kiểm tra»: hệ thống tự kiểm tra trùng doanh nghiệp, trùng thời kỳ với đơn vị khác; lãnh đạo phê duyệt trong hàng chờ phê duyệt.',
        '«Lựa chọn đối tượng theo rủi ro»: nạp dữ liệu tờ khai, xem hồ sơ hoạt động XNK của doanh nghiệp, lập bộ tiêu chí rủi ro (có xem trước số doanh nghiệp theo ngưỡng), chạy phân tích; mỗi doanh nghiệp được chọn có lý do, điểm từng tiêu chí và nút lập đề xuất.',
        'Sau khi đề xuất được duyệt: nhập quyết định kiểm tra (đúng hạn) để lãnh đạo phê duyệt, kết luận kiểm tra và số tiền truy thu; lãnh đạo không tự phê duyệt việc do mình lập; khiếu nại nếu có.',
        '«Theo dõi thời hạn» liệt kê việc sắp đến hạn và quá hạn; «Báo cáo Mẫu 19/20» tổng hợp theo kỳ và xuất Excel. Hướng dẫn chi tiết từng bước của phân hệ: mục «Hướng dẫn sử dụng» trong menu Kiểm tra sau thông quan.',
      ],
      en: [
        '"Enterprise directory": search by tax code or name (diacritics optional); an enterprise\'s record lists its collections, proposals, decisions and conclusions.',
        '"Information collection": request, record the result; a leader approves the result.',
        '"Audit proposals": duplicates of the enterprise and overlapping periods in other units are checked automatically; leaders approve in the approval queue.',
        '"Risk-based selection": load the declarations extract, read an enterprise\'s import-export activity profile, build a risk criteria set (with a preview of how many enterprises each cut-off selects) and run it; each selected enterprise carries its reasons, the points of each indicator and a button to propose it for audit.',
        'Once a proposal is approved: enter the audit decision (on time) for a leader to approve, then the conclusion and the amounts to collect; leaders never approve their own work; complaints if any.',
        '"Deadlines" lists what is due and overdue; "Form 19/20" reports sum up a period and export to Excel. The module\'s step-by-step guide: "User guide" in the audit menu.',
      ],
    },
    path: '/audit/guide',
  },
  {
    id: 'trs',
    title: { vi: 'Nghiên cứu đo thời gian giải phóng hàng (TRS)', en: 'Time release study (TRS)' },
    who: { vi: 'Cán bộ phân tích TRS; công chức Chi cục nhập số liệu', en: 'TRS analysts; branch officers enter records' },
    steps: {
      vi: [
        '«Đợt nghiên cứu»: tạo đợt, chọn Chi cục tham gia và tuần đo.',
        'Nhập số liệu: tải lên tệp .csv hoặc .xlsx theo mẫu (mọi ô sai được chỉ rõ dòng, cột) hoặc nhập từng tờ khai; thanh tiến độ hiển thị khi tải tệp lớn.',
        'Báo cáo: thời gian trung bình, trung vị, phân vị theo từng khoảng thời gian, theo luồng và loại hình; biểu đồ; xuất Excel.',
        '«So sánh»: đặt hai đợt nghiên cứu cạnh nhau.',
      ],
      en: [
        '"Studies": create a study, choose the branches and the measurement week.',
        'Records: upload a .csv or .xlsx file in the template (every bad cell is named by row and column) or enter declarations one by one; a progress bar shows on large files.',
        'Report: average, median and percentiles per interval, by channel and type; charts; Excel export.',
        '"Compare": two studies side by side.',
      ],
    },
    path: '/trs/studies',
  },
  {
    id: 'eservices',
    title: { vi: 'Dịch vụ công trực tuyến (HQ36a)', en: 'Online public services (HQ36a)' },
    who: { vi: 'Doanh nghiệp, người dân; công chức tiếp nhận, lãnh đạo phê duyệt', en: 'Enterprises and citizens; officers receive, leaders approve' },
    steps: {
      vi: [
        'Doanh nghiệp, người dân tự đăng ký tài khoản tại trang đăng nhập («Đăng ký tài khoản dịch vụ công»); doanh nghiệp đăng ký chứng thư số dùng để ký hồ sơ.',
        'Tra cứu thủ tục trong danh mục, nộp hồ sơ với các giấy tờ đã ký số; hệ thống kiểm tra chữ ký ngay khi tiếp nhận và cấp giấy tiếp nhận có ngày hẹn trả.',
        'Công chức xử lý hồ sơ trong «Hộp hồ sơ» (còn bao nhiêu ngày giờ hoặc đã quá hạn), yêu cầu bổ sung (tạm dừng thời hạn), trình lãnh đạo phê duyệt.',
        'Kết quả điện tử được ký số bởi cơ quan hải quan; bất kỳ ai cũng có thể kiểm tra tính xác thực tại trang «Xác minh kết quả».',
      ],
      en: [
        'Enterprises and citizens register themselves from the sign-in page ("Register for online services"); enterprises register the certificate they sign documents with.',
        'Find a procedure in the catalogue and submit a dossier of signed documents; signatures are checked on receipt and a receipt with the promised date is issued.',
        'Officers work from the "Inbox" (days and hours left, or overdue), ask for a supplement (the clock pauses) and send to leaders for approval.',
        'Electronic results are signed by customs; anyone can check one on the "Verify a result" page.',
      ],
    },
    path: '/eservices/procedures',
  },
  {
    id: 'monitor',
    title: { vi: 'Giám sát truyền nhận dữ liệu và phân hệ dịch vụ', en: 'Monitoring of data transmission and service modules' },
    who: { vi: 'Đơn vị phụ trách hệ thống; các cấp xem theo phạm vi', en: 'System owners; each level sees its own scope' },
    steps: {
      vi: [
        'Mỗi đơn vị chạy tác tử giám sát («haiquan agent») với mã truy cập do quản trị cấp; tác tử gửi sự kiện xuất, truyền, nhận, cập nhật tệp và trạng thái dịch vụ.',
        '«Bảng giám sát»: đơn vị × hệ thống, xanh/vàng/đỏ; bấm vào ô để xem lô và tệp.',
        '«Sự cố»: chênh lệch số lượng, dung lượng, mã kiểm tra, tệp không đến đúng hạn, dịch vụ ngừng; sự cố tự đóng khi điều kiện hết, hoặc đóng thủ công kèm ghi chú.',
        'Tra cứu lịch sử truyền nhận, tổng hợp dịch vụ theo ngày; xuất Excel.',
      ],
      en: [
        'Each unit runs the monitoring agent ("haiquan agent") with a token from its administrator; it reports exports, transmissions, receptions and updates of files, and service states.',
        '"Board": units × systems, green/yellow/red; click a cell for its batches and files.',
        '"Incidents": differences in count, size or checksum, files not received in time, stopped services; they close by themselves when the condition clears, or by hand with a note.',
        'Search the transmission history and the daily service summary; export to Excel.',
      ],
    },
    path: '/monitor/board',
  },
  {
    id: 'history',
    title: { vi: 'Lịch sử xử lý và xuất dữ liệu', en: 'Processing history and exports' },
    who: { vi: 'Mọi người dùng, trong phạm vi quyền của mình', en: 'Everyone, within their rights' },
    steps: {
      vi: [
        'Mỗi hồ sơ có nút lịch sử (biểu tượng đồng hồ) cho biết ai, khi nào, làm gì; lịch sử được xâu chuỗi bằng mã băm nên không sửa được mà không bị phát hiện.',
        'Mọi danh sách và báo cáo đều có nút «Xuất Excel» (.xlsx) theo đúng bộ lọc đang chọn.',
        'Báo cáo Mẫu 19/20, báo cáo TRS và hướng dẫn này có nút «In» trên khổ A4.',
      ],
      en: [
        'Every record has a history button (the clock icon): who did what and when; the history is hash-chained, so it cannot be altered unnoticed.',
        'Every list and report has an "Export to Excel" (.xlsx) button that follows the filters in use.',
        'Forms 19/20, the TRS report and this guide have a "Print" button for A4.',
      ],
    },
  },
];
