/**
 * The one schema of Waymark, for SQLite and PostgreSQL alike (DESIGN.md: one Kysely codebase
 * for both databases). Times are ISO-8601 text in the stored form of domain/time.ts, so they
 * sort as text on both engines; booleans are 0/1 integers; JSON is text.
 */
import type { ColumnType, Generated } from 'kysely';

export interface AgencyTable { id: string; name: string; country: string }

export interface PersonTable {
  id: string;
  name: string;
  agency_id: string;
  clearance: string;
  /** JSON array of compartment names. */
  compartments: string;
  active: number;
  active_from: string | null;
  active_to: string | null;
}

export interface ProductTable {
  id: string;
  title: string;
  marking: string;
  originator: string;
  created_at: string;
  /** Hex salt of the text commitments written to the ledger (never the text itself). */
  salt: string;
}

export interface ProductVersionTable {
  product_id: string;
  version: number;
  marking: string;
  label: string;
  /** Sealed (app/sealed-texts.ts): `wm1:…`, or `wm0:` plaintext an earlier version stored, until sealed. */
  body: string;
}

export interface CopyTable {
  id: string;
  product_id: string;
  version: number;
  recipient_id: string;
  parent_copy_id: string | null;
  serial: number;
  issued_at: string;
  channel: string;
  /** Secret fingerprint material (JSON), when the copy carries one. */
  codeword: string | null;
}

export interface EventTable {
  /** The event's ledger index. */
  id: number;
  copy_id: string;
  product_id: string;
  actor_id: string;
  action: string;
  at: string;
  target_copy_id: string | null;
  detail: string | null;
  source: string;
  source_record_id: string | null;
  /** 1 when the actor is the copy's recipient, else 0 (0013): derived, not in the ledger leaf. */
  actor_is_holder: number;
}

export interface RefusalTable {
  /** The refusal's ledger index. */
  id: number;
  product_id: string;
  person_id: string;
  at: string;
  /** JSON array of the policy's reasons. */
  reasons: string;
}

export interface LedgerEntryTable {
  idx: number;
  kind: string;
  /** The key of the record the entry logs, e.g. `event:42`, `copy:IA-1.c3`. */
  ref: string;
  /** RFC 8785 canonical JSON of the entry: the leaf bytes are its UTF-8. */
  body: string;
  leaf_hash: Buffer;
}

export interface LedgerHeadTable {
  id: number;
  size: number;
  /** 0002-ledger-tree: the frontier's hashes (rootPlan(size) order), 32 bytes each. */
  frontier: ColumnType<Buffer | null, Buffer | null | undefined, Buffer | null>;
  /** 0014: raised by every unit that writes registry records; caches of them are valid for one value (app/registry-cache.ts). */
  registry_generation: ColumnType<number, number | undefined, number>;
}

/** 0002-ledger-tree: a stored hash at a tile level (8, 16, …) of the ledger's tree. */
export interface LedgerTreeTable { level: number; idx: number; hash: Buffer }

/** 0002-ledger-tree: a checkpoint the log signed (C2SP tlog-checkpoint signed note). */
export interface LedgerCheckpointTable { size: number; root: Buffer; note: string; signed_at: string }

/** 0002-ledger-tree: a witness's cosignature/v1 line for a signed checkpoint. */
export interface LedgerCosignatureTable { size: number; witness: string; line: string; cosigned_at: number }

export interface MetaTable { key: string; value: string }

export interface CaseTable {
  /** `C-0001` */
  id: string;
  opened_at: string;
  opened_by: string;
  published: string;
  status: string;
  leak_sha256: string;
  /** Sealed, like product bodies (app/sealed-texts.ts). */
  leak_text: string;
  /** The investigation result as CONTRACT.md's JSON. */
  result: string;
  /** Hex salt of the commitments to the case's notes and bulletins ('' on cases opened before it existed). */
  salt: ColumnType<string, string | undefined, string>;
}

/** `slots` and `code` are sealed (app/fingerprinting.ts). */
export interface FingerprintCodeTable { product_id: string; version: number; slots: string; code: string }

/** Note and bulletin `text` is sealed (app/sealed-texts.ts). */
export interface CaseNoteTable { id: number; case_id: string; author: string; at: string; text: string }
export interface BulletinTable { id: number; case_id: string; marking: string; author: string; at: string; text: string }
export interface BulletinAckTable { bulletin_id: number; person_id: string; at: string; ledger_idx: number }

/** A person who signs in to the API or web UI (0003-accounts). */
export interface UserTable {
  id: string;
  username: string;
  /** argon2id PHC string; null for accounts that sign in only through OpenID Connect. */
  password_hash: string | null;
  /** JSON array of role names. */
  roles: string;
  /** Liaisons: the agency whose copies they may report on. */
  agency_id: string | null;
  /** The registry person whose clearance bounds what this user may read. */
  person_id: string | null;
  /** TOTP secret, sealed with app/crypto (never plaintext). */
  totp_secret: string | null;
  /** The last TOTP time step accepted, so a code is never accepted twice. */
  totp_last_step: number | null;
  failed_attempts: ColumnType<number, number | undefined, number>;
  locked_until: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  created_at: string;
}

export interface SessionTable {
  /** SHA-256 of the session id, hex: the id itself is only ever in the user's cookie. */
  id_hash: string;
  user_id: string;
  /** `totp` while the second factor is awaited, then `active`. */
  stage: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  /** SHA-256 of the token, hex. */
  token_hash: string;
  /** JSON array of the roles the token carries (a subset of its user's). */
  roles: string;
  created_at: string;
  revoked_at: string | null;
}

export interface ReadTable {
  /** The read's ledger index. */
  id: number;
  user_id: string;
  what: string;
  ref: string;
  at: string;
}

/** 0005-audit-import: an account in an agency's audit log (normalised: trimmed, lower case) → a person. */
export interface PrincipalTable { principal: string; person_id: string; ledger_idx: number }

/** 0005-audit-import: a system named in an audit log (site URL, Drive customer, bucket, computer) → its agency. */
export interface SiteTable { site: string; agency_id: string; ledger_idx: number }

/** 0005-audit-import: an audit-log record that did not map to an event; id is its ledger index. */
export interface QuarantineTable {
  id: number;
  source: string;
  source_record_id: string;
  raw_sha256: string;
  reason: string;
  message: string;
  /** The normalised record (ExternalRecord) as JSON: what `quarantine remap` retries. */
  record: string;
  /** The record's text as it stood in the uploaded file. */
  raw: string;
  file: string;
  line: number;
  quarantined_at: string;
  /** The event it became on a later remap; null while it waits. */
  resolved_event_id: number | null;
}

export interface Database {
  agencies: AgencyTable;
  people: PersonTable;
  products: ProductTable;
  product_versions: ProductVersionTable;
  copies: CopyTable;
  events: EventTable;
  refusals: RefusalTable;
  ledger_entries: LedgerEntryTable;
  ledger_head: LedgerHeadTable;
  ledger_tree: LedgerTreeTable;
  ledger_checkpoints: LedgerCheckpointTable;
  ledger_cosignatures: LedgerCosignatureTable;
  meta: MetaTable;
  cases: CaseTable;
  fingerprint_codes: FingerprintCodeTable;
  case_notes: CaseNoteTable;
  bulletins: BulletinTable;
  bulletin_acks: BulletinAckTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  reads: ReadTable;
  principals: PrincipalTable;
  sites: SiteTable;
  quarantine: QuarantineTable;
}

export type { ColumnType, Generated };
