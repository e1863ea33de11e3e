import { Schema, Types, type Connection } from 'mongoose';

/**
 * Open311 GeoReport v2: the keys of third-party clients (only the hash is kept)
 * and what a request brought that a submission has no field for (location,
 * attributes, media), keyed by the submission.
 */
export interface Open311Client {
  _id: Types.ObjectId;
  name: string;
  keyHash: string;
  active: boolean;
  createdAt: Date;
}

export interface Open311Request {
  _id: Types.ObjectId;
  /** The submission it became. */
  submissionId: Types.ObjectId;
  trackingCode: string;
  /** Handed to the client with the id; `tokens/{token}` finds the request. */
  token: string;
  clientId: Types.ObjectId;
  serviceCode: string;
  description: string;
  lat?: number;
  long?: number;
  addressString?: string;
  addressId?: string;
  mediaUrl?: string;
  deviceId?: string;
  accountId?: string;
  attributes: { code: string; value: string }[];
  createdAt: Date;
}

const clientSchema = new Schema<Open311Client>(
  {
    name: { type: String, required: true },
    keyHash: { type: String, required: true, unique: true },
    active: { type: Boolean, default: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: 'throw' },
);

const requestSchema = new Schema<Open311Request>(
  {
    submissionId: { type: Schema.Types.ObjectId, required: true, unique: true },
    trackingCode: { type: String, required: true, unique: true },
    token: { type: String, required: true, unique: true },
    clientId: { type: Schema.Types.ObjectId, required: true },
    serviceCode: { type: String, required: true },
    description: { type: String, required: true },
    lat: Number,
    long: Number,
    addressString: String,
    addressId: String,
    mediaUrl: String,
    deviceId: String,
    accountId: String,
    attributes: {
      type: [new Schema({ code: String, value: String }, { _id: false })],
      default: [],
    },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: 'throw' },
);
requestSchema.index({ createdAt: -1 });

export function open311Models(conn: Connection) {
  return {
    Open311Client: conn.model('Open311Client', clientSchema),
    Open311Request: conn.model('Open311Request', requestSchema),
  };
}
