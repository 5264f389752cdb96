import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuedCredential } from '../../../common/credentials/hub-schemas';
import type { AchievementRule, EligibleMember } from '../../../common/credentials/rules';
import type { Member } from '../../../common/hub-api';
import { credentialActions } from './actions';
import { errorMessage } from '../lib/errors';
import { formatDate } from '../lib/format';
import { useToasts } from '../store/toasts';
import './credentials.css';

type RuleKind = 'none' | AchievementRule['kind'];

/**
 * Recognition, for leads: describe an achievement (in one of the community's languages), check a rule
 * against the review cycles synced here, award it with one click, or to anyone by hand with a note;
 * and revoke what was awarded. The hub signs; this studio never holds the community's key.
 */
export function RecognitionPanel({ communityId, languages, members }: { communityId: string; languages: string[]; members: Member[] }) {
  const { t, i18n } = useTranslation();
  const toast = useToasts((s) => s.show);
  const fail = (err: unknown) => toast('error', errorMessage(t, err));
  const [achievementId, setAchievementId] = useState(() => crypto.randomUUID());
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [criteria, setCriteria] = useState('');
  const [language, setLanguage] = useState(languages[0] ?? i18n.language);
  const [ruleKind, setRuleKind] = useState<RuleKind>('practice_cycles');
  const [count, setCount] = useState(3);
  const [eligible, setEligible] = useState<EligibleMember[] | null>(null);
  const [holderId, setHolderId] = useState('');
  const [note, setNote] = useState('');
  const [awarded, setAwarded] = useState<IssuedCredential[]>([]);

  const reload = () => credentialActions.list({ communityId }).then((r) => setAwarded(r.credentials), fail);
  useEffect(() => {
    void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [communityId]);

  const ready = name.trim() !== '' && description.trim() !== '' && criteria.trim() !== '';
  const achievement = { id: achievementId, name, description, criteria, language };
  const checkRule = () => {
    if (ruleKind === 'none') return;
    credentialActions.eligible({ communityId, rule: { kind: ruleKind, count } }).then(setEligible, fail);
  };
  const award = (holder: string, evidence: EligibleMember['evidence'], withNote: string | null) =>
    credentialActions.award({ communityId, holderId: holder, achievement, evidence, note: withNote }).then(() => {
      toast('info', t('credentials.recognition.awarded'));
      void reload();
    }, fail);
  const memberName = (id: string) => members.find((m) => m.userId === id)?.displayName ?? '';

  return (
    <section aria-labelledby="recognition-title" className="recognition">
      <h2 id="recognition-title">{t('credentials.recognition.title')}</h2>
      <div className="recognition-form">
        <label>
          {t('credentials.recognition.name')}
          <input dir="auto" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('credentials.recognition.description')}
          <textarea dir="auto" value={description} maxLength={2000} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <label>
          {t('credentials.recognition.criteria')}
          <textarea dir="auto" value={criteria} maxLength={2000} onChange={(e) => setCriteria(e.target.value)} />
        </label>
        <div className="recognition-row">
          <label>
            {t('credentials.recognition.language')}
            <select value={language} onChange={(e) => setLanguage(e.target.value)}>
              {(languages.length ? languages : [i18n.language]).map((l) => (
                <option key={l} value={l}>
                  {new Intl.DisplayNames([i18n.language], { type: 'language' }).of(l) ?? l}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('credentials.recognition.rule')}
            <select value={ruleKind} onChange={(e) => setRuleKind(e.target.value as RuleKind)}>
              <option value="practice_cycles">{t('credentials.recognition.rules.practice_cycles')}</option>
              <option value="reviews_given">{t('credentials.recognition.rules.reviews_given')}</option>
              <option value="none">{t('credentials.recognition.rules.none')}</option>
            </select>
          </label>
          {ruleKind !== 'none' && (
            <label>
              {t('credentials.recognition.count')}
              <input type="number" min={1} max={100} value={count} onChange={(e) => setCount(Math.max(1, Number(e.target.value) || 1))} />
            </label>
          )}
          {ruleKind !== 'none' && (
            <button type="button" onClick={checkRule}>
              {t('credentials.recognition.check')}
            </button>
          )}
        </div>
      </div>

      {eligible && (
        <div>
          <h3>{t('credentials.recognition.eligible')}</h3>
          {eligible.length === 0 && <p className="muted">{t('credentials.recognition.nobody')}</p>}
          <ul>
            {eligible.map((e) => (
              <li key={e.userId} className="recognition-row">
                <span dir="auto">{e.name || memberName(e.userId)}</span>
                <span className="muted">{t('credentials.recognition.countMet', { count: e.count })}</span>
                <button
                  type="button"
                  className="small"
                  disabled={!ready}
                  onClick={() => void award(e.userId, e.evidence, null)}
                  aria-label={t('credentials.recognition.awardTo', { name: e.name || memberName(e.userId) })}
                >
                  {t('credentials.recognition.award')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}

      <div className="recognition-row">
        <label>
          {t('credentials.recognition.byHand')}
          <select value={holderId} onChange={(e) => setHolderId(e.target.value)}>
            <option value="">{t('credentials.recognition.pickMember')}</option>
            {members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.displayName}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('credentials.recognition.note')}
          <input dir="auto" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button type="button" disabled={!ready || !holderId} onClick={() => void award(holderId, [], note.trim() || null)}>
          {t('credentials.recognition.award')}
        </button>
        <button type="button" className="ghost" onClick={() => setAchievementId(crypto.randomUUID())}>
          {t('credentials.recognition.newAchievement')}
        </button>
      </div>

      <h3>{t('credentials.recognition.awardedTitle')}</h3>
      {awarded.length === 0 && <p className="muted">{t('credentials.recognition.noneAwarded')}</p>}
      <ul>
        {awarded.map((c) => (
          <li key={c.id} className="recognition-row">
            <span dir="auto">{String(c.credential.name ?? '')}</span>
            <span dir="auto">{memberName(c.holderId)}</span>
            <span className="muted">{formatDate(c.issuedAt, i18n.language)}</span>
            {c.revokedAt === null ? (
              <button
                type="button"
                className="small danger"
                onClick={() => void credentialActions.revoke({ communityId, credentialId: c.id }).then(reload, fail)}
              >
                {t('credentials.recognition.revoke')}
              </button>
            ) : (
              <strong className="revoked">{t('credentials.revoked')}</strong>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
