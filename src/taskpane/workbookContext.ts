import { createContext, createElement, useContext, type ReactNode } from 'react';
import type { WorkbookPort } from '../workbook/port';

/** The workbook port, handed to the features: they use it, never Office.js (ARCHITECTURE.md). */
const WorkbookContext = createContext<WorkbookPort | null>(null);

export function WorkbookProvider({ port, children }: { readonly port: WorkbookPort; readonly children?: ReactNode }) {
  return createElement(WorkbookContext.Provider, { value: port }, children);
}

export function useWorkbook(): WorkbookPort {
  const port = useContext(WorkbookContext);
  if (!port) throw new Error('useWorkbook must be used inside <WorkbookProvider>');
  return port;
}
