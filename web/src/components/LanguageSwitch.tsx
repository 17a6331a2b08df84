import { Segmented } from 'antd';
import { useI18n, type Lang } from '../i18n';

export function LanguageSwitch({ dark }: { dark?: boolean }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Segmented<Lang>
      size="small"
      className={dark ? 'hq-lang hq-lang--dark' : 'hq-lang'}
      aria-label={t('lang.switch')}
      data-testid="lang-switch"
      value={lang}
      onChange={setLang}
      options={[
        { value: 'vi', label: <span title={t('lang.vi')}>VI</span> },
        { value: 'en', label: <span title={t('lang.en')}>EN</span> },
      ]}
    />
  );
}
