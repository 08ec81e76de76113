import type { Generated, Insertable, Selectable } from 'kysely';

// Table types as the application sees them (CamelCasePlugin maps to snake_case columns).
// Instants are epoch milliseconds (number) on both dialects; booleans are 0/1 integers.

export interface OrgsTable {
  id: string;
  name: string;
  timeZone: string;
  currency: string;
  createdAt: number;
  updatedAt: number;
  version: Generated<number>;
}

export interface DepartmentsTable {
  id: string;
  orgId: string;
  parentId: string | null;
  name: string;
  sortOrder: Generated<number>;
  managerId: string | null;
  createdAt: number;
  updatedAt: number;
  version: Generated<number>;
}

// Closure table of the department tree: one row per (ancestor, descendant), depth 0 for self.
export interface DepartmentClosureTable {
  orgId: string;
  ancestorId: string;
  descendantId: string;
  depth: number;
}

export interface UsersTable {
  id: string;
  orgId: string;
  name: string;
  email: string;
  mobile: string | null;
  title: string | null;
  departmentId: string;
  passwordHash: string | null;
  active: Generated<number>;
  /** May receive leads by automatic assignment. */
  leadEligible: Generated<number>;
  locale: Generated<string>;
  lastLoginAt: number | null;
  createdAt: number;
  updatedAt: number;
  version: Generated<number>;
}

export interface RolesTable {
  id: string;
  orgId: string;
  key: string;
  name: string;
  description: string | null;
  builtin: Generated<number>;
  permissions: string; // JSON: { [object]: { actions: string[], scope } }
  maskedFields: string; // JSON: string[]
  createdAt: number;
  updatedAt: number;
  version: Generated<number>;
}

export interface UserRolesTable {
  orgId: string;
  userId: string;
  roleId: string;
}

export interface SessionsTable {
  id: string; // sha256 of the cookie token; the token itself is never stored
  orgId: string;
  userId: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
  idleExpiresAt: number;
  ip: string | null;
  userAgent: string | null;
}

export interface LoginAttemptsTable {
  id: string;
  loginKey: string;
  ip: string;
  succeeded: number;
  at: number;
}

export interface ApiKeysTable {
  id: string;
  orgId: string;
  userId: string;
  name: string;
  prefix: string;
  secretHash: string;
  scopes: string | null; // JSON string[] of "object:action"; null = all of the user's rights
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface InviteTokensTable {
  id: string; // sha256 of the token
  orgId: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

export interface AuditLogTable {
  id: string;
  orgId: string;
  actorId: string | null;
  object: string;
  recordId: string;
  action: string;
  before: string | null;
  after: string | null;
  at: number;
  requestId: string | null;
}

export interface EventsTable {
  id: string;
  orgId: string;
  type: string;
  object: string;
  recordId: string;
  actorId: string | null;
  payload: string;
  occurredAt: number;
  dispatchedAt: number | null;
}

export interface JobsTable {
  id: string;
  orgId: string | null;
  type: string;
  payload: string;
  runAt: number;
  status: string; // queued | running | done | dead
  attempts: Generated<number>;
  maxAttempts: Generated<number>;
  lockedBy: string | null;
  lockedUntil: number | null;
  lastError: string | null;
  uniqueKey: string | null;
  createdAt: number;
  finishedAt: number | null;
}

export interface NotificationsTable {
  id: string;
  orgId: string;
  userId: string;
  kind: string;
  params: string; // JSON, rendered by the client in the user's language
  link: string | null;
  eventId: string | null;
  createdAt: number;
  readAt: number | null;
}

export interface IdempotencyKeysTable {
  orgId: string;
  userId: string;
  key: string;
  requestHash: string;
  statusCode: number | null;
  response: string | null;
  createdAt: number;
}

export interface CustomersTable {
  id: string;
  orgId: string;
  name: string;
  shortName: string | null;
  nameKey: string;
  namePinyin: string;
  nameInitials: string;
  level: string | null;
  industry: string | null;
  province: string | null;
  city: string | null;
  address: string | null;
  /** Where it is (WGS-84 degrees), when known. */
  lat: Generated<number | null>;
  lng: Generated<number | null>;
  phone: string | null;
  phoneE164: string | null;
  email: string | null;
  website: string | null;
  source: string | null;
  tags: string; // JSON string[]
  ownerId: string | null; // null: in the pool (公海)
  poolId: string | null; // the pool it sits in (owner null) or returns to
  ownedSince: number | null; // when the current owner got it (recycle rules count from here)
  mergedIntoId: Generated<string | null>; // set when merged into another customer (then deleted)
  status: string;
  locked: Generated<number>;
  custom: string; // JSON, validated against the custom field definitions
  lastFollowUpAt: number | null;
  nextFollowUpAt: Generated<number | null>;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
  version: Generated<number>;
  deletedAt: number | null;
}

export interface ContactsTable {
  id: string;
  orgId: string;
  customerId: string;
  name: string;
  namePinyin: string;
  nameInitials: string;
  title: string | null;
  role: string | null; // decision_maker | influencer | user | other
  mobile: string | null;
  mobileE164: string | null;
  phone: string | null;
  phoneE164: string | null;
  email: string | null;
  wechat: string | null;
  birthday: string | null; // YYYY-MM-DD
  notes: string | null;
  custom: Generated<string>; // JSON, validated against the custom field definitions
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
  version: Generated<number>;
  deletedAt: number | null;
}

/** 线索: a person and company that showed interest, before they are a customer. */
export interface LeadsTable {
  id: string;
  orgId: string;
  name: string;
  namePinyin: string;
  nameInitials: string;
  company: string | null;
  companyKey: string | null;
  title: string | null;
  phone: string | null;
  phoneE164: string | null;
  email: string | null;
  wechat: string | null;
  province: string | null;
  city: string | null;
  industry: string | null;
  source: string | null;
  channel: string; // manual | import | web_form | api
  channelDetail: string; // JSON: utm parameters, form, referrer, source of an inbound call
  inquiry: string | null;
  status: string; // new | working | qualified | converted | disqualified
  disqualifyReason: string | null;
  ownerId: string | null;
  ownedSince: number | null;
  poolId: string | null;
  lastFollowUpAt: number | null;
  score: Generated<number>;
  scoreDetail: Generated<string>; // JSON [{ ruleId, label, points }]
  learnedScore: number | null;
  learnedDetail: string | null; // JSON [{ feature, weight }]
  assignment: string | null; // JSON: how it got its owner (rule, candidates, why)
  assignedAt: number | null;
  slaDueAt: number | null;
  slaState: string | null; // null (running) | reminded | escalated | met
  firstFollowUpAt: number | null;
  nextFollowUpAt: number | null;
  convertedCustomerId: string | null;
  convertedContactId: string | null;
  convertedAt: number | null;
  convertedOpportunityId: Generated<string | null>;
  duplicateOf: string | null; // JSON matches, when intake flagged it as a duplicate
  custom: string; // JSON, validated against the custom field definitions
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
  version: Generated<number>;
  deletedAt: number | null;
}

/** 线索评分规则: points when a condition on one lead field holds. */
export interface LeadScoreRulesTable {
  id: string;
  orgId: string;
  position: number;
  label: string;
  field: string;
  op: string; // present | in | contains_any | gte | lte
  values: string; // JSON
  points: number;
  active: Generated<number>;
  createdAt: number;
  updatedAt: number;
  version: Generated<number>;
}

/** 线索分配规则: conditions → users, a department or a pool, with a method. */
export interface LeadAssignmentRulesTable {
  id: string;
  orgId: string;
  position: number;
  name: string;
  conditions: string; // JSON [{ field, op, values }]
  targetType: string; // users | department | pool
  targetIds: string; // JSON string[]
  method: string; // round_robin | least_open | weighted
  weights: string; // JSON { userId: weight }
  dailyCap: number | null;
  lastUserId: string | null;
  onExpiry: Generated<string>; // none | reassign | pool
  active: Generated<number>;
  createdAt: number;
  updatedAt: number;
  version: Generated<number>;
}

/** 线索设置 of an org (a row once an admin saved them; the shipped defaults otherwise). */
export interface LeadSettingsTable {
  orgId: string;
  firstResponseHours: number;
  remindBeforeHours: number;
  cadenceDays: string; // JSON { new?, working?, qualified? }
  disqualifyReasons: string; // JSON string[]
  updatedAt: number;
  version: Generated<number>;
}

/** 跟进记录: one follow-up of a lead (later: customer, deal). */
export interface FollowUpsTable {
  id: string;
  orgId: string;
  object: string;
  recordId: string;
  method: string;
  content: string;
  nextAt: number | null;
  durationMinutes: Generated<number | null>;
  needs: Generated<string | null>;
  nextStep: Generated<string | null>;
  contactIds: Generated<string | null>; // JSON string[]
  checkIn: Generated<string | null>; // JSON CheckIn
  createdBy: string | null;
  createdAt: number;
  deletedAt: number | null;
  /** On a deal: when the deal next entered a stage other than 输单 after it (modules/follow-ups/advances.ts). */
  advancedAt: Generated<number | null>;
}

/** 跟进设置 of an org (absent: the shipped defaults). */
export interface FollowUpSettingsTable {
  orgId: string;
  nextRequired: number;
  workStart: string;
  workEnd: string;
  workDays: string;
  dailyReminder: number;
  updatedAt: number;
  version: Generated<number>;
}

/** 点评: a comment on a follow-up (coaching from the log). */
export interface FollowUpCommentsTable {
  id: string;
  orgId: string;
  followUpId: string;
  body: string;
  mentions: string; // JSON string[] of user ids
  createdBy: string;
  createdAt: number;
  deletedAt: number | null;
}

/** 线索来源: a public web form or an inbound API of an org. */
export interface LeadSourcesTable {
  id: string;
  orgId: string;
  kind: string; // web_form | api
  name: string;
  publicKey: string;
  secretHash: string | null;
  source: string | null;
  campaign: string | null;
  onDuplicate: string; // flag | merge
  fields: string; // JSON [{ key, required }]
  allowedOrigins: string; // JSON string[]
  thankYou: string | null;
  spamCount: Generated<number>;
  active: Generated<number>;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
  version: Generated<number>;
  deletedAt: number | null;
}

export interface LeadIntakeKeysTable {
  orgId: string;
  sourceId: string;
  deliveryKey: string;
  leadId: string;
  outcome: string;
  createdAt: number;
}

/** An org's learned lead-scoring model. */
export interface LeadModelsTable {
  orgId: string;
  enabled: Generated<number>;
  trainedAt: number;
  samples: number;
  converted: number;
  auc: number | null;
  model: string; // JSON Model
  version: Generated<number>;
}

/** 自定义字段: one field an admin defined for an object; values live in the object's `custom` JSON. */
export interface CustomFieldDefsTable {
  id: string;
  orgId: string;
  object: string;
  key: string;
  labelZh: string;
  labelEn: string;
  type: string;
  options: string; // JSON: { choices?: [{ key, labelZh, labelEn }], min?, max?, precision? }
  required: Generated<number>;
  position: Generated<number>;
  active: Generated<number>;
  helpZh: string | null;
  helpEn: string | null;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
  version: Generated<number>;
}

/** company_prefix: the first two characters of the company key, to find near-duplicate names. */
export type DedupKind = 'phone' | 'email' | 'company' | 'company_prefix';

export interface DedupKeysTable {
  orgId: string;
  kind: DedupKind;
  key: string;
  object: string;
  recordId: string;
}

/** A record's search document: the tokens of search-tokens.ts, indexed by FTS5 (SQLite) or GIN (PostgreSQL). */
export interface SearchDocsTable {
  orgId: string;
  object: string;
  recordId: string;
  tokens: string; // space-separated
}

/** 联合跟进人: read or read-write access to one record for a user who does not own it. */
export interface RecordSharesTable {
  orgId: string;
  object: string;
  recordId: string;
  userId: string;
  level: 'read' | 'write';
  createdBy: string | null;
  createdAt: number;
}

export interface PoolsTable {
  id: string;
  orgId: string;
  object: string;
  name: string;
  description: string | null;
  isDefault: Generated<number>;
  dailyClaimLimit: number | null;
  ownershipCap: number | null;
  reclaimCooldownDays: Generated<number>;
  limitOverrides: string; // JSON LimitOverride[]
  createdAt: number;
  updatedAt: number;
  version: Generated<number>;
  deletedAt: number | null;
}

export interface PoolMembersTable {
  orgId: string;
  poolId: string;
  memberType: 'user' | 'department';
  memberId: string;
  role: 'member' | 'admin';
}

export interface RecycleRulesTable {
  id: string;
  orgId: string;
  poolId: string;
  name: string;
  levels: string; // JSON string[]; [] = every level
  noFollowUpDays: number | null;
  notWonDays: number | null;
  noDealDays: Generated<number | null>;
  warnDays: Generated<number>;
  exemptLocked: Generated<number>;
  exemptWon: Generated<number>;
  enabled: Generated<number>;
  createdAt: number;
  updatedAt: number;
  version: Generated<number>;
  deletedAt: number | null;
}

export interface OwnershipHistoryTable {
  id: string;
  orgId: string;
  object: string;
  recordId: string;
  kind: 'create' | 'claim' | 'release' | 'recycle' | 'transfer' | 'handover' | 'merge' | 'assign';
  fromOwnerId: string | null;
  toOwnerId: string | null;
  poolId: string | null;
  reason: string | null;
  actorId: string | null;
  at: number;
}

/** 附件: a file on a record (object + recordId); the bytes live in the file storage under storageKey. */
export interface AttachmentsTable {
  id: string;
  orgId: string;
  object: string;
  recordId: string;
  kind: string | null; // what a stage gate may ask for, e.g. requirements_signed
  followUpId: Generated<string | null>; // the follow-up it came with (a visit's photos)
  fileName: string; // the uploader's file name, for display only (never part of a path)
  contentType: string;
  size: number;
  sha256: string;
  storageKey: string;
  createdBy: string | null;
  createdAt: number;
  deletedAt: number | null;
}

/** 导入: one uploaded file going through mapping, dry run and run (see modules/imports). */
export interface ImportsTable {
  id: string;
  orgId: string;
  object: string;
  createdBy: string;
  fileName: string; // the user's file name, for display only
  options: Generated<string>; // JSON { source?, campaign? } stamped on every record
  fileKey: string | null; // storage key; removed when the import is finished
  fileSize: number;
  format: string; // xlsx | csv
  encoding: string | null;
  headerRow: number;
  headers: string; // JSON string[]
  sample: string; // JSON string[][]
  merges: Generated<string>; // JSON merged ranges
  mapping: string | null; // JSON { [column index]: field key }
  policy: string | null; // skip | merge | create
  importSimilar: Generated<number>;
  status: string; // uploaded | checking | checked | running | done | cancelled | failed
  totalRows: number;
  checkedRows: Generated<number>;
  doneRow: Generated<number>; // checkpoint: last file row whose outcome is committed
  processedRows: Generated<number>;
  summary: string | null; // JSON
  result: Generated<string>; // JSON
  error: string | null;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
  version: Generated<number>;
}

export interface ImportIssuesTable {
  id: string;
  orgId: string;
  importId: string;
  phase: string; // check | run
  rowNo: number;
  kind: string; // error | file_duplicate | db_duplicate | similar | skipped
  field: string | null;
  code: string;
  params: string; // JSON
  cells: string; // JSON string[]
}

export interface ImportKeysTable {
  orgId: string;
  importId: string;
  kind: string;
  key: string;
  rowNo: number;
}

/** An admin merge of customers into one survivor, with what undoing it needs. */
export interface CustomerMergesTable {
  id: string;
  orgId: string;
  survivorId: string;
  mergedIds: string; // JSON string[]
  snapshot: string; // JSON MergeSnapshot
  reason: string;
  actorId: string | null;
  at: number;
  undoneAt: number | null;
  undoneBy: string | null;
}

/** 我的视图: a saved list state (filters, sort, columns) of one object, private or shared with the org. */
export interface SavedViewsTable {
  id: string;
  orgId: string;
  userId: string;
  object: string;
  name: string;
  state: string; // JSON { filters, sort?, columns? }
  shared: Generated<number>;
  createdAt: number;
  updatedAt: number;
  version: Generated<number>;
}

export interface PipelinesTable {
  id: string;
  orgId: string;
  name: string;
  description: string | null;
  isDefault: Generated<number>;
  position: number;
  createdAt: number;
  updatedAt: number;
  version: Generated<number>;
  deletedAt: number | null;
}

export interface PipelineStagesTable {
  id: string;
  orgId: string;
  pipelineId: string;
  position: number;
  name: string;
  probability: number;
  category: string; // pipeline | best_case | commit | closed_won | closed_lost
  cadenceDays: number | null;
  stalledDays: number | null;
  gates: string; // JSON StageGates
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

export interface OpportunitiesTable {
  id: string;
  orgId: string;
  name: string;
  customerId: string;
  pipelineId: string;
  stageId: string;
  status: string; // open | won | lost
  amount: number; // minor units (分)
  currency: string;
  expectedCloseDate: string | null; // YYYY-MM-DD
  ownerId: string;
  source: string | null;
  leadId: string | null;
  /** The deal's id in the system it was imported from. */
  externalId: string | null;
  products: string | null;
  competitors: string | null;
  lostReason: string | null;
  stageEnteredAt: number;
  checklist: string; // JSON { [stageId]: string[] }
  closedAt: number | null;
  lastFollowUpAt: number | null;
  nextFollowUpAt: number | null;
  custom: string;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
  version: Generated<number>;
  deletedAt: number | null;
}

export interface OpportunityContactsTable {
  orgId: string;
  opportunityId: string;
  contactId: string;
  position: number;
}

export interface OpportunityStageHistoryTable {
  id: string;
  orgId: string;
  opportunityId: string;
  stageId: string;
  enteredAt: number;
  enteredBy: string | null;
  leftAt: number | null;
  leftBy: string | null;
  /** The stage the deal went to when the stay ended. */
  nextStageId: string | null;
}

export interface ApprovalDefinitionsTable {
  id: string;
  orgId: string;
  name: string;
  object: string;
  trigger: string; // JSON ApprovalTrigger
  conditions: string; // JSON Condition[]
  steps: string; // JSON StepDefinition[]
  /** 抄送: JSON Approvers[] told of the outcome. */
  cc: Generated<string>;
  noApprover: string; // auto_pass | admin
  resubmitFrom: string; // start | rejected_step
  allowSelf: Generated<number>;
  active: Generated<number>;
  position: number;
  createdAt: number;
  updatedAt: number;
  version: Generated<number>;
  deletedAt: number | null;
}

export interface ApprovalInstancesTable {
  id: string;
  orgId: string;
  definitionId: string;
  name: string;
  object: string;
  recordId: string;
  recordName: string;
  change: string; // JSON: the guarded change
  summary: string;
  steps: string; // JSON ResolvedStep[]
  /** 抄送: JSON user ids, resolved at submission. */
  ccIds: Generated<string>;
  status: string; // pending | approved | rejected | withdrawn
  currentStep: number;
  round: Generated<number>;
  submittedBy: string;
  submittedAt: number;
  decidedAt: number | null;
  version: Generated<number>;
}

export interface ApprovalActionsTable {
  id: string;
  orgId: string;
  instanceId: string;
  round: number;
  step: number;
  actorId: string | null;
  action: string; // submit | approve | reject | withdraw | resubmit | auto_pass
  comment: string | null;
  at: number;
  /** The approver a delegate decided for (委托). */
  onBehalfOf: Generated<string | null>;
}

/** 委托: while `userId` is away, `delegateId` decides their approvals for them. */
export interface TargetsTable {
  id: string;
  orgId: string;
  metric: string;
  period: string;
  nodeType: 'department' | 'user';
  nodeId: string;
  value: number;
  version: number;
  createdAt: number;
  updatedAt: number;
  updatedBy: string;
}

export interface ForecastAdjustmentsTable {
  id: string;
  orgId: string;
  userId: string;
  period: string;
  amount: number | null;
  note: string;
  createdBy: string;
  createdAt: number;
}

export interface DashboardsTable {
  id: string;
  orgId: string;
  ownerId: string | null;
  builtinKey: string | null;
  name: string | null;
  widgets: string;
  filters: string;
  sharedRoles: string;
  defaultFor: string;
  createdAt: number;
  updatedAt: number;
  updatedBy: string | null;
  version: number;
  deletedAt: number | null;
}

export interface ScorecardsTable {
  id: string;
  orgId: string;
  name: string;
  subject: 'rep' | 'team';
  granularity: 'month' | 'quarter' | 'year';
  departmentId: string;
  roleKeys: string;
  weights: string;
  items: string;
  version: number;
  createdAt: number;
  updatedAt: number;
  updatedBy: string;
  deletedAt: number | null;
}

export interface TargetChangesTable {
  id: string;
  orgId: string;
  targetId: string;
  before: number | null;
  after: number | null;
  method: 'manual' | 'even' | 'seasonal' | 'weights';
  reason: string | null;
  actorId: string;
  at: number;
}

export interface ApprovalDelegationsTable {
  id: string;
  orgId: string;
  userId: string;
  delegateId: string;
  startsAt: number;
  endsAt: number;
  reason: string | null;
  createdAt: number;
  revokedAt: number | null;
}

export interface ApprovalTasksTable {
  id: string;
  orgId: string;
  instanceId: string;
  round: number;
  step: number;
  userId: string;
  status: string; // open | approved | rejected | closed
  createdAt: number;
  decidedAt: number | null;
}

export interface ScriptsTable {
  id: string;
  orgId: string;
  title: string;
  titlePinyin: string;
  titleInitials: string;
  scenario: string;
  objection: string | null;
  stageIds: string; // JSON string[]
  tags: string; // JSON string[]
  content: string;
  useCount: Generated<number>;
  ratingSum: Generated<number>;
  ratingCount: Generated<number>;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
  version: Generated<number>;
  deletedAt: number | null;
}

export interface ScriptRatingsTable {
  orgId: string;
  scriptId: string;
  userId: string;
  stars: number;
  at: number;
}

export interface DB {
  orgs: OrgsTable;
  departments: DepartmentsTable;
  departmentClosure: DepartmentClosureTable;
  users: UsersTable;
  roles: RolesTable;
  userRoles: UserRolesTable;
  sessions: SessionsTable;
  loginAttempts: LoginAttemptsTable;
  apiKeys: ApiKeysTable;
  inviteTokens: InviteTokensTable;
  auditLog: AuditLogTable;
  events: EventsTable;
  jobs: JobsTable;
  notifications: NotificationsTable;
  idempotencyKeys: IdempotencyKeysTable;
  customers: CustomersTable;
  dedupKeys: DedupKeysTable;
  searchDocs: SearchDocsTable;
  contacts: ContactsTable;
  leads: LeadsTable;
  leadScoreRules: LeadScoreRulesTable;
  leadAssignmentRules: LeadAssignmentRulesTable;
  leadSettings: LeadSettingsTable;
  followUps: FollowUpsTable;
  followUpComments: FollowUpCommentsTable;
  followUpSettings: FollowUpSettingsTable;
  leadSources: LeadSourcesTable;
  leadIntakeKeys: LeadIntakeKeysTable;
  leadModels: LeadModelsTable;
  customFieldDefs: CustomFieldDefsTable;
  recordShares: RecordSharesTable;
  pools: PoolsTable;
  poolMembers: PoolMembersTable;
  recycleRules: RecycleRulesTable;
  ownershipHistory: OwnershipHistoryTable;
  customerMerges: CustomerMergesTable;
  savedViews: SavedViewsTable;
  imports: ImportsTable;
  importIssues: ImportIssuesTable;
  importKeys: ImportKeysTable;
  attachments: AttachmentsTable;
  pipelines: PipelinesTable;
  pipelineStages: PipelineStagesTable;
  opportunities: OpportunitiesTable;
  opportunityContacts: OpportunityContactsTable;
  opportunityStageHistory: OpportunityStageHistoryTable;
  approvalDefinitions: ApprovalDefinitionsTable;
  approvalInstances: ApprovalInstancesTable;
  approvalActions: ApprovalActionsTable;
  approvalTasks: ApprovalTasksTable;
  approvalDelegations: ApprovalDelegationsTable;
  scripts: ScriptsTable;
  scriptRatings: ScriptRatingsTable;
  targets: TargetsTable;
  targetChanges: TargetChangesTable;
  scorecards: ScorecardsTable;
  forecastAdjustments: ForecastAdjustmentsTable;
  dashboards: DashboardsTable;
}

export type User = Selectable<UsersTable>;
export type Department = Selectable<DepartmentsTable>;
export type Role = Selectable<RolesTable>;
export type Job = Selectable<JobsTable>;
export type NewJob = Insertable<JobsTable>;
