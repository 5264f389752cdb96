import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * axe-core over a page, every rule as axe ships it. Only violations are wanted: axe then builds a
 * selector for one node per passed or inapplicable rule instead of for every node, the slow tail of
 * each scan on a screen as full as the lesson page.
 */
export function axe(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).options({ resultTypes: ['violations'] });
}
