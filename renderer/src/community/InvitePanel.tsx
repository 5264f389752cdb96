import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invite } from '../../../common/hub-api';
import { can, roles, type Role } from '../../../common/permissions';
import { call } from '../bridge/studio';
import { errorMessage } from '../lib/errors';
import { formatDate } from '../lib/format';

const expiries = [24, 24 * 7, 24 * 30, 24 * 90] as const;

/** Invite codes and links with a role and an expiry; only leads may make them (the permission table). */
export function InvitePanel({ communityId, myRole }: { communityId: string; myRole: Role }) {
  const { t, i18n } = useTranslation();
  const allowed = can(myRole, 'community.invite');
  const [role, setRole] = useState<Role>('member');
  const [hours, setHours] = useState<number>(24 * 7);
  const [created, setCreated] = useState<{ code: string; link: string } | null>(null);
  const [invites, setInvites] = useState<Invite[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (allowed) call('invites.list', { communityId }).then(setInvites, () => setInvites([]));
  }, [allowed, communityId]);

  const create = async () => {
    setError(null);
    try {
      const result = await call('invites.create', { communityId, role, expiresInHours: hours, maxUses: null });
      setCreated({ code: result.code, link: result.link });
      setInvites([result.invite, ...invites]);
    } catch (err) {
      setError(errorMessage(t, err));
    }
  };
  const revoke = async (invite: Invite) => {
    try {
      await call('invites.revoke', { communityId, inviteId: invite.id });
      setInvites(invites.map((i) => (i.id === invite.id ? { ...i, revoked: true } : i)));
    } catch (err) {
      setError(errorMessage(t, err));
    }
  };

  return (
    <section className="invite-panel" aria-labelledby="invites-title">
      <h2 id="invites-title">{t('community.invites')}</h2>
      {!allowed && <p className="muted small-text">{t('community.onlyLeadsInvite')}</p>}
      <form
        className="invite-form"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label className="field inline-field">
          <span>{t('community.inviteRole')}</span>
          <select value={role} disabled={!allowed} onChange={(e) => setRole(e.target.value as Role)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`community.roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline-field">
          <span>{t('community.inviteExpiry')}</span>
          <select value={hours} disabled={!allowed} onChange={(e) => setHours(Number(e.target.value))}>
            {expiries.map((h) => (
              <option key={h} value={h}>
                {t('community.expiresInDays', { count: h / 24 })}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={!allowed}>
          {t('community.createInvite')}
        </button>
      </form>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {created && (
        <div className="invite-created" role="status">
          <p>{t('community.inviteCreated')}</p>
          <label className="field">
            <span>{t('community.inviteCodeLabel')}</span>
            <input readOnly dir="ltr" value={created.code} onFocus={(e) => e.target.select()} />
          </label>
          <label className="field">
            <span>{t('community.inviteLinkLabel')}</span>
            <input readOnly dir="ltr" value={created.link} onFocus={(e) => e.target.select()} />
          </label>
          <button type="button" className="small" onClick={() => void navigator.clipboard?.writeText(created.link)}>
            {t('community.copyLink')}
          </button>
        </div>
      )}
      {allowed && invites.length > 0 && (
        <ul className="invite-list">
          {invites.map((invite) => (
            <li key={invite.id}>
              <span>
                {t(`community.roles.${invite.role}`)} · {t('community.inviteUntil', { date: formatDate(invite.expiresAt, i18n.language) })}{' '}
                · {t('community.inviteUses', { count: invite.uses })}
                {invite.revoked && ` · ${t('community.revoked')}`}
              </span>
              {!invite.revoked && (
                <button type="button" className="small danger" onClick={() => void revoke(invite)}>
                  {t('community.revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
