import { useTranslation } from 'react-i18next';
import type { Member } from '../../../common/hub-api';
import { can, roles, type Role } from '../../../common/permissions';
import { formatDate } from '../lib/format';
import { countryName, languageNames, localTime } from './format';
import { useNow } from './useNow';

interface Props {
  members: Member[];
  myRole: Role;
  myId: string | null;
  onRole(member: Member, role: Role): void;
  onRemove(member: Member): void;
}

/**
 * Who is in the community, where they are and what time it is there. Changing a role or removing
 * someone is offered to everyone but only enabled where the permission table allows it.
 */
export function MemberTable({ members, myRole, myId, onRole, onRemove }: Props) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const mayChangeRoles = can(myRole, 'member.changeRole');
  const mayRemove = can(myRole, 'member.remove');
  return (
    <table className="member-table">
      <thead>
        <tr>
          <th scope="col">{t('community.memberName')}</th>
          <th scope="col">{t('community.role')}</th>
          <th scope="col">{t('community.country')}</th>
          <th scope="col">{t('community.languages')}</th>
          <th scope="col">{t('community.localTime')}</th>
          <th scope="col">{t('community.joined')}</th>
          <th scope="col">
            <span className="sr-only">{t('community.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {members.map((m) => {
          const self = m.userId === myId;
          return (
            <tr key={m.userId}>
              <th scope="row" dir="auto">
                {m.displayName}
                {self && <span className="muted small-text"> ({t('community.you')})</span>}
              </th>
              <td>
                <select
                  value={m.role}
                  disabled={!mayChangeRoles}
                  title={mayChangeRoles ? undefined : t('community.onlyLeads')}
                  aria-label={t('community.roleOf', { name: m.displayName })}
                  onChange={(e) => onRole(m, e.target.value as Role)}
                >
                  {roles.map((role) => (
                    <option key={role} value={role}>
                      {t(`community.roles.${role}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>{countryName(m.country, i18n.language)}</td>
              <td>{languageNames(m.languages, i18n.language)}</td>
              <td>
                {m.timezone && (
                  <span title={m.timezone}>
                    {localTime(m.timezone, now, i18n.language)} <span className="muted small-text">{m.timezone}</span>
                  </span>
                )}
              </td>
              <td>{formatDate(m.joinedAt, i18n.language)}</td>
              <td>
                {!self && (
                  <button
                    type="button"
                    className="small danger"
                    disabled={!mayRemove}
                    title={mayRemove ? undefined : t('community.onlyLeads')}
                    aria-label={t('community.removeMember', { name: m.displayName })}
                    onClick={() => onRemove(m)}
                  >
                    {t('community.remove')}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
