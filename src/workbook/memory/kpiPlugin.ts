import {
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  type ImplementedFunctions,
} from 'hyperformula';
import { KPI_ARITY, KPI_FUNCTION_NAMES, runKpi, type KpiErrorCode, type KpiFunctionName } from '../../domain/calc/kpi';
import type { Locale } from '../../domain/i18n/messages';

/**
 * The `KPI.*` custom functions inside HyperFormula (GPLv3, dev-only: preview host and tests, never the add-in
 * bundle). They call the very `runKpi` that Excel's custom functions call. `blankAs` reproduces how each Excel
 * platform hands an empty cell to a custom function (SPEC §9): `null` on the web, `0` on Windows desktop.
 */
export type BlankAs = 'null' | 'zero';

const ERROR_TYPES: Readonly<Record<KpiErrorCode, ErrorType>> = {
  '#VALUE!': ErrorType.VALUE,
  '#N/A': ErrorType.NA,
  '#DIV/0!': ErrorType.DIV_BY_ZERO,
  '#NUM!': ErrorType.NUM,
};

export const kpiEngineSettings: { blankAs: BlankAs; locale: Locale } = { blankAs: 'null', locale: 'zh-CN' };

function toRaw(v: unknown): unknown {
  if (v === EmptyValue) return kpiEngineSettings.blankAs === 'zero' ? 0 : null;
  if (typeof v === 'object' && v !== null && 'val' in v) return (v as { val: unknown }).val; // rich numbers (dates, percents)
  return v;
}

// HyperFormula does not export the types of a plugin method's arguments; these name the parts used here.
type RunFunction = (args: unknown, state: unknown, metadata: unknown, fn: (...args: unknown[]) => unknown) => unknown;
interface PluginInternals {
  runFunction: RunFunction;
  metadata(name: string): unknown;
}

class KpiPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = Object.fromEntries(
    KPI_FUNCTION_NAMES.map((name) => {
      const { min, max } = KPI_ARITY[name];
      const parameters = Array.from({ length: max }, (_, i) => ({
        argumentType: FunctionArgumentType.ANY,
        ...(i >= min ? { optionalArg: true } : {}),
      }));
      return [`KPI.${name}`, { method: `kpi${name}`, parameters }];
    }),
  );

  private run(name: KpiFunctionName, ast: { args: unknown }, state: unknown): unknown {
    const self = this as unknown as PluginInternals;
    return self.runFunction(ast.args, state, self.metadata(`KPI.${name}`), (...args: unknown[]) => {
      const r = runKpi(name, args.slice(0, KPI_ARITY[name].max).map(toRaw), kpiEngineSettings.locale);
      return r.ok ? r.value : new CellError(ERROR_TYPES[r.error], r.message);
    });
  }

  kpiATTAINMENT(ast: { args: unknown }, state: unknown) {
    return this.run('ATTAINMENT', ast, state);
  }
  kpiTIER(ast: { args: unknown }, state: unknown) {
    return this.run('TIER', ast, state);
  }
  kpiPACE(ast: { args: unknown }, state: unknown) {
    return this.run('PACE', ast, state);
  }
  kpiSTATUS(ast: { args: unknown }, state: unknown) {
    return this.run('STATUS', ast, state);
  }
  kpiGROWTH(ast: { args: unknown }, state: unknown) {
    return this.run('GROWTH', ast, state);
  }
  kpiGAP(ast: { args: unknown }, state: unknown) {
    return this.run('GAP', ast, state);
  }
}

let registered = false;

/** Registers the `KPI.*` functions with HyperFormula once per process. */
export function registerKpiFunctions(): void {
  if (registered) return;
  const names = Object.fromEntries(KPI_FUNCTION_NAMES.map((n) => [`KPI.${n}`, `KPI.${n}`]));
  HyperFormula.registerFunctionPlugin(
    KpiPlugin as unknown as Parameters<typeof HyperFormula.registerFunctionPlugin>[0],
    { enGB: names, enUS: names },
  );
  registered = true;
}
