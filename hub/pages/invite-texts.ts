/**
 * The invite page's words, in the languages a visitor's browser is likely to ask for. The hub cannot
 * use the studio's catalogs (renderer/ is not the hub's to import), so it keeps this small set itself.
 */
export interface InviteTexts {
  dir: 'ltr' | 'rtl';
  title: string;
  what: string;
  open: string;
  openHelp: string;
  codeTitle: string;
  codeSteps: string;
  code: string;
  hub: string;
  invalidTitle: string;
  invalidBody: string;
}

export const inviteTexts = {
  en: {
    dir: 'ltr',
    title: 'You are invited to a Practice Circle community',
    what: 'Practice Circle is a desktop studio for teachers: record short practice lessons, watch them back, pin notes to their moments, and share them with a learning community for feedback from mentors. It works offline; only what you choose to share reaches this community hub.',
    open: 'Open the invitation in Practice Circle',
    openHelp: 'This opens the studio on the invitation, if Practice Circle is installed on this computer.',
    codeTitle: 'Or join with the code',
    codeSteps:
      'In Practice Circle, open Communities, sign in or create an account with this hub address, then paste the code under "Join a community".',
    code: 'Invitation code',
    hub: 'Hub address',
    invalidTitle: 'This invitation link is not complete',
    invalidBody: 'Ask your community lead to send the invitation link again, or copy all of it.',
  },
  ar: {
    dir: 'rtl',
    title: 'أنت مدعو إلى مجتمع في حلقة الممارسة',
    what: 'حلقة الممارسة استوديو مكتبي للمعلّمين: سجّل دروسًا تدريبية قصيرة، وشاهدها من جديد، وثبّت ملاحظات على لحظاتها، وشاركها مع مجتمع تعلّم لتتلقى ملاحظات الموجّهين. يعمل دون اتصال، ولا يصل إلى مركز المجتمع هذا إلا ما تختار مشاركته.',
    open: 'افتح الدعوة في حلقة الممارسة',
    openHelp: 'يفتح هذا الاستوديو على الدعوة إن كانت حلقة الممارسة مثبّتة على هذا الحاسوب.',
    codeTitle: 'أو انضم بالرمز',
    codeSteps: 'في حلقة الممارسة، افتح «المجتمعات»، وسجّل الدخول أو أنشئ حسابًا بعنوان المركز هذا، ثم الصق الرمز في «الانضمام إلى مجتمع».',
    code: 'رمز الدعوة',
    hub: 'عنوان المركز',
    invalidTitle: 'رابط الدعوة هذا غير مكتمل',
    invalidBody: 'اطلب من قائد مجتمعك إرسال رابط الدعوة مرة أخرى، أو انسخه كاملًا.',
  },
  fr: {
    dir: 'ltr',
    title: 'Vous êtes invité dans une communauté Practice Circle',
    what: 'Practice Circle est un studio de bureau pour les enseignants : enregistrez de courtes leçons d’entraînement, revoyez-les, épinglez des notes à leurs moments et partagez-les avec une communauté d’apprentissage pour recevoir les retours de mentors. Il fonctionne hors ligne ; seul ce que vous choisissez de partager arrive sur ce hub de communauté.',
    open: 'Ouvrir l’invitation dans Practice Circle',
    openHelp: 'Ouvre le studio sur l’invitation, si Practice Circle est installé sur cet ordinateur.',
    codeTitle: 'Ou rejoindre avec le code',
    codeSteps:
      'Dans Practice Circle, ouvrez Communautés, connectez-vous ou créez un compte avec cette adresse de hub, puis collez le code sous « Rejoindre une communauté ».',
    code: 'Code d’invitation',
    hub: 'Adresse du hub',
    invalidTitle: 'Ce lien d’invitation est incomplet',
    invalidBody: 'Demandez à l’animateur de votre communauté de renvoyer le lien, ou copiez-le en entier.',
  },
} satisfies Record<string, InviteTexts>;

export type InviteLanguage = keyof typeof inviteTexts;
export const inviteLanguages = Object.keys(inviteTexts) as InviteLanguage[];
