// The few parts of cli-progress this app uses (the package ships no types).
declare module "cli-progress" {
  export interface BarOptions {
    format?: string;
    stream?: NodeJS.WritableStream;
    hideCursor?: boolean;
    clearOnComplete?: boolean;
    stopOnComplete?: boolean;
    etaBuffer?: number;
    fps?: number;
    barsize?: number;
    autopadding?: boolean;
  }
  export interface Bar {
    update(value: number, payload?: Record<string, unknown>): void;
    setTotal(total: number): void;
  }
  export class MultiBar {
    constructor(options: BarOptions, preset?: unknown);
    create(total: number, start: number, payload?: Record<string, unknown>): Bar;
    log(text: string): void;
    stop(): void;
  }
  export const Presets: { shades_classic: unknown; shades_grey: unknown; rect: unknown; legacy: unknown };
  const cliProgress: { MultiBar: typeof MultiBar; Presets: typeof Presets };
  export default cliProgress;
}
