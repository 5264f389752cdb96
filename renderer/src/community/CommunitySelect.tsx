import type { SelectHTMLAttributes } from 'react';

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'children'> & {
  communities: readonly { id: string; name: string }[];
  onChange(communityId: string): void;
};

/** A choice of one of the person's communities, by name. */
export function CommunitySelect({ communities, onChange, ...select }: Props) {
  return (
    <select {...select} onChange={(e) => onChange(e.target.value)}>
      {communities.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </select>
  );
}
