import { z } from 'zod';

/** The API's error envelope. */
const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
    timestamp: z.string().optional(),
    request_id: z.string().optional(),
  }),
});

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, requestId?: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.requestId = requestId;
    this.details = details;
  }

  /** The endpoint or its service is not there yet (404 on the route itself, or the gateway says it is down). */
  get isUnavailable(): boolean {
    return this.status === 404 || this.status === 501 || this.status === 502 || this.status === 503;
  }
}

/** Raised when a response does not match its Zod schema: the wire contract drifted. */
export class ContractError extends Error {
  constructor(path: string, issues: string) {
    super(`Unexpected response from ${path}: ${issues}`);
    this.name = 'ContractError';
  }
}

export interface HttpSession {
  getAccessToken(): string | null;
  getWorkspaceId(): string | null;
  /** Tries to refresh the access token once; resolves true when a new token is available. */
  refresh(): Promise<boolean>;
  /** Called when the session cannot be recovered (refresh failed). */
  onUnauthenticated(): void;
}

let session: HttpSession | null = null;

/** Installed by the auth feature; the client stays free of React and of any feature. */
export function configureHttpSession(next: HttpSession | null): void {
  session = next;
}

export type QueryValue = string | number | boolean | null | undefined;

export function buildQuery(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  params?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** Login and refresh go out without a bearer token. */
  anonymous?: boolean;
  /** Extra request headers, e.g. `Idempotency-Key` on an action. */
  headers?: Record<string, string>;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (!options.anonymous && session) {
    const token = session.getAccessToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    const workspace = session.getWorkspaceId();
    if (workspace) headers['X-Workspace-ID'] = workspace;
  }
  return fetch(`${path}${buildQuery(options.params ?? {})}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
    credentials: 'same-origin',
  });
}

async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = errorEnvelopeSchema.safeParse(JSON.parse(text));
    if (parsed.success) {
      const e = parsed.data.error;
      return new ApiError(response.status, e.code, e.message, e.request_id, e.details);
    }
  } catch {
    // not JSON: fall through
  }
  return new ApiError(response.status, `HTTP_${response.status}`, response.statusText || 'Request failed');
}

async function authorised(path: string, options: RequestOptions): Promise<Response> {
  let response = await send(path, options);
  if (response.status === 401 && !options.anonymous && session) {
    const refreshed = await session.refresh();
    if (refreshed) response = await send(path, options);
    if (response.status === 401) session.onUnauthenticated();
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

/** Calls the API for a text body (a CSV export), with the same authentication and errors as `request`. */
export async function requestText(path: string, options: RequestOptions = {}): Promise<string> {
  return (await authorised(path, { ...options, headers: { Accept: 'text/csv, text/plain', ...options.headers } })).text();
}

/** Calls the API for a binary body (a PDF export); errors still arrive as the JSON envelope. */
export async function requestBlob(path: string, accept: string, options: RequestOptions = {}): Promise<Blob> {
  return (await authorised(path, { ...options, headers: { Accept: `${accept}, application/json`, ...options.headers } })).blob();
}

/** Calls the API (same origin), retrying once after a token refresh on 401, and validates the JSON body. */
export async function request<T>(path: string, schema: z.ZodType<T>, options: RequestOptions = {}): Promise<T> {
  const response = await authorised(path, options);
  if (response.status === 204) return schema.parse(undefined);
  const json: unknown = await response.json();
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ContractError(path, parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  return parsed.data;
}
