/** The sections of the reviews screen, as the address names them (`#/reviews/<tab>`). */
export const reviewTabs = ['inbox', 'requests', 'notices', 'growth', 'rubrics', 'calibration'] as const;
export type ReviewTab = (typeof reviewTabs)[number];

export function isReviewTab(value: string | undefined): value is ReviewTab {
  return reviewTabs.includes(value as ReviewTab);
}
