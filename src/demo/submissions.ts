import type { Deps } from '../deps';
import { submit } from '../submissions';

/** A few submissions for the local run, so that every page has something to show. */
export async function seedDemoSubmissions(deps: Deps): Promise<number> {
  if ((await deps.models.Submission.estimatedDocumentCount()) > 0) return 0;
  const resident = (name: string, email: string) => ({ name, email });
  const items = [
    {
      kind: 'petition' as const,
      data: {
        title: 'Đường vào ấp Bưng Thuốc ngập nước mỗi khi mưa',
        body: 'Đoạn đường dài khoảng 500 m vào ấp Bưng Thuốc bị ngập sâu sau mỗi trận mưa lớn; học sinh đi học rất khó khăn. Đề nghị nâng cấp, làm mương thoát nước.',
        categoryCode: 'traffic',
        jurisdictionCode: 'binh-duong-2018.bau-bang.lai-hung.bung-thuoc',
        submitter: resident('Nguyễn Thị Lan', 'lan.nguyen@example.com'),
        shareContactWithAgency: true,
      },
    },
    {
      kind: 'petition' as const,
      data: {
        title: 'Chậm cấp giấy chứng nhận quyền sử dụng đất',
        body: 'Hồ sơ cấp giấy chứng nhận nộp từ tháng 3 đến nay chưa có kết quả, không được thông báo lý do.',
        categoryCode: 'land',
        jurisdictionCode: 'minh-hoa.tan-phu',
        submitter: resident('Trần Văn Hùng', 'hung.tran@example.com'),
        shareContactWithAgency: false,
      },
    },
    {
      kind: 'petition' as const,
      data: {
        title: 'Mất điện kéo dài vào buổi tối',
        body: 'Khu phố 3 thường xuyên mất điện từ 18 giờ đến 21 giờ trong tuần qua, không có thông báo trước.',
        categoryCode: 'utilities',
        jurisdictionCode: 'minh-hoa.minh-khai',
        submitter: resident('Lê Thị Mai', 'mai.le@example.com'),
        shareContactWithAgency: true,
      },
    },
    {
      kind: 'petition' as const,
      data: {
        title: 'Đề nghị hỗ trợ hộ nghèo sửa nhà',
        body: 'Gia đình bà Sáu thuộc hộ nghèo, nhà dột nát, đề nghị xem xét hỗ trợ theo chương trình nhà đại đoàn kết.',
        categoryCode: 'social-policy',
        jurisdictionCode: 'binh-duong-2018.bau-bang-moi',
        submitter: resident('Phạm Văn Tư', 'tu.pham@example.com'),
        shareContactWithAgency: false,
      },
    },
    {
      kind: 'sentiment' as const,
      data: {
        title: 'Bà con phấn khởi vì đèn đường',
        body: 'Từ khi có đèn đường và camera an ninh, bà con đi lại buổi tối yên tâm hơn nhiều.',
        categoryCode: 'public-order',
        jurisdictionCode: 'binh-duong-2018.bau-bang.lai-hung.dong-so',
      },
    },
    {
      kind: 'sentiment' as const,
      data: {
        title: 'Lo lắng về rác thải ở chợ',
        body: 'Rác thải ở khu chợ xã không được thu gom hằng ngày, bốc mùi, bà con lo ngại dịch bệnh.',
        categoryCode: 'environment',
        jurisdictionCode: 'minh-hoa.hoa-loi',
      },
    },
  ];
  for (const item of items) await submit(deps, item);
  return items.length;
}
