/** The public entry of src/notifications/: what other features may use of it. */
export { sendAgencyUpdate } from './agency-update';
export { sendCooperationNotice } from './cooperation';
export { DeliveryInProgress, deliverOnce } from './deliver';
export {
  residentChannel,
  sendResidentAnswered,
  sendResidentNotice,
  sendResidentReceipt,
  sendResidentUpdate,
} from './resident';
export { sendAgencyNotice } from './service';
