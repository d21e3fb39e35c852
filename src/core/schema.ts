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
  assessment_results: AssessmentResultRow;
  status_lists: StatusListRow;
  credentials: CredentialRow;
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

export interface AssessmentResultRow {
  id: string;
  learner_id: string;
  micro_credential_version_id: string;
  course_unit_version_id: string | null;
  score: number | null;
  passed: number;
  assessed_at: string;
  recorded_by: string;
  created_at: string;
}

export interface StatusListRow {
  id: string;
  institution_id: string;
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
  status_list_id: string;
  status_index: number;
  status: number;
  status_reason: string | null;
  status_changed_at: string | null;
  issued_at: string;
}
