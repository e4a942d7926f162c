/**
 * Taking a chart to a slide: every chart as SVG and as PNG at slide resolution, with its title,
 * source line and suppression legend inside the image, and its table as CSV: by default in the
 * Dutch form (semicolons, decimal commas), which Excel in Dutch opens as numbers, with the
 * international form (commas, decimal points, RFC 4180) beside it; both UTF-8 with a BOM, so
 * Excel keeps the accents. Everything is made in the
 * browser from what the page already shows; nothing is fetched.
 */

import {exportRows, type ChartData} from "./chart-data.js";

/** One legend entry that travels with an exported image. */
export interface ExportLegendEntry {
  label: string;
  /** Hatched (suppressed), grey (no data), a colour swatch, or a line of text. */
  kind: "onderdrukt" | "geen-gegevens" | "kleur" | "noot";
  color?: string;
}

/**
 * What a chart figure carries for export: the components' `chartData` (see chart-frame.ts),
 * optionally with the legend entries to draw in the image (read from the figure otherwise).
 */
export type ChartExportData = Pick<ChartData, "title" | "source" | "columns" | "rows"> & {
  subtitle?: string;
  legend?: readonly ExportLegendEntry[];
};

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

/** A cell a spreadsheet would run as a formula (OWASP "CSV injection"): =, +, -, @, tab, CR first. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number written as text (`-12`, `-1,5`, `+3.2%`): a spreadsheet reads it as a number, never runs it. */
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?%?$/;

/**
 * The two forms of a CSV download. `nl`: semicolons and decimal commas, what Excel and
 * LibreOffice set to Dutch read as numbers (a comma file puts a whole row in one cell there,
 * and reads `3.675` as three thousand six hundred and seventy-five). `internationaal`: commas
 * and decimal points (RFC 4180), the form of the open data's `cijfers.csv`.
 */
export type CsvVorm = "nl" | "internationaal";

const SEPARATOR: Record<CsvVorm, string> = {nl: ";", internationaal: ","};

/**
 * One CSV field. Numbers stay numbers (negative ones too), with the form's decimal sign and no
 * thousands separator; text that a spreadsheet would take for a formula gets a leading
 * apostrophe, as OWASP advises, so that a gemeente or branch named `=HYPERLINK(...)` is shown
 * as text instead of run.
 */
export function csvField(value: unknown, vorm: CsvVorm = "internationaal"): string {
  if (value === null || value === undefined) return "";
  let text =
    typeof value === "number"
      ? Number.isFinite(value)
        ? vorm === "nl"
          ? String(value).replace(".", ",")
          : String(value)
        : ""
      : String(value);
  if (typeof value !== "number" && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  const special = vorm === "nl" ? /[";\r\n]/ : /[",\r\n]/;
  return special.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The table of a chart as CSV: a BOM, a header of the column labels, the form's separator and
 * decimal sign (numbers as numbers, not formatted text) and CRLF line ends. Without a form, the
 * Dutch one.
 */
export function tableToCsv(data: Pick<ChartExportData, "columns" | "rows">, vorm: CsvVorm = "nl"): string {
  const lines = exportRows(data).map((row) => row.map((v) => csvField(v, vorm)).join(SEPARATOR[vorm]));
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

/** The file name of a CSV download in a form: the international one says so. */
export function csvFileName(name: string, vorm: CsvVorm): string {
  return vorm === "nl" ? name : name.replace(/\.csv$/, "") + "-internationaal.csv";
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

/** Width in SVG units of a chart SVG (its width attribute, viewBox or drawn size). */
function sizeOf(svg: SVGSVGElement, fallbackWidth: number): [number, number] {
  const box = svg
    .getAttribute("viewBox")
    ?.split(/[\s,]+/)
    .map(Number);
  const w =
    Number(svg.getAttribute("width")) ||
    (box && box[2]) ||
    svg.getBoundingClientRect?.().width ||
    fallbackWidth;
  const h =
    Number(svg.getAttribute("height")) || (box && box[3]) || svg.getBoundingClientRect?.().height || 300;
  return [w, h];
}

/**
 * One standalone SVG document for a slide: the title (and subtitle) on top, the chart's SVG
 * elements (scale legend and plot) stacked below it, then the legend entries with their
 * swatches (hatched = suppressed, grey = no data), and the source line. Page styles are not
 * needed: Plot writes its styles into its own SVG.
 */
export function composeSvg(charts: readonly SVGSVGElement[], data: ChartExportData, width = 960): string {
  const pad = 24;
  let y = pad;
  const parts: string[] = [];
  for (const line of wrapText(data.title, Math.floor((width - 2 * pad) / 11))) {
    y += 24;
    parts.push(
      `<text x="${pad}" y="${y}" font-size="20" font-weight="bold" fill="#1a1a1a">${escapeXml(line)}</text>`
    );
  }
  for (const line of data.subtitle ? wrapText(data.subtitle, 100) : []) {
    y += 20;
    parts.push(`<text x="${pad}" y="${y}" font-size="14" fill="#4a4a4a">${escapeXml(line)}</text>`);
  }
  y += 16;
  for (const svg of charts) {
    const [w, h] = sizeOf(svg, width);
    const scale = Math.min(1, (width - 2 * pad) / w);
    const clone = svg.cloneNode(true) as SVGSVGElement;
    clone.setAttribute("x", String(pad));
    clone.setAttribute("y", String(y));
    clone.setAttribute("width", String(w * scale));
    clone.setAttribute("height", String(h * scale));
    if (!clone.getAttribute("viewBox")) clone.setAttribute("viewBox", `0 0 ${w} ${h}`);
    // Page-only attributes mean nothing in a file.
    clone.removeAttribute("aria-describedby");
    parts.push(new XMLSerializer().serializeToString(clone));
    y += h * scale + 12;
  }
  const hatchId = "export-onderdrukt";
  let needsHatch = false;
  for (const entry of data.legend ?? []) {
    const lines = wrapText(entry.label, 100);
    y += 22;
    if (entry.kind !== "noot") {
      const fill =
        entry.kind === "onderdrukt"
          ? `url(#${hatchId})`
          : entry.kind === "geen-gegevens"
            ? "#d9d9d9"
            : escapeXml(entry.color ?? "#0072B2");
      needsHatch ||= entry.kind === "onderdrukt";
      parts.push(
        `<rect x="${pad}" y="${y - 13}" width="16" height="16" fill="${fill}" stroke="#595959" data-legenda="${entry.kind}"/>`
      );
    }
    const x = entry.kind === "noot" ? pad : pad + 24;
    lines.forEach((line, i) => {
      if (i > 0) y += 18;
      parts.push(
        `<text x="${x}" y="${y}" font-size="14" fill="#333333"${entry.kind === "noot" ? ' font-style="italic"' : ""}>${escapeXml(line)}</text>`
      );
    });
  }
  y += 8;
  for (const line of wrapText(`Bron: ${data.source}`, 110)) {
    y += 18;
    parts.push(`<text x="${pad}" y="${y}" font-size="13" fill="#333333">${escapeXml(line)}</text>`);
  }
  const height = Math.ceil(y + pad);
  const defs = needsHatch
    ? `<defs><pattern id="${hatchId}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#6b6b6b" stroke-width="2.5"/></pattern></defs>`
    : "";
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="${SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif">` +
    `<title>${escapeXml(data.title)}</title>${defs}<rect width="100%" height="100%" fill="#ffffff"/>${parts.join("")}</svg>`
  );
}

/**
 * The legend entries shown with a figure, for the exported image: the legend note (reading
 * direction), colour swatches (e.g. the highlighted area) and the suppressed / no-data entries.
 */
export function legendEntriesOf(figure: Element): ExportLegendEntry[] {
  const entries: ExportLegendEntry[] = [];
  for (const note of figure.querySelectorAll(".chart-legend-note"))
    if (note.textContent) entries.push({label: note.textContent, kind: "noot"});
  for (const item of figure.querySelectorAll<HTMLElement>(".chart-legend-item")) {
    const label = item.querySelector(".chart-legend-label")?.textContent ?? item.textContent ?? "";
    const kind = item.dataset.legend;
    if (kind === "onderdrukt" || kind === "geen-gegevens") entries.push({label, kind});
    else {
      const color = item.querySelector("rect, circle")?.getAttribute("fill") ?? undefined;
      entries.push({label, kind: "kleur", color});
    }
  }
  for (const note of figure.querySelectorAll(":scope > .chart-note"))
    if (note.textContent) entries.push({label: note.textContent, kind: "noot"});
  return entries;
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

/**
 * The chart SVGs of a figure: the plot and any scale legend (colour ramp), not the swatches of
 * the legend list (drawn again by `composeSvg`) nor icons inside buttons.
 */
export function chartSvgsOf(figure: Element): SVGSVGElement[] {
  return [...figure.querySelectorAll<SVGSVGElement>("svg")].filter(
    (svg) =>
      !svg.closest("button, .chart-legend-list, .chart-table-wrap, .export-buttons") &&
      !svg.parentElement?.closest("svg") &&
      !svg.closest("[hidden]")
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
  // Says, also to screen readers, that a file was made (or why not).
  const status = doc.createElement("span");
  status.className = "export-status";
  status.setAttribute("role", "status");
  const make = (label: string, aria: string, action: (data: ChartExportData) => Promise<void> | void) => {
    const button = doc.createElement("button");
    button.type = "button";
    button.textContent = label;
    button.setAttribute("aria-label", `${aria}: ${figure.chartData?.title ?? "grafiek"}`);
    button.addEventListener("click", async () => {
      const data = figure.chartData;
      if (!data) return;
      try {
        await action({...data, legend: data.legend ?? legendEntriesOf(figure)});
        status.textContent = `${label} gemaakt.`;
      } catch (error) {
        status.textContent = `${label} maken is mislukt: ${(error as Error).message}.`;
      }
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
    make(
      "CSV",
      "Download de tabel als CSV voor Nederlandse spreadsheets (puntkomma, decimale komma)",
      (data) =>
        download(
          new Blob([tableToCsv(data, "nl")], {type: "text/csv;charset=utf-8"}),
          fileNameOf(data.title, "csv"),
          doc
        )
    ),
    make("CSV internationaal", "Download de tabel als CSV internationaal (komma, decimale punt)", (data) =>
      download(
        new Blob([tableToCsv(data, "internationaal")], {type: "text/csv;charset=utf-8"}),
        csvFileName(fileNameOf(data.title, "csv"), "internationaal"),
        doc
      )
    ),
    status
  );
  return bar;
}
