import { Schema, Types, type Connection } from 'mongoose';

/**
 * The voter-petition cycle (kiến nghị cử tri): a session of the National Assembly
 * or of a People's Council; the voter-contact meetings held before and after it;
 * what voters raised there (one item per row entered or imported); the
 * consolidated petitions compiled from those items and forwarded to agencies.
 */

export const BODIES = ['national-assembly', 'peoples-council'] as const;
export type Body = (typeof BODIES)[number];
export const PHASES = ['before', 'after'] as const;
export type Phase = (typeof PHASES)[number];
/** Who must settle a petition (phân loại theo thẩm quyền). */
export const COMPETENCES = ['central', 'province', 'commune'] as const;
export type Competence = (typeof COMPETENCES)[number];
/** The Front's judgement of an agency's answer. */
export const VERDICTS = ['resolved', 'in_progress', 'pending'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface VoterSession {
  _id: Types.ObjectId;
  body: Body;
  /** The node whose council (or whose NA delegation) holds or attends the session. */
  jurisdictionCode: string;
  jurisdictionPath: string[];
  /** Kỳ họp thứ … */
  number: number;
  /** Khóa (term), e.g. "XVI"; optional. */
  term?: string;
  opensOn: Date;
  closesOn: Date;
  createdAt: Date;
}

export interface VoterMeeting {
  _id: Types.ObjectId;
  sessionId: Types.ObjectId;
  phase: Phase;
  date: Date;
  place: string;
  jurisdictionCode: string;
  jurisdictionPath: string[];
  deputies: string[];
  attendees: number;
  /** The minutes (biên bản), a PDF checked like an answer's attachments. */
  minutes?: { name: string; size: number; sha256: string; data: Buffer };
  createdAt: Date;
}

/** One petition raised at a meeting (or taken by phone), as entered. */
export interface VoterItem {
  _id: Types.ObjectId;
  sessionId: Types.ObjectId;
  meetingId: Types.ObjectId;
  /** Same meeting, same commune, same text: the same row. Unique, so re-imports add nothing. */
  rowKey: string;
  text: string;
  searchKey: string;
  categoryCode: string;
  competence: Competence;
  /** The commune (or ward) the voters spoke for. */
  communeCode: string;
  voterCount: number;
  voterName?: string;
  via: 'form' | 'xlsx' | 'api';
  petitionId?: Types.ObjectId;
  createdAt: Date;
}

export interface PetitionSource {
  meetingId: Types.ObjectId;
  communeCode: string;
  voterCount: number;
  itemIds: Types.ObjectId[];
}

/** A consolidated petition (kiến nghị tổng hợp) of a session. */
export interface VoterPetition {
  _id: Types.ObjectId;
  sessionId: Types.ObjectId;
  /** Số thứ tự within the session's compiled report. */
  seq: number;
  text: string;
  categoryCode: string;
  competence: Competence;
  sources: PetitionSource[];
  voterCount: number;
  /** The submission it became when forwarded (its assignment, reply link and answer). */
  submissionId?: Types.ObjectId;
  agencyCode?: string;
  forwardedAt?: Date;
  verdict?: { value: Verdict; note?: string; at: Date; by: string };
  createdAt: Date;
}

const sessionSchema = new Schema<VoterSession>(
  {
    body: { type: String, enum: BODIES, required: true },
    jurisdictionCode: { type: String, required: true },
    jurisdictionPath: { type: [String], required: true },
    number: { type: Number, required: true },
    term: String,
    opensOn: { type: Date, required: true },
    closesOn: { type: Date, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: 'throw' },
);
sessionSchema.index({ jurisdictionPath: 1, opensOn: -1 });

const meetingSchema = new Schema<VoterMeeting>(
  {
    sessionId: { type: Schema.Types.ObjectId, required: true },
    phase: { type: String, enum: PHASES, required: true },
    date: { type: Date, required: true },
    place: { type: String, required: true },
    jurisdictionCode: { type: String, required: true },
    jurisdictionPath: { type: [String], required: true },
    deputies: { type: [String], default: [] },
    attendees: { type: Number, required: true },
    minutes: {
      type: new Schema(
        { name: String, size: Number, sha256: String, data: Buffer },
        { _id: false },
      ),
      default: undefined,
    },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: 'throw' },
);
meetingSchema.index({ sessionId: 1, date: 1 });

const itemSchema = new Schema<VoterItem>(
  {
    sessionId: { type: Schema.Types.ObjectId, required: true },
    meetingId: { type: Schema.Types.ObjectId, required: true },
    rowKey: { type: String, required: true, unique: true },
    text: { type: String, required: true },
    searchKey: { type: String, required: true },
    categoryCode: { type: String, required: true },
    competence: { type: String, enum: COMPETENCES, required: true },
    communeCode: { type: String, required: true },
    voterCount: { type: Number, required: true },
    voterName: String,
    via: { type: String, enum: ['form', 'xlsx', 'api'], required: true },
    petitionId: Schema.Types.ObjectId,
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: 'throw' },
);
itemSchema.index({ sessionId: 1, meetingId: 1 });

const sourceSchema = new Schema<PetitionSource>(
  {
    meetingId: { type: Schema.Types.ObjectId, required: true },
    communeCode: { type: String, required: true },
    voterCount: { type: Number, required: true },
    itemIds: { type: [Schema.Types.ObjectId], default: [] },
  },
  { _id: false },
);

const petitionSchema = new Schema<VoterPetition>(
  {
    sessionId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    text: { type: String, required: true },
    categoryCode: { type: String, required: true },
    competence: { type: String, enum: COMPETENCES, required: true },
    sources: { type: [sourceSchema], default: [] },
    voterCount: { type: Number, required: true },
    submissionId: Schema.Types.ObjectId,
    agencyCode: String,
    forwardedAt: Date,
    verdict: {
      type: new Schema(
        { value: { type: String, enum: VERDICTS }, note: String, at: Date, by: String },
        { _id: false },
      ),
      default: undefined,
    },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: 'throw' },
);
petitionSchema.index({ sessionId: 1, seq: 1 }, { unique: true });
petitionSchema.index({ 'sources.communeCode': 1 });

export function voterCycleModels(conn: Connection) {
  return {
    VoterSession: conn.model('VoterSession', sessionSchema),
    VoterMeeting: conn.model('VoterMeeting', meetingSchema),
    VoterItem: conn.model('VoterItem', itemSchema),
    VoterPetition: conn.model('VoterPetition', petitionSchema),
  };
}

export const newId = () => new Types.ObjectId();
