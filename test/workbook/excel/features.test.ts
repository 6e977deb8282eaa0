import { FEATURE_REQUIREMENTS, featureSupport, requirementOf } from '../../../src/workbook/excel/features';

describe('featureSupport', () => {
  it('asks isSetSupported for the feature’s ExcelApi version, once per feature', () => {
    const asked: string[] = [];
    const supports = featureSupport((name, version) => {
      asked.push(`${name} ${version}`);
      return Number(version.split('.')[1]) <= 7;
    });
    expect([supports('freezePanes'), supports('dataValidation'), supports('freezePanes')]).toEqual([true, false, true]);
    expect(asked).toEqual([requirementOf('freezePanes'), requirementOf('dataValidation')]);
    expect(requirementOf('dataValidation')).toBe(`ExcelApi ${FEATURE_REQUIREMENTS.dataValidation}`);
  });
});
