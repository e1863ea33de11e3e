/**
 * The steps of an item the resident hears about as they happen (history actions),
 * in both languages; the SMS words are unaccented (GSM-7).
 */
export interface Milestone {
  what: { vi: string; en: string };
  sms: string;
  /** A routing step: told with the agency and due date (the first one is the receipt). */
  route?: 'assigned' | 'rerouted' | 'triage';
  receipt: boolean;
}

const step = (vi: string, en: string, sms: string): Milestone => ({
  what: { vi, en },
  sms,
  receipt: false,
});
const route = (r: Milestone['route'], receipt: boolean): Milestone => ({
  what: { vi: '', en: '' },
  sms: '',
  route: r,
  receipt,
});

export const MILESTONES: Record<string, Milestone> = {
  'routing.assigned': route('assigned', true),
  'routing.unresolved': route('triage', true),
  'triage.assigned': route('assigned', false),
  'triage.rerouted': route('rerouted', false),
  'agency.acknowledged': step(
    'Cơ quan có thẩm quyền đã nhận kiến nghị',
    'The agency acknowledged receipt',
    'Co quan da nhan kien nghi',
  ),
  'agency.progress': step(
    'Cơ quan cho biết tiến độ giải quyết',
    'The agency reported progress',
    'Co quan bao tien do giai quyet kien nghi',
  ),
  'agency.awaiting-resident': step(
    'Cơ quan đề nghị ông/bà bổ sung thông tin',
    'The agency needs more information from you',
    'Co quan de nghi ong/ba bo sung thong tin cho kien nghi',
  ),
  'agency.declined': step(
    'Cơ quan cho rằng không thuộc thẩm quyền; Mặt trận đang chuyển cơ quan khác',
    'The agency says it is not competent; the Front is finding the right one',
    'Co quan bao khong thuoc tham quyen; Mat tran dang chuyen co quan khac, kien nghi',
  ),
  'resident.reopened': step(
    'Kiến nghị được mở lại để xem xét',
    'Your petition was reopened',
    'Kien nghi duoc mo lai de xem xet:',
  ),
  'resident.closed': step(
    'Kiến nghị đã kết thúc',
    'Your petition is closed',
    'Da ket thuc kien nghi',
  ),
};

export function milestone(action: string): Milestone | undefined {
  return MILESTONES[action];
}

export function milestoneKnown(action: string): boolean {
  return action in MILESTONES;
}
