/**
 * A small Vietnamese lexicon for the words residents use about their place:
 * compound words (a Vietnamese word is often two or more syllables: "đường sá",
 * "giải phóng mặt bằng") and stop words (function words and the formulas every
 * petition shares, which say nothing about its subject).
 *
 * Written here rather than taken from a package: the maintained npm packages for
 * Vietnamese word segmentation (vntk) need native builds (crfsuite, fasttext) and
 * a large dictionary; the stop-word package `stopword` has 78 Vietnamese words and
 * no compounds. Lists are comma-separated, one topic per line, in any Unicode form
 * and tone placement: they go through the same folding as the texts.
 */

export const COMPOUND_WORDS = `
  đường sá, đường xá, giao thông, mặt đường, lòng đường, vỉa hè, ổ gà, ổ voi, xuống cấp, hư hỏng,
  sửa chữa, nâng cấp, bê tông, nhựa đường, đường đất, đường làng, đường liên xã, đường ngõ,
  ngõ xóm, cầu cống, cầu tạm, cầu treo, tai nạn, ùn tắc, kẹt xe, biển báo, đèn tín hiệu,
  đèn đường, chiếu sáng, xe tải, quá tải, xe ben, bến xe, xe buýt,
  ngập úng, ngập lụt, ngập nước, ngập sâu, triều cường, thoát nước, cống thoát nước, cống rãnh,
  mương thoát nước, kênh mương, mưa lớn, mưa to, lũ lụt, lũ quét, sạt lở, bờ kè, đê điều,
  nước sạch, nước máy, cấp nước, nước giếng, giếng khoan, nhiễm phèn, nhiễm mặn, đường ống,
  môi trường, ô nhiễm, rác thải, chất thải, nước thải, khí thải, khói bụi, tiếng ồn, mùi hôi,
  hôi thối, xả thải, thu gom, bãi rác, điểm tập kết, vệ sinh, cây xanh, trồng cây, chăn nuôi,
  trang trại, nhà máy, khu công nghiệp, cụm công nghiệp, biến đổi khí hậu, thuốc trừ sâu,
  điện lực, mất điện, cúp điện, cắt điện, lưới điện, cột điện, dây điện, đường dây, công tơ,
  tiền điện, giá điện, hóa đơn, điện áp, trạm biến áp, sự cố, điện thoại, điện sinh hoạt,
  đất đai, đền bù, bồi thường, thu hồi, thu hồi đất, giải phóng mặt bằng, mặt bằng, giải tỏa,
  tái định cư, quy hoạch, sổ đỏ, sổ hồng, giấy chứng nhận, quyền sử dụng đất, tranh chấp,
  lấn chiếm, ranh giới, địa chính, cấp giấy, cấp sổ, xây dựng, giấy phép, trái phép, dự án,
  an ninh, trật tự, an ninh trật tự, an toàn, trộm cắp, mất trộm, cờ bạc, ma túy, tệ nạn,
  xã hội, tệ nạn xã hội, đánh nhau, gây rối, tụ tập, đua xe, lừa đảo, cho vay, tín dụng đen,
  camera an ninh, công an, dân phòng, tự quản,
  hộ nghèo, cận nghèo, hộ cận nghèo, thoát nghèo, giảm nghèo, chính sách, trợ cấp, hỗ trợ,
  bảo trợ, bảo trợ xã hội, người cao tuổi, khuyết tật, người khuyết tật, người có công,
  thương binh, liệt sĩ, gia đình, nhà ở, nhà tạm, dột nát, nhà tình nghĩa, nhà đại đoàn kết,
  việc làm, thất nghiệp, thu nhập, an sinh, an sinh xã hội, lương hưu, trợ cấp xã hội,
  y tế, bảo hiểm, bảo hiểm y tế, bảo hiểm xã hội, thẻ bảo hiểm, bệnh viện, trạm y tế,
  khám bệnh, chữa bệnh, khám chữa bệnh, bác sĩ, thuốc men, dịch bệnh, sốt xuất huyết,
  tiêm chủng, an toàn thực phẩm, thực phẩm, ngộ độc,
  giáo dục, trường học, học sinh, giáo viên, học phí, sách giáo khoa, lớp học, mầm non,
  tiểu học, trung học, cơ sở vật chất, nhà trường, phòng học, dạy thêm, điểm trường,
  ủy ban, ủy ban nhân dân, chính quyền, cán bộ, thủ tục, hành chính, thủ tục hành chính,
  công trình, hệ thống, kinh phí, ngân sách, nông dân, nông nghiệp, cây trồng, mùa màng,
  thủy lợi, tưới tiêu, hoa màu, chợ tạm, lòng lề đường, buôn bán, kinh doanh,
  bà con, người dân, nhân dân, chúng tôi, chúng ta, chúng em, có thể, kiến nghị, đề nghị,
  phản ánh, mong muốn, đề xuất, cơ quan, chức năng, có thẩm quyền, thẩm quyền, xem xét,
  giải quyết, tình trạng, hiện nay, thời gian, khu vực, địa phương, địa bàn, vấn đề,
  trường hợp, hàng ngày, như vậy, vì vậy, do đó, tuy nhiên, ngoài ra, bên cạnh, trong khi,
  sau khi, trước khi, mỗi khi, cho nên, bởi vì, nhưng mà, hay là, hoặc là, cũng như,
  nhiều lần, lâu nay, kéo dài, đến nay, cho đến, một số, các cấp, kịp thời, quan tâm,
  khắc phục, xử lý, thực hiện, ảnh hưởng, đời sống, sinh hoạt, đi lại, khó khăn
`;

/**
 * Words that say nothing about the subject: function words, pronouns, the
 * administrative levels, and the formulas of every petition ("kính đề nghị các
 * cơ quan có thẩm quyền xem xét giải quyết"). Compounds listed above may be stop
 * words too ("bà con", "người dân").
 */
export const STOP_WORDS = `
  và, của, là, thì, các, những, được, cho, với, này, đã, đang, sẽ, có, không, một, người,
  bị, bởi, cả, cái, cần, càng, chỉ, chiếc, chứ, chưa, chuyện, cứ, cùng, cũng, để, đều, điều,
  do, đó, gì, khi, lại, lên, lúc, mà, mỗi, nên, nếu, ngay, nhiều, như, nhưng, nơi, nữa,
  phải, qua, ra, rằng, rất, rồi, sau, so, sự, tại, theo, trên, trước, từ, từng, vẫn, vào,
  vậy, vì, việc, vừa, vâng, à, ừ, ở, hay, hoặc, thế, nào, đây, kia, ấy, đi, đến, về, trong,
  ngoài, dưới, giữa, còn, nhé, ạ, nhất, hơn, lắm, mình, tôi, chúng, họ, ông, bà, anh, chị,
  em, cô, chú, xin, kính, gửi, mong, muốn, hiện, nay, hôm, ngày, tháng, năm, lần, thêm, mới,
  ai, sao, bao, mọi, toàn, tất, hết, luôn, thường, sớm, nhau, cách, khác, thấy, biết,
  làm, nói, ý, kiến, nhằm, đối, với, thuộc, tổ, khu, xóm, ấp, thôn, bản, xã, phường,
  thị trấn, quận, huyện, tỉnh, thành phố, số, đoạn,
  bà con, người dân, nhân dân, chúng tôi, chúng ta, chúng em, có thể, kiến nghị, đề nghị,
  phản ánh, mong muốn, đề xuất, cơ quan, chức năng, có thẩm quyền, thẩm quyền, xem xét,
  giải quyết, tình trạng, hiện nay, thời gian, khu vực, địa phương, địa bàn, vấn đề,
  trường hợp, hàng ngày, như vậy, vì vậy, do đó, tuy nhiên, ngoài ra, bên cạnh, trong khi,
  sau khi, trước khi, mỗi khi, cho nên, bởi vì, nhưng mà, hay là, hoặc là, cũng như,
  nhiều lần, lâu nay, kéo dài, đến nay, cho đến, một số, các cấp, kịp thời, quan tâm,
  thực hiện, ảnh hưởng, đời sống, sinh hoạt, khó khăn, ủy ban, ủy ban nhân dân, chính quyền
`;

export function parseList(list: string): string[] {
  return list
    .split(/[,\n]/)
    .map((w) => w.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
}
