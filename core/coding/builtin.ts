import { codingSchemeSchema, type CodingScheme } from '../../common/schemas/coding';
import starter from '../../resources/coding-schemes/classroom-practice.json';

/**
 * The starter scheme ships with the app (resources/) rather than living in the database: it is the
 * same on every device, needs no migration to improve, and cannot be deleted by accident.
 */
export const starterScheme: CodingScheme = codingSchemeSchema.parse({ ...starter, builtIn: true, updatedAt: 0 });

export const builtInSchemes: CodingScheme[] = [starterScheme];
