/** Uploads a scanned consent form: the raw file as the body, with its own media type. */
import { ApiError, NetworkError } from '../api/client';
import { freshAccessToken } from '../api/session';

export async function uploadConsentDocument(planId: string, recordId: string, file: File): Promise<void> {
  const token = await freshAccessToken();
  const headers: Record<string, string> = { 'content-type': file.type };
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(`/api/plans/${planId}/consents/records/${recordId}/document`, { method: 'PUT', headers, body: file });
  } catch (error) {
    throw new NetworkError(String(error));
  }
  if (res.ok) return;
  const body = (await res.json().catch(() => ({}))) as { code?: ApiError['code']; message?: string };
  throw new ApiError(res.status, body.code ?? 'unknown', body.message ?? res.statusText);
}
