import type { MessageKey } from '../i18n';

/** The task pane's sections, in tab order. */
export const SECTIONS = [
  { id: 'templates', label: 'ui.nav.templates' },
  { id: 'validation', label: 'ui.nav.validation' },
  { id: 'consolidation', label: 'ui.nav.consolidation' },
  { id: 'settings', label: 'ui.nav.settings' },
] as const satisfies readonly { readonly id: string; readonly label: MessageKey }[];

export type SectionId = (typeof SECTIONS)[number]['id'];

export function isSectionId(value: unknown): value is SectionId {
  return SECTIONS.some((s) => s.id === value);
}
