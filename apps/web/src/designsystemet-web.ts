/**
 * Stands in for `@digdir/designsystemet-web`'s index (see vite.config.ts), which registers every
 * web component Designsystemet has (tabs, suggestion, pagination, tooltips, …) and so puts ~30 KB
 * gzipped on every first load. Only the behaviours the components this app uses need are loaded:
 * fields (labels, descriptions, validation), fieldsets, details, read-only inputs and the click
 * delegation some of them use. Using another Designsystemet component that needs one of the
 * others means adding its import here.
 */
import '@digdir/designsystemet-web/clickdelegatefor';
import '@digdir/designsystemet-web/details';
import '@digdir/designsystemet-web/fieldset';
import '@digdir/designsystemet-web/readonly';
import '@digdir/designsystemet-web/ds-field';

export { DSFieldElement } from '@digdir/designsystemet-web/ds-field';
// Named exports that only components this app does not use import (they are tree-shaken away,
// but the bundler checks the names): placeholders, never called.
const unused = undefined as never;
export {
  unused as DSBreadcrumbsElement,
  unused as DSErrorSummaryElement,
  unused as DSPaginationElement,
  unused as DSSuggestionElement,
  unused as DSTabElement,
  unused as DSTabListElement,
  unused as DSTabPanelElement,
  unused as pagination,
};
