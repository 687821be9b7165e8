/**
 * Downloads a file the api makes on request (an export): fetched with the access token, handed
 * to the browser as a file with the name the server gives. Answers the file name.
 */
import { freshAccessToken } from '../api/session';

export async function downloadFile(path: string, fallbackName: string, accept?: string): Promise<string> {
  const token = await freshAccessToken();
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (accept) headers.accept = accept;
  const res = await fetch(path, { headers });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // Give the browser the moment it needs to start the download before the URL goes.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return name;
}
