import { listedMarkerOf } from '../domain/grid/ownSheets';
import type { Grid } from '../domain/grid/sheet';
import type { LeanRead } from './port';

/**
 * Whether a sheet read lean (ReadOptions.lean) is what its name suggested: its marker (rows 1–20 of column A) claims
 * the type. Its own module, for the adapters: the port stays free of the marker code, which the task pane's first
 * paint does not need.
 */
export function leanClaimed(values: Grid, lean: LeanRead): boolean {
  const listed = listedMarkerOf(values);
  return listed.marker?.type === lean.type || listed.damaged === lean.type;
}
