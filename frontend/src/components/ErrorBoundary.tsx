import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** Called before the boundary retries (e.g. reset TanStack Query errors). */
  onReset?: () => void;
  label?: string;
}
interface State {
  error: Error | null;
}

/** Catches render errors of one panel or page so the rest of the dashboard keeps working. */
export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Panel failed to render', error, info.componentStack);
  }

  private retry = () => {
    this.props.onReset?.();
    this.setState({ error: null });
  };

  render() {
    if (this.state.error) {
      return (
        <div className="state state--error" role="alert">
          <p>{this.props.label ?? 'This panel'} could not be displayed: {this.state.error.message}</p>
          <button type="button" className="btn" onClick={this.retry}>Retry</button>
        </div>
      );
    }
    return this.props.children;
  }
}
