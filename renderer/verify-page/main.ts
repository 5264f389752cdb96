import type { VerificationReport } from '../../common/credentials/schema';
import { verifyOpenBadge } from '../../common/credentials/verify';
import { StudioError } from '../../common/errors';
import type { VerifyLabels } from '../../common/schemas/package';
import { credentialText } from './read-credential';

/**
 * The script of an offline web export's `verify.html` (core/web-export/verify-page.ts writes the
 * page, the shell bundles this for browsers). It checks a credential's proof with the studio's own
 * verifier and bundled contexts, and fetches nothing: a page opened from the disk cannot reach the
 * issuer's status list, so it says revocation was not checked. Everything a credential says is
 * shown with textContent, never as HTML.
 */

const labels = JSON.parse(document.getElementById('verify-labels')!.textContent!) as VerifyLabels;
const language = document.documentElement.lang;
const input = document.querySelector<HTMLInputElement>('#credential-file')!;
const zone = document.querySelector<HTMLElement>('.drop-zone')!;
const checking = document.querySelector<HTMLElement>('.verify-checking')!;
const result = document.querySelector<HTMLElement>('.verify-result')!;
const problem = document.querySelector<HTMLElement>('.verify-error')!;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function issuedOn(value: string | null): string {
  const date = value ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(language || undefined, { dateStyle: 'long' }).format(date);
}

/** A person's words (names, the achievement) in their own direction, isolated from the page's. */
function words(text: string, tag: 'span' | 'strong' = 'span'): HTMLElement {
  const node = element(tag, text);
  node.dir = 'auto';
  return node;
}

function details(report: VerificationReport): HTMLDListElement {
  const list = element('dl');
  const row = (term: string, ...content: Node[]) => {
    const value = element('dd');
    value.append(...content);
    list.append(element('dt', term), value);
  };
  const did = element('code', report.issuer.id, 'did');
  did.dir = 'ltr';
  row(labels.issuer, ...(report.issuer.name ? [words(report.issuer.name), element('br')] : []), did);
  row(labels.recipient, words(report.recipient ?? '—'));
  row(labels.achievement, words(report.achievement.name, 'strong'), element('br'), words(report.achievement.description));
  row(labels.issuedAt, document.createTextNode(issuedOn(report.issuedAt)));
  return list;
}

function showReport(report: VerificationReport): void {
  const holds = report.signature === 'valid';
  const verdict = holds ? labels.signatureValid : report.problem === 'issuer_unknown' ? labels.issuerUnknown : labels.signatureInvalid;
  result.className = `verify-result ${holds ? 'good' : 'bad'}`;
  result.replaceChildren(element('p', verdict, 'verify-verdict'));
  // Offline there is no status list to read: a credential that has one was not checked, and says so.
  if (holds)
    result.append(element('p', report.revocation === 'none' ? labels.revocationNone : labels.revocationUnchecked, 'verify-revocation'));
  result.append(details(report));
  result.hidden = false;
}

function showProblem(err: unknown): void {
  const code = err instanceof StudioError ? err.code : 'credential_invalid';
  problem.textContent = code === 'credential_not_in_image' ? labels.notInImage : labels.notCredential;
  problem.hidden = false;
}

let latest = 0;
async function check(file: File | undefined): Promise<void> {
  if (!file) return;
  const run = ++latest;
  result.hidden = true;
  problem.hidden = true;
  checking.hidden = false;
  try {
    const text = await credentialText(file);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new StudioError('credential_invalid', { issue: 'not JSON' });
    }
    const report = await verifyOpenBadge(json);
    if (run === latest) showReport(report);
  } catch (err) {
    if (run === latest) showProblem(err);
  } finally {
    if (run === latest) checking.hidden = true;
  }
}

input.addEventListener('change', () => void check(input.files?.[0]));
zone.addEventListener('dragover', (event) => {
  event.preventDefault();
  zone.classList.add('over');
});
zone.addEventListener('dragleave', () => zone.classList.remove('over'));
// A file dropped anywhere is checked, never opened in place of the page.
window.addEventListener('dragover', (event) => event.preventDefault());
window.addEventListener('drop', (event) => {
  event.preventDefault();
  zone.classList.remove('over');
  void check(event.dataTransfer?.files[0]);
});
