import type { paths } from './api-schema';

// Names for the shapes the API returns, taken from the generated OpenAPI types.
type Json<P extends keyof paths, M extends 'get' | 'post' | 'patch', S extends number> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;
type Body<P extends keyof paths, M extends 'post' | 'patch'> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer T } };
}
  ? T
  : never;

export type Me = Json<'/api/v1/me', 'get', 200>;
export type Department = Json<'/api/v1/departments', 'get', 200>['data'][number];
export type User = Json<'/api/v1/users/{id}', 'get', 200>;
export type CreatedUser = Json<'/api/v1/users', 'post', 201>;
export type NewUser = Body<'/api/v1/users', 'post'>;
export type UserChanges = Body<'/api/v1/users/{id}', 'patch'>;
export type UserListQuery = NonNullable<paths['/api/v1/users']['get']['parameters']['query']>;
export type Role = Json<'/api/v1/roles/{id}', 'get', 200>;
export type RoleChanges = Body<'/api/v1/roles/{id}', 'patch'>;
export type AccessObject = Json<'/api/v1/access/objects', 'get', 200>['data'][number];
export type AuditEntry = Json<'/api/v1/audit-log', 'get', 200>['data'][number];
export type AuditQuery = NonNullable<paths['/api/v1/audit-log']['get']['parameters']['query']>;
export type Notice = Json<'/api/v1/notifications', 'get', 200>['data'][number];
export type Job = Json<'/api/v1/jobs', 'get', 200>['data'][number];
export type JobStatus = NonNullable<
  NonNullable<paths['/api/v1/jobs']['get']['parameters']['query']>['status']
>;
export type ApiKey = Json<'/api/v1/api-keys', 'get', 200>['data'][number];
export type CreatedApiKey = Json<'/api/v1/api-keys', 'post', 201>;
export type Invitation = Json<'/api/v1/auth/invitations/{token}', 'get', 200>;

/** Data scopes a role grants: 本人 · 本部门 · 本部门及下级 · 全公司. */
export const scopes = ['own', 'department', 'department_tree', 'all'] as const;
export type Scope = (typeof scopes)[number];
/** A role's grants per object: actions and the data scope they reach. */
export type Grants = NonNullable<RoleChanges['permissions']>;
export type Grant = Grants[string];
export type Action = Grant['actions'][number];
/** A customer as lists and writes return it. */
export type Customer = Json<'/api/v1/customers', 'get', 200>['data'][number];
/** One customer as its 360 page loads it: with what the viewer may do with it. */
export type CustomerDetail = Json<'/api/v1/customers/{id}', 'get', 200>;
export type CustomerAccess = CustomerDetail['myAccess'];
export type NewCustomer = Body<'/api/v1/customers', 'post'>;
export type CustomerChanges = Body<'/api/v1/customers/{id}', 'patch'>;
export type CustomerListQuery = NonNullable<paths['/api/v1/customers']['get']['parameters']['query']>;
export type DuplicateCheck = Json<'/api/v1/customers/check-duplicates', 'post', 200>;
export type DuplicateMatch = DuplicateCheck['matches'][number];
export type Contact = Json<'/api/v1/contacts/{id}', 'get', 200>;
export type NewContact = Body<'/api/v1/contacts', 'post'>;
export type ContactChanges = Body<'/api/v1/contacts/{id}', 'patch'>;
/** A lead (线索) as lists, its page and writes return it. */
export type Lead = Json<'/api/v1/leads', 'get', 200>['data'][number];
/** A lead's page: the lead and what the caller may do with it. */
export type LeadDetail = Json<'/api/v1/leads/{id}', 'get', 200>;
export type NewLead = Body<'/api/v1/leads', 'post'>;
export type LeadChanges = Body<'/api/v1/leads/{id}', 'patch'>;
export type LeadListQuery = NonNullable<paths['/api/v1/leads']['get']['parameters']['query']>;
