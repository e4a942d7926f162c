/**
 * Taking a chart to a slide: every chart as SVG and as PNG at slide resolution, with its title,
 * source line and suppression legend inside the image, and its table as CSV (comma-separated
 * UTF-8 with a BOM, so Excel opens it with the accents intact). Everything is made in the
 * browser from what the page already shows; nothing is fetched.
 */

/** What a chart figure carries for export (set by the components as `figure.chartData`). */
export interface ChartExportData {
  title: string;
  source: string;
  columns: ReadonlyArray<{key: string; label: string}>;
  rows: ReadonlyArray<Record<string, unknown>>;
  /** Legend lines that must travel with the image, e.g. "Gearceerd: onderdrukt (te weinig waarnemingen)". */
  legend?: readonly string[];
}

/** Width of a PNG export in pixels: a full-HD slide. */
export const SLIDE_WIDTH_PX = 1920;

const SVG_NS = "http://www.w3.org/2000/svg";

/** A file name from a title: lower case, ASCII, dashes. */
export function fileNameOf(title: string, extension: string): string {
  const base = title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return `${base || "grafiek"}.${extension}`;
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The table of a chart as RFC 4180 CSV: a BOM, a header of the column labels, comma separators,
 * dot decimals (numbers as numbers, not formatted text) and CRLF line ends.
 */
export function tableToCsv(data: Pick<ChartExportData, "columns" | "rows">): string {
  const lines = [data.columns.map((c) => csvField(c.label)).join(",")];
  for (const row of data.rows) lines.push(data.columns.map((c) => csvField(row[c.key])).join(","));
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"})[c]!
  );
}

/** Wraps text to lines of at most `max` characters at word boundaries. */
export function wrapText(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && (line + " " + word).length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * One standalone SVG document: the title on top, the chart's SVG elements (plot and legends)
 * stacked below it, then the legend lines and the source. Styles of the page are not needed:
 * Plot writes its styles into its own SVG.
 */
export function composeSvg(charts: readonly SVGSVGElement[], data: ChartExportData, width = 960): string {
  const pad = 24;
  const titleLines = wrapText(data.title, Math.floor((width - 2 * pad) / 11));
  let y = pad;
  const parts: string[] = [];
  for (const line of titleLines) {
    y += 24;
    parts.push(
      `<text x="${pad}" y="${y}" font-size="20" font-weight="bold" fill="#1a1a1a">${escapeXml(line)}</text>`
    );
  }
  y += 16;
  for (const svg of charts) {
    const w =
      Number(svg.getAttribute("width")) ||
      svg.viewBox.baseVal?.width ||
      svg.getBoundingClientRect().width ||
      width;
    const h =
      Number(svg.getAttribute("height")) ||
      svg.viewBox.baseVal?.height ||
      svg.getBoundingClientRect().height ||
      300;
    const scale = Math.min(1, (width - 2 * pad) / w);
    const clone = svg.cloneNode(true) as SVGSVGElement;
    clone.setAttribute("x", String(pad));
    clone.setAttribute("y", String(y));
    clone.setAttribute("width", String(w * scale));
    clone.setAttribute("height", String(h * scale));
    if (!clone.getAttribute("viewBox")) clone.setAttribute("viewBox", `0 0 ${w} ${h}`);
    parts.push(new XMLSerializer().serializeToString(clone));
    y += h * scale + 12;
  }
  for (const line of [
    ...(data.legend ?? []).flatMap((l) => wrapText(l, 110)),
    ...wrapText(`Bron: ${data.source}`, 110)
  ]) {
    y += 18;
    parts.push(`<text x="${pad}" y="${y}" font-size="13" fill="#333333">${escapeXml(line)}</text>`);
  }
  const height = Math.ceil(y + pad);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="${SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">` +
    `<title>${escapeXml(data.title)}</title><rect width="100%" height="100%" fill="#ffffff"/>${parts.join("")}</svg>`
  );
}

/** Renders an SVG document to a PNG blob `targetWidth` pixels wide. */
export async function svgToPng(svgText: string, targetWidth = SLIDE_WIDTH_PX): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], {type: "image/svg+xml"}));
  try {
    const image = new Image();
    image.decoding = "sync";
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error("de grafiek kon niet als afbeelding worden getekend"));
      image.src = url;
    });
    const scale = targetWidth / image.width;
    const canvas = document.createElement("canvas");
    canvas.width = targetWidth;
    canvas.height = Math.round(image.height * scale);
    const context = canvas.getContext("2d")!;
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("PNG maken mislukt"))), "image/png")
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Offers a blob as a download with a file name. */
export function download(blob: Blob, name: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The chart SVGs of a figure: the plot and any SVG legends, not icons inside buttons. */
export function chartSvgsOf(figure: Element): SVGSVGElement[] {
  return [...figure.querySelectorAll<SVGSVGElement>("svg")].filter(
    (svg) => !svg.closest("button") && !svg.parentElement?.closest("svg") && !svg.closest("[hidden]")
  );
}

/**
 * The export buttons of one chart figure (SVG, PNG, CSV). The figure must carry
 * `chartData` (see `ChartExportData`); the buttons read it when clicked, so they follow the
 * chart when the page redraws it.
 */
export function exportButtons(
  figure: HTMLElement & {chartData?: ChartExportData},
  doc: Document = document
): HTMLElement {
  const bar = doc.createElement("div");
  bar.className = "export-buttons no-print";
  bar.setAttribute("role", "group");
  const make = (label: string, aria: string, action: (data: ChartExportData) => Promise<void> | void) => {
    const button = doc.createElement("button");
    button.type = "button";
    button.textContent = label;
    button.setAttribute("aria-label", `${aria}: ${figure.chartData?.title ?? "grafiek"}`);
    button.addEventListener("click", async () => {
      const data = figure.chartData;
      if (data) await action(data);
    });
    return button;
  };
  bar.setAttribute("aria-label", "Exporteren");
  bar.append(
    make("SVG", "Download als SVG", (data) =>
      download(
        new Blob([composeSvg(chartSvgsOf(figure), data)], {type: "image/svg+xml"}),
        fileNameOf(data.title, "svg"),
        doc
      )
    ),
    make("PNG", "Download als PNG", async (data) =>
      download(await svgToPng(composeSvg(chartSvgsOf(figure), data)), fileNameOf(data.title, "png"), doc)
    ),
    make("CSV", "Download de tabel als CSV", (data) =>
      download(
        new Blob([tableToCsv(data)], {type: "text/csv;charset=utf-8"}),
        fileNameOf(data.title, "csv"),
        doc
      )
    )
  );
  return bar;
}
