import type { Language } from '../../common/schemas/settings';
import ar from './ar.json';
import en from './en.json';

/** One catalog per language; a test fails when any of them lacks a key that English has. */
export const catalogs: Record<Language, object> = { en, ar };
