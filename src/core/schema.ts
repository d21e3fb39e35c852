/**
 * Row types of the database, as the migrations create them. Booleans are stored as 0/1 integers and
 * structured values as JSON text, so that one schema serves SQLite and PostgreSQL alike.
 * Timestamps are ISO-8601 UTC strings.
 */
export interface Database {
  institutions: InstitutionRow;
  api_tokens: ApiTokenRow;
  decree_tuition: DecreeTuitionRow;
  course_units: CourseUnitRow;
  course_unit_versions: CourseUnitVersionRow;
  micro_credentials: MicroCredentialRow;
  micro_credential_versions: MicroCredentialVersionRow;
  micro_credential_course_units: MicroCredentialCourseUnitRow;
  issuer_keys: IssuerKeyRow;
  learners: LearnerRow;
  status_lists: StatusListRow;
  credentials: CredentialRow;
  users: UserRow;
  user_tokens: UserTokenRow;
  sessions: SessionRow;
  throttle_counters: ThrottleCounterRow;
  memberships: MembershipRow;
  invitations: InvitationRow;
  qa_reviews: QaReviewRow;
  tuition_reductions: TuitionReductionRow;
  editions: EditionRow;
  enrolments: EnrolmentRow;
  evaluations: EvaluationRow;
  outbox: OutboxRow;
  audit_log: AuditLogRow;
  installation: InstallationRow;
  credential_shares: CredentialShareRow;
  collections: CollectionRow;
  collection_items: CollectionItemRow;
  imported_credentials: ImportedCredentialRow;
}

export interface InstitutionRow {
  id: string;
  slug: string;
  name_nl: string;
  name_en: string;
  url: string;
  email: string | null;
  street: string | null;
  postal_code: string | null;
  locality: string | null;
  region: string;
  country: string;
  created_at: string;
}

export interface ApiTokenRow {
  id: string;
  institution_id: string;
  label: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  /** JSON array of the institution roles the token acts with. */
  roles: string;
  expires_at: string | null;
  revoked_at: string | null;
  /** Who revoked it, as the audit log names them. */
  revoked_by: string | null;
  /** The account (or token) that created it; null for tokens made on the command line or before 0007. */
  created_by_id: string | null;
  created_by: string | null;
}

export interface DecreeTuitionRow {
  academic_year: string;
  fixed_cents: number;
  per_credit_cents: number;
  source: string;
}

export interface CourseUnitRow {
  id: string;
  institution_id: string;
  code: string;
  created_at: string;
}

export interface CourseUnitVersionRow {
  id: string;
  course_unit_id: string;
  version: number;
  status: string;
  title_nl: string;
  title_en: string | null;
  ects: number;
  vks_level: number;
  learning_outcomes: string;
  qa_internal: number;
  qa_external: number;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

export interface MicroCredentialRow {
  id: string;
  institution_id: string;
  code: string;
  created_at: string;
}

export interface MicroCredentialVersionRow {
  id: string;
  micro_credential_id: string;
  version: number;
  status: string;
  title_nl: string;
  title_en: string | null;
  description_nl: string | null;
  description_en: string | null;
  form: string;
  ects: number;
  vks_level: number;
  learning_outcomes: string;
  assessment_type: string | null;
  participation_form: string | null;
  supervision: string | null;
  prerequisites: string | null;
  language: string;
  qa_type: string | null;
  tuition_cents: number | null;
  partners: string;
  stackability: string | null;
  field_of_study: string | null;
  workload_hours: number | null;
  further_info_url: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  /** A badge image the designer uploaded (a data: URL of SVG or PNG); null: the generated one. */
  badge_image: string | null;
}

export interface MicroCredentialCourseUnitRow {
  id: string;
  version_id: string;
  course_unit_id: string;
  course_unit_version_id: string | null;
  position: number;
}

export interface IssuerKeyRow {
  id: string;
  institution_id: string;
  fragment: string;
  public_key_multibase: string;
  secret_key_encrypted: string;
  created_at: string;
  retired_at: string | null;
}

export interface LearnerRow {
  id: string;
  email: string;
  name: string | null;
  created_at: string;
}

export interface StatusListRow {
  id: string;
  institution_id: string;
  /** `revocation` or `suspension` (one bit per entry), or `message` (the two-bit lists issued before). */
  purpose: string;
  size: number;
  status_size: number;
  credential: string | null;
  created_at: string;
  updated_at: string;
}

export interface CredentialRow {
  id: string;
  credential_url: string;
  institution_id: string;
  learner_id: string;
  kind: string;
  micro_credential_version_id: string;
  course_unit_version_id: string | null;
  award_key: string;
  document: string;
  /** The revocation entry (for credentials issued before one-bit lists: the two-bit message entry). */
  status_list_id: string;
  status_index: number;
  /** The suspension entry, when the credential has one. */
  suspension_list_id: string | null;
  suspension_index: number | null;
  /** The one source of truth for every list: 0 valid, 1 revoked, 2 suspended. */
  status: number;
  status_reason: string | null;
  status_changed_at: string | null;
  issued_at: string;
  enrolment_id: string | null;
}

export interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  email_verified_at: string | null;
  created_at: string;
  /** A new address waiting for its confirmation link; the account keeps `email` until then. */
  pending_email: string | null;
  /** Set when the holder erased the account: name and address are gone, the id stays as a pseudonym. */
  erased_at: string | null;
}

export interface UserTokenRow {
  id: string;
  user_id: string;
  purpose: string;
  token_hash: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface SessionRow {
  id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

/** Attempts counted for one key (a hashed address or e-mail, prefixed by the limit) in one fixed window. */
export interface ThrottleCounterRow {
  key: string;
  window_start: string;
  count: number;
  expires_at: string;
}

export interface MembershipRow {
  id: string;
  user_id: string;
  institution_id: string;
  role: string;
  created_at: string;
}

export interface InvitationRow {
  id: string;
  institution_id: string;
  email: string;
  role: string;
  token_hash: string;
  invited_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
}

export interface QaReviewRow {
  id: string;
  micro_credential_version_id: string;
  submitted_by: string;
  submitted_at: string;
  status: string;
  decided_by: string | null;
  decided_role: string | null;
  decided_at: string | null;
  rationale: string | null;
  checklist: string | null;
}

export interface TuitionReductionRow {
  id: string;
  institution_id: string | null;
  code: string;
  label_nl: string;
  label_en: string;
  percent: number;
  created_at: string;
}

export interface EditionRow {
  id: string;
  institution_id: string;
  micro_credential_version_id: string;
  code: string;
  starts_on: string;
  ends_on: string;
  enrolment_opens_at: string;
  enrolment_closes_at: string;
  capacity: number;
  mode: string;
  language: string;
  location: string | null;
  academic_year: string;
  price_cents: number;
  status: string;
  created_at: string;
}

export interface EnrolmentRow {
  id: string;
  edition_id: string;
  user_id: string;
  status: string;
  waitlist_since: string | null;
  prerequisites_confirmed_at: string | null;
  reduction_id: string | null;
  amount_due_cents: number;
  decided_by: string | null;
  decision_reason: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * One evaluation record: of an enrolment (staff recorded it in an edition), or, for an award from the
 * command line, of a learner and a micro-credential version directly — one or the other, never both.
 */
export interface EvaluationRow {
  id: string;
  enrolment_id: string | null;
  /** Set, with the version, only for a result awarded without an edition. */
  learner_id: string | null;
  micro_credential_version_id: string | null;
  course_unit_version_id: string | null;
  score: number | null;
  passed: number;
  assessed_on: string;
  assessor_id: string;
  assessment_type: string;
  supervision: string;
  supersedes_id: string | null;
  created_at: string;
}

export interface OutboxRow {
  id: string;
  institution_id: string | null;
  recipient: string;
  subject: string;
  body: string;
  created_at: string;
  sent_at: string | null;
  error: string | null;
}

/** The one row holding what an installation keeps across starts (migration 0008). */
export interface InstallationRow {
  /** Always 1. */
  id: number;
  /** The public URL did:web identifiers are derived from; set at first start, changed on purpose only. */
  public_url: string;
  created_at: string;
  updated_at: string;
}

export interface AuditLogRow {
  id: string;
  at: string;
  actor_type: string;
  actor_id: string | null;
  actor_label: string;
  role: string | null;
  institution_id: string | null;
  action: string;
  object_type: string;
  object_id: string;
  before: string | null;
  after: string | null;
}

export interface CredentialShareRow {
  credential_id: string;
  user_id: string;
  shared_at: string;
}

export interface CollectionRow {
  id: string;
  user_id: string;
  public_id: string;
  title: string;
  description: string | null;
  shared: number;
  created_at: string;
  updated_at: string;
}

export interface CollectionItemRow {
  collection_id: string;
  item_kind: 'issued' | 'imported';
  item_id: string;
  position: number;
}

export interface ImportedCredentialRow {
  id: string;
  user_id: string;
  source: 'file' | 'link' | 'image' | 'pdf';
  source_url: string | null;
  document: string;
  credential_id: string | null;
  name: string | null;
  issuer_id: string | null;
  issuer_name: string | null;
  valid_from: string | null;
  identity: 'match' | 'mismatch' | 'absent';
  verification: string;
  verified: number;
  checked_at: string;
  imported_at: string;
}
