import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Achievement } from '../../../common/credentials/calls';
import type { EligibleMember } from '../../../common/credentials/rules';
import type { Member } from '../../../common/hub-api';
import { errorMessage } from '../lib/errors';
import { useToasts } from '../store/toasts';
import { credentialActions } from './actions';
import { textOf } from './useRecognition';

/**
 * Awarding: pick an achievement, see who meets its rule (from the review cycles synced here) and award
 * with one click, or award anyone by hand with a note. The award is written here, offline if need be;
 * the hub signs it when this studio syncs.
 */
export function AwardSection({
  communityId,
  achievements,
  members,
}: {
  communityId: string;
  achievements: Achievement[];
  members: Member[];
}) {
  const { t, i18n } = useTranslation();
  const toast = useToasts((s) => s.show);
  const fail = (err: unknown) => toast('error', errorMessage(t, err));
  const inUse = achievements.filter((a) => a.retiredAt === null);
  const [chosenId, setChosenId] = useState('');
  const chosen = inUse.find((a) => a.id === chosenId) ?? null;
  const [eligible, setEligible] = useState<{ forId: string; members: EligibleMember[] } | null>(null);
  const [holderId, setHolderId] = useState('');
  const [note, setNote] = useState('');
  const memberName = (id: string) => members.find((m) => m.userId === id)?.displayName ?? '';
  // The credential is written in the UI language when the achievement has it, else in its first language.
  const language = chosen && Object.hasOwn(chosen.texts, i18n.language) ? i18n.language : undefined;

  const checkRule = () => {
    if (!chosen?.rule) return;
    credentialActions.eligible({ communityId, rule: chosen.rule }).then((found) => setEligible({ forId: chosen.id, members: found }), fail);
  };
  const award = (holder: string, evidence: EligibleMember['evidence'], withNote: string | null) => {
    if (!chosen) return;
    credentialActions.award({ communityId, holderId: holder, achievementId: chosen.id, language, evidence, note: withNote }).then(() => {
      toast('info', t('credentials.recognition.awarded'));
      setNote('');
    }, fail);
  };
  const shown = eligible && eligible.forId === chosen?.id ? eligible.members : null;

  return (
    <div className="award-section">
      <h3>{t('credentials.recognition.award')}</h3>
      <div className="recognition-row">
        <label>
          {t('credentials.recognition.achievement')}
          <select value={chosen?.id ?? ''} onChange={(e) => setChosenId(e.target.value)}>
            <option value="">{t('credentials.recognition.pickAchievement')}</option>
            {inUse.map((a) => (
              <option key={a.id} value={a.id}>
                {textOf(a, i18n.language).name}
              </option>
            ))}
          </select>
        </label>
        {chosen?.rule && (
          <button type="button" onClick={checkRule}>
            {t('credentials.recognition.check')}
          </button>
        )}
      </div>
      {shown && (
        <div>
          <h4>{t('credentials.recognition.eligible')}</h4>
          {shown.length === 0 && <p className="muted">{t('credentials.recognition.nobody')}</p>}
          <ul>
            {shown.map((e) => (
              <li key={e.userId} className="recognition-row">
                <span dir="auto">{e.name || memberName(e.userId)}</span>
                <span className="muted">{t('credentials.recognition.countMet', { count: e.count })}</span>
                <button
                  type="button"
                  className="small"
                  onClick={() => award(e.userId, e.evidence, null)}
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
        <button type="button" disabled={!chosen || !holderId} onClick={() => award(holderId, [], note.trim() || null)}>
          {t('credentials.recognition.award')}
        </button>
      </div>
    </div>
  );
}
