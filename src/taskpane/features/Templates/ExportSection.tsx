import { useEffect, useState } from 'react';
import { Button, Caption1, Link, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import type { Plan } from '../../../domain/plan/schema';
import type { TemplateFile } from '../../../workbook/usecases/exportTemplates';
import type { FilesHost } from '../../host';
import { useT } from '../../i18n';
import { useNotices } from '../../notices';
import { useFeatureStyles, ACTIONS_ROW, HINT_TEXT } from '../../shell/featureStyles';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  actions: ACTIONS_ROW,
  hint: HINT_TEXT,
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: '2px' },
});

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Exported {
  readonly month: number;
  readonly files: readonly TemplateFile[];
  /** Object URLs of each file and of the zip of all (downloads), revoked when replaced. */
  readonly urls: readonly string[];
  readonly zip?: string;
}

/**
 * 导出模板 (issue 14): the chosen month's templates for every department of every campaign, as files for departments
 * without the add-in (native formulas). Excel on the web and the preview download them (each, or all as a .zip);
 * Excel desktop opens each as a new workbook, which the user saves under the name shown.
 */
export function ExportSection({
  files: host,
  plan,
  year,
  month,
  id,
}: {
  readonly files: FilesHost;
  readonly plan: Plan;
  readonly year: number;
  readonly month: number;
  readonly id: string;
}) {
  const t = useT();
  const feature = useFeatureStyles();
  const styles = useStyles();
  const notices = useNotices();
  const [busy, setBusy] = useState(false);
  const [exported, setExported] = useState<Exported>();
  useEffect(() => () => exported?.urls.forEach((u) => URL.revokeObjectURL(u)), [exported]);

  const run = async () => {
    setBusy(true);
    try {
      const [{ exportTemplates }, open] = await Promise.all([
        import(/* webpackChunkName: "file-workbook" */ '../../../workbook/usecases/exportTemplates'),
        host.fileWorkbook(),
      ]);
      const files = await exportTemplates({ plan, year, month }, open);
      if (host.delivery === 'download') {
        const { zipSync } = await import(/* webpackChunkName: "file-workbook" */ 'fflate');
        const urls = files.map((f) => URL.createObjectURL(new Blob([f.bytes as BlobPart], { type: XLSX_TYPE })));
        const zipped = zipSync(Object.fromEntries(files.map((f) => [f.fileName, f.bytes])));
        const zip = URL.createObjectURL(new Blob([zipped as BlobPart], { type: 'application/zip' }));
        setExported({ month, files, urls: [...urls, zip], zip });
      } else setExported({ month, files, urls: [] });
    } catch (e) {
      notices.notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  const open = async (file: TemplateFile) => {
    try {
      await host.openWorkbook?.(file.bytes);
    } catch (e) {
      notices.notifyError(e);
    }
  };

  return (
    <section className={styles.section} aria-labelledby={id} data-testid="export-section">
      <Subtitle2 as="h3" id={id}>
        {t('ui.templates.exportHeading')}
      </Subtitle2>
      <Caption1 className={feature.text}>
        {t(host.delivery === 'download' ? 'ui.templates.exportHintDownload' : 'ui.templates.exportHintOpen')}
      </Caption1>
      <div className={styles.actions}>
        <Button data-testid="export-templates" disabledFocusable={busy} onClick={() => void run()}>
          {t('ui.templates.export', { year, month })}
        </Button>
        {busy ? (
          <Caption1 role="status" className={styles.hint}>
            {t('ui.templates.busy')}
          </Caption1>
        ) : null}
      </div>
      {exported ? <ExportResult exported={exported} year={year} open={open} /> : null}
    </section>
  );
}

/** The files made: each to download (and all as a .zip), or, in Excel desktop, each to open as a new workbook. */
function ExportResult({
  exported,
  year,
  open,
}: {
  readonly exported: Exported;
  readonly year: number;
  readonly open: (file: TemplateFile) => Promise<void>;
}) {
  const t = useT();
  const styles = useStyles();
  return (
    <>
      <Caption1 role="status" data-testid="export-result">
        {t('ui.templates.exported', { count: exported.files.length, year, month: exported.month })}
      </Caption1>
      {exported.zip ? (
        <Link href={exported.zip} download={`templates-${year}-${exported.month}.zip`} data-testid="export-zip">
          {t('ui.templates.exportZip')}
        </Link>
      ) : null}
      <ul className={styles.list}>
        {exported.files.map((f, i) => (
          <li key={f.fileName}>
            {exported.zip ? (
              <Link href={exported.urls[i]} download={f.fileName} data-testid="export-file">
                {f.fileName}
              </Link>
            ) : (
              <Link as="button" onClick={() => void open(f)} data-testid="export-open">
                {t('ui.templates.exportOpen', { file: f.fileName })}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
