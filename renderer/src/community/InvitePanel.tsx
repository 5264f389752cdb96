import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalInvite } from '../../../common/schemas/community';
import { can, roles, type Role } from '../../../common/permissions';
import { errorMessage } from '../lib/errors';
import { formatDate } from '../lib/format';
import { askConfirm } from '../store/confirm';
import { inviteActions } from './actions';

const expiries = [24, 24 * 7, 24 * 30, 24 * 90] as const;

/**
 * Invite codes and links with a role and an expiry; only leads may make them (the permission table).
 * Every open invitation stays listed, with its code wherever this studio made it, so creating a
 * second one never hides the first.
 */
export function InvitePanel({ communityId, myRole }: { communityId: string; myRole: Role }) {
  const { t, i18n } = useTranslation();
  const allowed = can(myRole, 'community.invite');
  const [role, setRole] = useState<Role>('member');
  const [hours, setHours] = useState<number>(24 * 7);
  const [createdId, setCreatedId] = useState<string | null>(null);
  const [copiedId, setCopiedId] = useState<string | null>(null);
  const [invites, setInvites] = useState<LocalInvite[]>([]);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(
    () =>
      inviteActions.list({ communityId }).then(setInvites, (err: unknown) => {
        setInvites([]);
        setError(errorMessage(t, err));
      }),
    [communityId, t],
  );
  useEffect(() => {
    if (allowed) void reload();
  }, [allowed, reload]);

  const create = async () => {
    setError(null);
    try {
      const result = await inviteActions.create({ communityId, role, expiresInHours: hours, maxUses: null });
      setCreatedId(result.invite.id);
      // Shown at once, before the list comes back from the hub.
      setInvites((now) => [{ ...result.invite, code: result.code, link: result.link }, ...now.filter((i) => i.id !== result.invite.id)]);
      await reload();
    } catch (err) {
      setError(errorMessage(t, err));
    }
  };
  const revoke = async (invite: LocalInvite) => {
    if (!(await askConfirm({ message: t('community.confirmRevokeInvite'), confirmLabel: t('community.revoke') }))) return;
    setError(null);
    try {
      await inviteActions.revoke({ communityId, inviteId: invite.id });
      setInvites((now) => now.filter((i) => i.id !== invite.id));
    } catch (err) {
      setError(errorMessage(t, err));
    }
  };
  const copy = async (invite: LocalInvite) => {
    if (!invite.link) return;
    try {
      await navigator.clipboard.writeText(invite.link);
      setCopiedId(invite.id);
    } catch {
      setError(t('community.copyFailed'));
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
      <p className="small-text" role="status">
        {createdId ? t('community.inviteCreated') : ''}
      </p>
      {allowed && (
        <>
          <h3>{t('community.openInvites')}</h3>
          {invites.length === 0 ? (
            <p className="muted small-text">{t('community.noOpenInvites')}</p>
          ) : (
            <ul className="invite-list" aria-label={t('community.openInvites')}>
              {invites.map((invite) => {
                const what = t('community.inviteSummary', {
                  role: t(`community.roles.${invite.role}`),
                  date: formatDate(invite.expiresAt, i18n.language),
                });
                return (
                  <li key={invite.id} className={invite.id === createdId ? 'invite-new' : undefined}>
                    <div className="invite-facts">
                      <strong>{t(`community.roles.${invite.role}`)}</strong>
                      <span>{t('community.inviteUntil', { date: formatDate(invite.expiresAt, i18n.language) })}</span>
                      <span>{t('community.inviteUses', { count: invite.uses })}</span>
                    </div>
                    {invite.code && invite.link ? (
                      <div className="invite-code">
                        <label className="field">
                          <span>{t('community.inviteCodeLabel')}</span>
                          <input readOnly dir="ltr" value={invite.code} onFocus={(e) => e.target.select()} />
                        </label>
                        <label className="field">
                          <span>{t('community.inviteLinkLabel')}</span>
                          <input readOnly dir="ltr" value={invite.link} onFocus={(e) => e.target.select()} />
                        </label>
                      </div>
                    ) : (
                      <p className="muted small-text">{t('community.inviteElsewhere')}</p>
                    )}
                    <div className="invite-actions">
                      {invite.link && (
                        <button
                          type="button"
                          className="small"
                          aria-label={t('community.copyLinkOf', { invite: what })}
                          onClick={() => void copy(invite)}
                        >
                          {copiedId === invite.id ? t('community.linkCopied') : t('community.copyLink')}
                        </button>
                      )}
                      <button
                        type="button"
                        className="small danger"
                        aria-label={t('community.revokeOf', { invite: what })}
                        onClick={() => void revoke(invite)}
                      >
                        {t('community.revoke')}
                      </button>
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
