export interface Migration {
  /** Equals the position in the list, starting at 1; becomes PRAGMA user_version once applied. */
  version: number;
  name: string;
  up: string;
}
