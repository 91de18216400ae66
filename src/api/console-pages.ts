/**
 * The console's pages, in react-router's path syntax. The web app routes them; the API serves
 * the app's page for a browser's navigation to any of them, though some (`/deals`) are also JSON
 * routes: a browser asking for HTML gets the page, every other client the JSON.
 */
export const CONSOLE_PAGES = {
  myWork: '/',
  signIn: '/sign-in',
  deals: '/deals',
  registerDeal: '/deals/new',
  /** What notification e-mails and chat messages link to (activities/notify.ts). */
  deal: '/deals/:partnerId/:dealId',
  board: '/board',
  finance: '/finance',
  playbook: '/playbook',
  program: '/program',
} as const;

export type ConsolePage = keyof typeof CONSOLE_PAGES;

/** `/deals/:partnerId/:dealId` -> a regular expression matching that path. */
function patternOf(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

const PATTERNS = Object.values(CONSOLE_PAGES).map(patternOf);

/** Whether a URL path (no query) is one of the console's pages. */
export function isConsolePage(pathname: string): boolean {
  return PATTERNS.some((p) => p.test(pathname));
}

/** The console's link to a deal's page, as e-mails and chat messages send it. */
export function dealPagePath(partnerId: string, dealId: string): string {
  return CONSOLE_PAGES.deal.replace(':partnerId', encodeURIComponent(partnerId)).replace(':dealId', encodeURIComponent(dealId));
}
