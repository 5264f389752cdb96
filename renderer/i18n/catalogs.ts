import type { Language } from '../../common/schemas/settings';
import ar from './ar.json';
import en from './en.json';
import es from './es.json';
import fr from './fr.json';
import id from './id.json';
import tr from './tr.json';
import ur from './ur.json';

/** One catalog per language; a test fails when any of them lacks a key that English has. */
export const catalogs: Record<Language, object> = { en, ar, fr, es, id, tr, ur };
