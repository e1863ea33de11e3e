import ExcelJS from 'exceljs';
import { COLUMNS } from '../../src/voter-cycle/xlsx';

/**
 * Six matters voters raise, each in five wordings (the same matter raised by
 * different voters in different places), for the voter-cycle tests.
 */
export const TOPICS = [
  {
    category: 'Giao thông, vận tải',
    competence: 'Tỉnh',
    text: 'Đề nghị sớm sửa chữa tuyến đường tỉnh lộ nối xã Tân Phú với xã Hòa Lợi bị xuống cấp nghiêm trọng',
  },
  {
    category: 'Đất đai',
    competence: 'Tỉnh',
    text: 'Đề nghị đẩy nhanh việc cấp giấy chứng nhận quyền sử dụng đất cho các hộ dân khu tái định cư',
  },
  {
    category: 'Môi trường',
    competence: 'Xã',
    text: 'Đề nghị kiểm tra xử lý tình trạng ô nhiễm mùi hôi và nước thải từ các trại chăn nuôi heo',
  },
  {
    category: 'Điện, nước',
    competence: 'Tỉnh',
    text: 'Đề nghị đầu tư mở rộng hệ thống nước sạch sinh hoạt về các khu dân cư chưa có nước máy',
  },
  {
    category: 'Giáo dục',
    competence: 'Tỉnh',
    text: 'Đề nghị bố trí đủ giáo viên tiếng Anh và tin học cho các trường tiểu học trên địa bàn',
  },
  {
    category: 'Chính sách xã hội',
    competence: 'Trung ương',
    text: 'Đề nghị nghiên cứu nâng mức trợ cấp xã hội hằng tháng cho người cao tuổi và người khuyết tật',
  },
] as const;

const WHERE = ['ở ấp Một', 'ở ấp Hai', 'ở ấp Ba', 'ở ấp Bốn', 'ở ấp Năm'];

/** Matter `t` in wording `w` (0–4): the same matter, a different hamlet. */
export function row(t: number, w: number, commune: string) {
  const topic = TOPICS[t]!;
  return {
    text: `${topic.text} ${WHERE[w]}`,
    category: topic.category,
    competence: topic.competence,
    commune,
    voterCount: String(1 + ((t + w) % 4)),
  };
}

/** An XLSX of the given rows in the published template's columns. */
export async function workbook(rows: Record<string, string>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Kien nghi');
  ws.addRow(COLUMNS.map((c) => c.header));
  for (const r of rows) ws.addRow(COLUMNS.map((c) => r[c.key] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
