/** A field error of an RFC 9457 problem: `path` like `body.email`. */
export type FieldError = { path: string; code: string; message: string };

type ProblemBody = { status?: number; code?: string; title?: string; detail?: string; errors?: FieldError[] };

/** An error answer of the API, carrying the server's localized title and field errors. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly errors: FieldError[];
  readonly body: unknown;

  constructor(status: number, body: unknown) {
    const p = (typeof body === 'object' && body ? body : {}) as ProblemBody;
    super(p.title ?? `HTTP ${status}`);
    this.status = status;
    this.code = p.code ?? 'http_error';
    this.title = p.title ?? '';
    this.errors = Array.isArray(p.errors) ? p.errors : [];
    this.body = body;
  }
}

/** Resolves an openapi-fetch call to its data, or throws its problem as an ApiProblem. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiProblem(response.status, error);
  return data as T;
}

/** The form field a problem's field error points at (`body.email` → `email`), if it is a body field. */
export function fieldOf(path: string): string | null {
  const [where, field] = path.split('.');
  return where === 'body' && field ? field : null;
}
