import { FluentProvider, Text, Title3, webLightTheme, makeStyles, tokens } from '@fluentui/react-components';
import { builtinPlan } from '../domain/plan/builtin';
import { resolveLocale } from '../domain/i18n/messages';

const useStyles = makeStyles({
  root: { padding: tokens.spacingHorizontalM, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export interface AppProps {
  readonly language: string;
}

/** The task pane: for now the plan's campaigns; the 模板 / 校验 / 汇总 / 设置 features come with their issues. */
export function App({ language }: AppProps) {
  const styles = useStyles();
  const zh = resolveLocale(language) === 'zh-CN';
  const plan = builtinPlan();
  return (
    <FluentProvider theme={webLightTheme}>
      <main className={styles.root}>
        <Title3 as="h1">{zh ? '五大攻坚战指标推进' : 'Campaign KPI Tracker'}</Title3>
        <Text>{zh ? `${plan.year} 年计划：${plan.campaigns.length} 大攻坚战` : `${plan.year} plan: ${plan.campaigns.length} campaigns`}</Text>
        <ul className={styles.list}>
          {plan.campaigns.map((c) => (
            <li key={c.id}>
              <Text>
                {zh ? c.name : (c.nameEn ?? c.name)} · {c.commander} · {c.leadDepartment} ·{' '}
                {zh ? `${c.indicators.length} 项指标` : `${c.indicators.length} indicators`}
              </Text>
            </li>
          ))}
        </ul>
      </main>
    </FluentProvider>
  );
}
