import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { currentLanguage } from '../../app/i18n';
import { ApiProblem } from '../../app/problem';

// The import wizard's calls. Plain fetch: the upload is multipart, and the shapes are small.

export type ImportStatus =
  | 'uploaded'
  | 'checking'
  | 'checked'
  | 'running'
  | 'cancelling'
  | 'done'
  | 'cancelled'
  | 'failed';
export type Policy = 'skip' | 'merge' | 'create';
export type ImportObject = 'customer' | 'user' | 'lead' | 'opportunity';
/** Deals: the pipeline of rows that name none, where rows without a customer go, and whether unknown customers are made. */
export type DealImportOptions = { pipelineId?: string; holdingCustomer?: string; createCustomers?: boolean };
/** Stamped on every record a lead import makes: the list's 来源 (where a row names none) and campaign. */
export type ImportStamp = { source?: string; campaign?: string };
export type ImportField = {
  key: string;
  label: string;
  group: string;
  required: boolean;
  /** A file mapping only standalone fields needs no required one (users: a 部门-only file). */
  standalone: boolean;
};
export type ImportView = {
  id: string;
  object: string;
  fileName: string;
  format: 'xlsx' | 'csv';
  encoding: string | null;
  status: ImportStatus;
  headerRow: number;
  headers: string[];
  sample: string[][];
  mapping: Record<string, string>;
  fields: ImportField[];
  totalRows: number;
  checkedRows: number;
  processedRows: number;
  summary: {
    rows: number;
    empty: number;
    valid: number;
    errors: number;
    fileDuplicates: number;
    dbDuplicates: number;
    similar: number;
  } | null;
  result: {
    created: number;
    merged: number;
    skipped: number;
    failed: number;
    departments?: number;
    invitations?: number;
  };
  policy: Policy | null;
  options: Record<string, unknown>;
  importSimilar: boolean;
  canCreateDuplicates: boolean;
  error: string | null;
  createdAt: number;
  finishedAt: number | null;
};
export type ImportIssue = {
  rowNo: number;
  kind: string;
  field: string | null;
  message: string;
  cells: string[];
};

const csrf = () => /(?:^|;\s*)cadence_csrf=([^;]+)/.exec(document.cookie)?.[1];

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { 'Accept-Language': currentLanguage() };
  if (method !== 'GET') {
    const token = csrf();
    if (token) headers['X-CSRF-Token'] = decodeURIComponent(token);
  }
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiProblem(res.status, data);
  return data as T;
}

const key = (id: string | undefined) => ['imports', id] as const;
const working: ImportStatus[] = ['checking', 'running', 'cancelling'];

/** An import, polled every second while its dry run or run is working. */
export const useImport = (id: string | undefined) =>
  useQuery({
    queryKey: key(id),
    queryFn: () => call<ImportView>('GET', `/api/v1/imports/${id}`),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data && working.includes(q.state.data.status) ? 1000 : false),
  });

export const useImportIssues = (id: string | undefined, enabled: boolean) =>
  useQuery({
    queryKey: [...key(id), 'issues'],
    queryFn: () =>
      call<{ data: ImportIssue[]; nextCursor: string | null }>(
        'GET',
        `/api/v1/imports/${id}/issues?limit=200`,
      ),
    enabled: !!id && enabled,
  });

export function useImportSteps() {
  const qc = useQueryClient();
  const store = (v: ImportView) => qc.setQueryData(key(v.id), v);
  const upload = useMutation({
    mutationFn: ({ file, object }: { file: File; object: ImportObject }) => {
      const form = new FormData();
      form.append('file', file);
      return call<ImportView>('POST', `/api/v1/imports/${object}`, form);
    },
    onSuccess: store,
  });
  const check = useMutation({
    mutationFn: ({
      id,
      mapping,
      options,
    }: {
      id: string;
      mapping: Record<string, string>;
      options?: Record<string, unknown>;
    }) => call<ImportView>('POST', `/api/v1/imports/${id}/check`, { mapping, options }),
    onSuccess: (v) => {
      store(v);
      void qc.invalidateQueries({ queryKey: [...key(v.id), 'issues'] });
    },
  });
  const run = useMutation({
    mutationFn: ({
      id,
      policy,
      importSimilar,
      stamp,
    }: {
      id: string;
      policy: Policy;
      importSimilar: boolean;
      stamp?: ImportStamp;
    }) => call<ImportView>('POST', `/api/v1/imports/${id}/run`, { policy, importSimilar, stamp }),
    onSuccess: (v) => {
      store(v);
      const lists: Record<string, string[]> = {
        user: ['users', 'departments'],
        lead: ['leads'],
        customer: ['customers'],
        opportunity: ['opportunities', 'customers'],
      };
      for (const k of lists[v.object] ?? ['customers']) void qc.invalidateQueries({ queryKey: [k] });
    },
  });
  const cancel = useMutation({
    mutationFn: (id: string) => call<ImportView>('POST', `/api/v1/imports/${id}/cancel`),
    onSuccess: store,
  });
  return { upload, check, run, cancel };
}
