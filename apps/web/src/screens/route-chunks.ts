/**
 * The screens that load as chunks of their own but are often the first one shown: one import each,
 * shared by App.tsx (React.lazy) and main.tsx (started before React renders, for the address
 * opened), so that the chunk is fetched once and in parallel with the first script's start.
 */
let login: Promise<typeof import('./LoginPage')> | undefined;
let home: Promise<typeof import('./MyPlansPage')> | undefined;

export const loadLogin = () => (login ??= import('./LoginPage'));
export const loadHome = () => (home ??= import('./MyPlansPage'));

/** Starts the chunk of the screen at this address, when it has one of these. */
export function preloadRouteChunk(pathname: string): void {
  if (pathname === '/') void loadHome();
  else if (pathname === '/login') void loadLogin();
}
