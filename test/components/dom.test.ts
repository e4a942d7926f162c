// @vitest-environment jsdom
/**
 * The text builders of src/components/dom.ts, naslag.ts and open-tabellen.ts, and the menus of
 * src/components/keuzes.ts: the structure the pages relied on when they built it by hand (ids,
 * classes, header cells, data attributes), text set as text, and no axe violations.
 */
import {beforeEach, describe, expect, it} from "vitest";
import {alinea, link, linkLijst, tekstLijst, tekstTabel} from "../../src/components/dom.ts";
import {actieKnop, definitieLijst, gegroepeerdeDefinities, statusRegel} from "../../src/components/naslag.ts";
import {keuzeMenus} from "../../src/components/keuzes.ts";
import {openTabelLijst} from "../../src/components/open-tabellen.ts";
import {assertAccessible} from "./axe.ts";

beforeEach(() => {
  document.body.innerHTML = "";
  window.history.replaceState(null, "", "/");
});

describe("text components", () => {
  it("sets text as text: markup in a published string stays visible characters", () => {
    const p = alinea("<b>vet</b>");
    expect(p.querySelector("b")).toBeNull();
    expect(p.textContent).toBe("<b>vet</b>");
    const met = alinea(link({href: "/x.json", tekst: "x"}, {download: "x.json"}));
    expect(met.outerHTML).toBe('<p><a href="/x.json" download="x.json">x</a></p>');
  });

  it("makes ordered steps and a list of links with the page's id and class", () => {
    const ol = tekstLijst(["Eerst tellen.", "Dan onderdrukken."], {geordend: true, id: "audit-stappen"});
    expect(ol.outerHTML).toBe('<ol id="audit-stappen"><li>Eerst tellen.</li><li>Dan onderdrukken.</li></ol>');
    expect(tekstLijst(["a"]).tagName).toBe("UL");
    const ul = linkLijst(
      [
        {href: "./gemeente/GM9901", tekst: "Aalburg"},
        {href: "./gemeente/GM9902", tekst: "Brakel"}
      ],
      {id: "gemeenten", className: "gemeente-lijst"}
    );
    expect(ul.outerHTML).toBe(
      '<ul class="gemeente-lijst" id="gemeenten"><li><a href="./gemeente/GM9901">Aalburg</a></li>' +
        '<li><a href="./gemeente/GM9902">Brakel</a></li></ul>'
    );
  });

  it("makes definitions as one text or as paragraphs, with data attributes on the term", async () => {
    const dl = definitieLijst([{term: "Fastfood", tekst: "Veel contant geld."}], {
      id: "p",
      className: "indicator-def"
    });
    expect(dl.outerHTML).toBe(
      '<dl class="indicator-def" id="p"><dt>Fastfood</dt><dd>Veel contant geld.</dd></dl>'
    );
    const blok = gegroepeerdeDefinities(
      [
        {
          kop: "Economie",
          items: [{term: "Dichtheid (d)", data: {indicator: "d"}, alineas: ["Per 1.000.", "Kanttekening: x"]}]
        }
      ],
      {id: "indicatoren", className: "indicator-def"}
    );
    expect(blok.outerHTML).toBe(
      '<div id="indicatoren"><h3>Economie</h3><dl class="indicator-def"><dt data-indicator="d">Dichtheid (d)</dt>' +
        "<dd><p>Per 1.000.</p><p>Kanttekening: x</p></dd></dl></div>"
    );
    await assertAccessible(blok);
  });

  it("makes a table with a caption, column headers and row headers in a named scroll region", async () => {
    const wrap = tekstTabel(
      [
        ["Inkomen", "hoger = kwetsbaarder", "1"],
        ["Leegstand", "hoger = kwetsbaarder", "0,5"]
      ],
      {
        caption: "Componenten (samen 1,5)",
        kolommen: ["Component", "Richting", "Gewicht"],
        label: "Componenten van de index",
        className: "methode-tabel",
        regioClassName: "methode-tabel-wrap"
      }
    );
    expect(wrap.className).toBe("methode-tabel-wrap");
    expect(wrap.tabIndex).toBe(0);
    expect(wrap.getAttribute("role")).toBe("region");
    expect(wrap.getAttribute("aria-label")).toBe("Componenten van de index");
    const table = wrap.querySelector("table")!;
    expect(table.className).toBe("methode-tabel");
    expect(table.caption?.textContent).toBe("Componenten (samen 1,5)");
    expect(
      [...table.tHead!.rows[0]!.cells].map((c) => [c.tagName, c.getAttribute("scope"), c.textContent])
    ).toEqual([
      ["TH", "col", "Component"],
      ["TH", "col", "Richting"],
      ["TH", "col", "Gewicht"]
    ]);
    const rij = table.tBodies[0]!.rows[1]!;
    expect([...rij.cells].map((c) => [c.tagName, c.getAttribute("scope"), c.textContent])).toEqual([
      ["TH", "row", "Leegstand"],
      ["TD", null, "hoger = kwetsbaarder"],
      ["TD", null, "0,5"]
    ]);
    await assertAccessible(wrap);
  });

  it("keeps an action button disabled while its action runs, so a second click cannot start it twice", async () => {
    let klaar!: () => void;
    const knop = actieKnop("CSV downloaden (a.csv)", {
      actie: () => new Promise<void>((r) => (klaar = r)),
      data: {tabel: "a"}
    });
    expect(knop.outerHTML).toBe('<button type="button" data-tabel="a">CSV downloaden (a.csv)</button>');
    let keer = 0;
    knop.addEventListener("click", () => keer++);
    knop.click();
    expect(knop.disabled).toBe(true);
    // A disabled button does not fire click, so the action cannot start a second time.
    knop.click();
    expect(keer).toBe(1);
    klaar();
    await new Promise((r) => setTimeout(r, 0));
    expect(knop.disabled).toBe(false);
    const status = statusRegel({id: "download-status"});
    expect(status.outerHTML).toBe('<p id="download-status" role="status"></p>');
  });

  it("lists the open tables per theme, each a section named by its heading, with the page's texts and button", async () => {
    const lijst = openTabelLijst(
      [{thema: "Risicobranches", tabellen: [{id: "vestigingen", titel: "Vestigingen", def: "Telling."}]}],
      {
        id: "tabellen",
        alineas: (t) => ["Per gemeente.", t.def],
        knop: (t) => actieKnop(`CSV (${t.id})`, {actie: () => {}, data: {tabel: t.id}})
      }
    );
    expect(lijst.id).toBe("tabellen");
    const sectie = lijst.querySelector("section.open-tabel")!;
    expect(sectie.getAttribute("data-tabel")).toBe("vestigingen");
    expect(sectie.getAttribute("aria-labelledby")).toBe("open-tabel-vestigingen");
    expect(sectie.querySelector("h4")!.id).toBe("open-tabel-vestigingen");
    expect([...sectie.querySelectorAll("p")].map((p) => p.textContent)).toEqual([
      "Per gemeente.",
      "Telling."
    ]);
    expect(sectie.lastElementChild!.tagName).toBe("BUTTON");
    expect(lijst.querySelector("h3")!.textContent).toBe("Risicobranches");
    await assertAccessible(lijst);
  });
});

describe("keuzeMenus", () => {
  const specs = {
    gemeente: {
      label: "Gemeente",
      keuzes: [
        {value: "GM9901", label: "Aalburg"},
        {value: "GM9902", label: "Brakel"}
      ]
    },
    jaar: {
      label: "Jaar",
      keuzes: [
        {value: "2024", label: "2024"},
        {value: "2025", label: "2025"}
      ]
    }
  };
  const defaults = {gemeente: "GM9901", jaar: "2025"};

  it("makes the menus in order, each at its default, with a label for its select", async () => {
    const menus = keuzeMenus(specs, defaults);
    expect(Object.keys(menus)).toEqual(["gemeente", "jaar"]);
    expect(menus.gemeente.value).toBe("GM9901");
    expect(menus.jaar.value).toBe("2025");
    const [a, b] = [menus.gemeente.querySelector("select")!, menus.jaar.querySelector("select")!];
    // The ids count up in the order of the menus (keuze-n, keuze-n+1).
    expect(Number(b.id.replace("keuze-", ""))).toBe(Number(a.id.replace("keuze-", "")) + 1);
    document.body.append(menus.gemeente, menus.jaar);
    await assertAccessible(document.body);
  });

  it("takes the view from the URL and writes a change back to it", () => {
    window.history.replaceState(null, "", "/weerbare-wijken?jaar=2024");
    const menus = keuzeMenus(specs, defaults);
    expect(menus.jaar.value).toBe("2024");
    expect(menus.gemeente.value).toBe("GM9901");
    const select = menus.gemeente.querySelector("select")!;
    select.value = "GM9902";
    select.dispatchEvent(new Event("input", {bubbles: true}));
    expect(window.location.search).toBe("?gemeente=GM9902&jaar=2024");
  });
});
