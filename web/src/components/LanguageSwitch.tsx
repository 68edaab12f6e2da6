import { currentLanguage, languages, setLanguage, t, useLanguage } from '../i18n';

/**
 * The header's language switch: one button per other language, named in that
 * language ("Español" on the English site, "English" on the Spanish one) and
 * marked with its `lang`, so a screen reader pronounces it right. The choice
 * is remembered in this browser and sets `<html lang>`.
 */
export function LanguageSwitch() {
  const shown = useLanguage();
  const others = languages.filter((l) => l !== shown);
  return (
    <div class="language-switch" role="group" aria-label={t.languageSwitch}>
      <span class="visually-hidden">{t.languageSwitchTo}</span>
      {others.map((l, i) => (
        // Keyed by place, not language: the button stays the same element
        // when its language changes, so it keeps the focus after a switch.
        <button
          key={i}
          type="button"
          class="language-button"
          lang={l}
          onClick={() => l !== currentLanguage() && setLanguage(l)}
        >
          {t.languageNames[l]}
        </button>
      ))}
    </div>
  );
}
