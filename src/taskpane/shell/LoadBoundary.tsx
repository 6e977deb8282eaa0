import { Component, type ErrorInfo, type ReactNode } from 'react';

interface LoadBoundaryProps {
  /** What to show instead of the part that failed (already in the user's language). */
  readonly message: string;
  readonly children?: ReactNode;
}

/**
 * Around the parts the pane loads on demand (feature panels, the notice area): when one cannot be loaded or fails
 * to render, the rest of the pane stays and says so in place of that part; the developer gets the error.
 */
export class LoadBoundary extends Component<LoadBoundaryProps, { readonly failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.failed ? <p role="alert">{this.props.message}</p> : this.props.children;
  }
}
