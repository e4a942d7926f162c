/**
 * A buffered line writer for large generated files: lines are collected into ~1 MB strings and
 * written to a file stream with back-pressure, so national-scale files (millions of lines) never
 * exist as one giant string in memory.
 */
import {createWriteStream, type WriteStream} from "node:fs";

/** Buffered, back-pressure-aware text file writer. */
export class LineWriter {
  private readonly stream: WriteStream;
  private buffer = "";
  /** Number of lines written (excluding none: the header counts too). */
  lines = 0;

  /** Opens `path` for writing (truncating). */
  constructor(path: string) {
    this.stream = createWriteStream(path, {encoding: "utf8"});
  }

  /** Appends one line (a newline is added). */
  async line(text: string): Promise<void> {
    this.buffer += text + "\n";
    this.lines++;
    if (this.buffer.length > 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    const b = this.buffer;
    this.buffer = "";
    if (!this.stream.write(b)) await new Promise<void>((r) => this.stream.once("drain", () => r()));
  }

  /** Writes what is left and closes the file. */
  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) =>
      this.stream.end((e?: Error | null) => (e ? reject(e) : resolve()))
    );
  }
}
