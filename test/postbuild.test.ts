import {describe, expect, it} from "vitest";
import {bakeBriefingName} from "../scripts/postbuild.ts";

const PAGE = `<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><title>Gemeentebriefing | Ondermijningsatlas</title></head>
<body><main><h1 id="gemeentebriefing" tabindex="-1"><a class="observablehq-header-anchor" href="#gemeentebriefing">Gemeentebriefing</a></h1><p>Gemeentebriefing</p></main></body></html>`;

describe("bakeBriefingName", () => {
  it("names the gemeente in the title and the heading, and nowhere else", () => {
    const html = bakeBriefingName(PAGE, "Brakelburg", "x.html");
    expect(html).toContain("<title>Briefing Brakelburg | Ondermijningsatlas</title>");
    expect(html).toContain('href="#gemeentebriefing">Gemeentebriefing Brakelburg</a></h1>');
    expect(html).toContain("<p>Gemeentebriefing</p>");
  });

  it("escapes the name as HTML", () => {
    const html = bakeBriefingName(PAGE, `'s-Hertogen<bosch> & Co "x"`, "x.html");
    expect(html).not.toContain("<bosch>");
    expect(html).toContain("<title>Briefing &#39;s-Hertogen&#60;bosch&#62; &#38; Co &#34;x&#34; | ");
  });

  it("copies no part of the page into the title when the name holds $' or $` (replacement patterns)", () => {
    for (const naam of ["Gemeente $'", "Gemeente $`", "Gemeente $&", "Gemeente $$"]) {
      const html = bakeBriefingName(PAGE, naam, "x.html");
      const escaped = naam.replace(/&/g, "&#38;").replace(/'/g, "&#39;");
      expect(html).toContain(`<title>Briefing ${escaped} | Ondermijningsatlas</title>`);
      expect(html.match(/<title>/g)).toHaveLength(1);
      expect(html.length).toBeLessThan(PAGE.length + 2 * naam.length + 40);
    }
  });

  it("is idempotent, so postbuild can run twice", () => {
    const once = bakeBriefingName(PAGE, "Brakelburg", "x.html");
    expect(bakeBriefingName(once, "Brakelburg", "x.html")).toBe(once);
  });

  it("refuses a page without the briefing's title and heading, naming the file", () => {
    expect(() =>
      bakeBriefingName(PAGE.replace(/Gemeentebriefing/g, "Iets anders"), "B", "dist/gemeente/GM1.html")
    ).toThrow(/dist\/gemeente\/GM1\.html/);
  });
});
