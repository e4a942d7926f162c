/**
 * The fast path for OData v3 kerncijfers files (data-loaders/sources/odata-json.ts) against
 * `JSON.parse`: on random documents of the OData shape (and off it), and on broken ones made from
 * them. Whenever the fast path gives a result, `JSON.parse` must accept the same text and give
 * the same columns, rows, context and values (`Object.is`, so -0 counts); whenever `JSON.parse`
 * fails, the fast path must give null, so that the reader parses the file as before and reports
 * the error with JSON.parse's own position.
 */
import {describe, expect, it} from "vitest";
import {pivotV4, pivotV4Snel} from "../../data-loaders/sources/kerncijfers.ts";
import {leesOData, type SnelleOData} from "../../data-loaders/sources/odata-json.ts";
import {mulberry32 as prng} from "../../data-loaders/disclosure/synthetic.ts";

function maker(rnd: () => number) {
  const kies = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const ws = () => (rnd() < 0.7 ? "" : kies([" ", "\n", "\t", "\r\n", "  \n "]));
  const getal = (): string =>
    kies([
      () => String(Math.floor(rnd() * 200000) - 1000),
      () => (rnd() * 1000).toFixed(Math.floor(rnd() * 4)),
      () => `-${(rnd() * 100).toFixed(Math.floor(rnd() * 3) + 1)}`,
      () => kies(["0", "-0", "-0.0", "0.1", "1e3", "1E-2", "2.5e+10", "-99999999", "123456789012345"]),
      () => kies(["1234567890123456", "12345678901234567890", "0.30000000000000004", "9007199254740993"]),
      () => kies(["1.00000000000000011", "3.141592653589793238", "1e400", "-1e-400", "4.35"]),
      () => `${Math.floor(rnd() * 1e6)}.${String(Math.floor(rnd() * 1e9)).padStart(9, "0")}`
    ])();
  const tekst = (): string =>
    JSON.stringify(
      kies([
        () => "GM0" + Math.floor(rnd() * 1000) + "    ",
        () => "BU" + String(Math.floor(rnd() * 1e8)).padStart(8, "0"),
        () => kies([".", "x", "", "null", "Gemeente  ", "  26,3 ", "1.500", "1.234,5"]),
        () => kies(['a"b', "a\\b", "tab\there", "nl\nx", "\u0001", "/slash", "\u007f"]),
        () => (rnd() < 0.1 ? kies(["é", "€"]) : "x"),
        () => "Naam " + Math.floor(rnd() * 100)
      ])()
    ).replace(/\//g, () => (rnd() < 0.5 ? "\\/" : "/"));
  const primitief = (): string =>
    kies([getal, getal, getal, tekst, tekst, () => "null", () => kies(["true", "false"])])();
  const waarde = (diepte: number): string => {
    if (diepte > 2 || rnd() < 0.8) return primitief();
    if (rnd() < 0.5)
      return `[${ws()}${Array.from({length: Math.floor(rnd() * 3)}, () => waarde(diepte + 1)).join(`,${ws()}`)}${ws()}]`;
    return `{${ws()}${Array.from({length: Math.floor(rnd() * 3)}, (_, i) => `"k${i}"${ws()}:${ws()}${waarde(diepte + 1)}`).join(",")}}`;
  };
  const sleutels = (): string[] => {
    const basis = ["ID", "WijkenEnBuurten", "Gemeentenaam_1", "AantalInwoners_5", "Perioden", "Codering_3"];
    const extra = ["OppervlakteLand_111", "PercentageOnbewoond_39", 'a"b', "toString", "length"];
    const ks = basis.filter(() => rnd() < 0.8).concat(extra.filter(() => rnd() < 0.3));
    if (rnd() < 0.05) ks.push(kies(["12", "0", "__proto__", "ID", "constructor", "Measure"]));
    if (rnd() < 0.05) ks.push("Value");
    return rnd() < 0.05 ? [] : ks;
  };
  const rij = (ks: readonly string[], bijzonder: boolean): string => {
    let ksRij = [...ks];
    if (bijzonder) {
      const soort = Math.floor(rnd() * 4);
      if (soort === 0 && ksRij.length) ksRij.splice(Math.floor(rnd() * ksRij.length), 1);
      else if (soort === 1) ksRij.push("Extra");
      else if (soort === 2) ksRij = [...ksRij].reverse();
      else return kies(["null", "[]", "3", '"x"', "[1,2]"]);
    }
    const leden = ksRij.map((k) => {
      const v = bijzonder && rnd() < 0.2 ? waarde(1) : primitief();
      const naam =
        rnd() < 0.03
          ? JSON.stringify(k).replace(/[A-Za-z]/, (c) => `\\u00${c.charCodeAt(0).toString(16)}`)
          : JSON.stringify(k);
      return `${ws()}${naam}${ws()}:${ws()}${v}`;
    });
    return `{${leden.join(",")}${ws()}}`;
  };
  const document = (): string => {
    const ks = sleutels();
    const aantal = rnd() < 0.05 ? 0 : Math.floor(rnd() * 6) + 1;
    const afwijkend = rnd() < 0.15;
    const rijen = Array.from({length: aantal}, (_, i) => rij(ks, afwijkend && i > 0 && rnd() < 0.5));
    const leden: string[] = [];
    if (rnd() < 0.8)
      leden.push(
        `"odata.metadata":${ws()}${kies(['"https://opendata.cbs.nl/ODataApi/OData/84799NED/$metadata#Cbs.OData.WebAPI.TypedDataSet"', "null", "3", '"x"', "{}"])}`
      );
    if (rnd() < 0.3)
      leden.push(`"@odata.context":${ws()}${kies(['"fictief://85984NED/$metadata"', "null", "[1]"])}`);
    if (rnd() < 0.3) leden.push(`"odata.nextLink":${ws()}${waarde(0)}`);
    if (rnd() < 0.95) leden.push(`"value":${ws()}[${ws()}${rijen.join(`,${ws()}`)}${ws()}]`);
    if (rnd() < 0.05) leden.push(`"value":${ws()}[]`);
    if (rnd() < 0.1) leden.push(`"meta":${ws()}${waarde(0)}`);
    const volgorde = leden.sort(() => rnd() - 0.5);
    return `${ws()}{${ws()}${volgorde.join(`,${ws()}`)}${ws()}}${ws()}`;
  };
  /** A broken copy: a character removed, added, changed, or the text cut off. */
  const breek = (s: string): string => {
    // Half of the places next to a token's edge (a digit, a quote, a sign), where the grammar is
    // the finest.
    const randen = [...s.matchAll(/[0-9"\\.,:{}[\]]/g)].map((m) => m.index + (rnd() < 0.5 ? 0 : 1));
    const p = rnd() < 0.5 && randen.length ? kies(randen) : Math.floor(rnd() * (s.length + 1));
    const teken = kies([
      '"',
      ",",
      ":",
      "{",
      "}",
      "[",
      "]",
      "\\",
      "-",
      "+",
      ".",
      "e",
      "E",
      "0",
      "9",
      " ",
      "\u0000",
      "\u0007",
      "\u001f",
      "x",
      "n",
      "u",
      "'",
      "\u007f"
    ]);
    return kies([
      () => s.slice(0, p) + s.slice(p + 1),
      () => s.slice(0, p) + teken + s.slice(p),
      () => s.slice(0, p) + teken + s.slice(p + 1),
      () => s.slice(0, p),
      () => s + kies(["x", ",", "}", " {}"])
    ])();
  };
  /** OData v4 observations (the long form), with the keys and values CBS and a stranger use. */
  const v4 = (): string => {
    const basis = [
      "Id",
      "Measure",
      "ValueAttribute",
      "Value",
      "StringValue",
      "WijkenEnBuurten",
      "Perioden",
      "RegioS"
    ];
    const ks = basis.filter((k) => (k === "Measure" || k === "Value" ? rnd() < 0.97 : rnd() < 0.7));
    const v = (k: string): string =>
      k === "Measure"
        ? kies([
            '"T001036"',
            '"1050015"',
            '"M000100"',
            '"A047046"',
            "5",
            "null",
            '"__proto__"',
            '"WijkenEnBuurten"'
          ])
        : k === "ValueAttribute"
          ? kies(['"None"', '"None"', '"Impossible"', '""', "null", "3"])
          : k === "WijkenEnBuurten" || k === "RegioS"
            ? kies(['"GM0001    "', '"BU00010001"', '"WK000101"', "null", "17", '"NL01"'])
            : k === "Perioden"
              ? kies(['"2017JJ00"', '"2018JJ00"', "null", "2017"])
              : primitief();
    const rijen = Array.from(
      {length: Math.floor(rnd() * 12)},
      () => `{${ks.map((k) => `${ws()}"${k}":${ws()}${v(k)}`).join(",")}}`
    );
    return `{"@odata.context":"fictief://83765NED/$metadata#Observations","value":[${rijen.join(`,${ws()}`)}]}`;
  };
  return {document, breek, v4};
}

/** What the fast path must equal: the rows and context as the reader takes them from JSON.parse. */
function vergelijk(tekst: string, snel: SnelleOData): void {
  const json = JSON.parse(tekst) as Record<string, unknown>;
  expect(json !== null && typeof json === "object" && !Array.isArray(json)).toBe(true);
  const rijen = json.value as Record<string, unknown>[];
  expect(Array.isArray(rijen)).toBe(true);
  expect(snel.aantal).toBe(rijen.length);
  for (const r of rijen) {
    expect(r !== null && typeof r === "object" && !Array.isArray(r)).toBe(true);
    expect(Object.keys(r)).toEqual(snel.kolommen);
  }
  const context = json["odata.metadata"] ?? json["@odata.context"];
  expect(snel.context).toBe(typeof context === "string" ? context : null);
  const namen = [...snel.kolommen, "bestaat niet", "toString", "constructor"];
  const kolommen = snel.kolomwaarden(namen);
  namen.forEach((naam, k) =>
    rijen.forEach((r, i) => {
      if (!Object.is(kolommen[k][i], r[naam])) expect([naam, i, kolommen[k][i]]).toEqual([naam, i, r[naam]]);
    })
  );
}

const lees = (tekst: string) => leesOData(Buffer.from(tekst, "latin1"));

describe("the fast path for OData v3 JSON against JSON.parse", () => {
  it("gives the values of JSON.parse on random documents, and null off its shape", () => {
    const rnd = prng(20261206);
    const {document} = maker(rnd);
    let snel = 0;
    for (let n = 0; n < 3000; n++) {
      const tekst = document();
      // Only ASCII reaches the fast path (the reader checks the bytes first).
      if (!/^[\x00-\x7f]*$/.test(tekst)) continue;
      const r = lees(tekst);
      if (r) {
        snel++;
        vergelijk(tekst, r);
      }
    }
    // Most documents are of the shape: the fast path was really taken.
    expect(snel).toBeGreaterThan(700);
  });

  it("pivots OData v4 observations as pivotV4 does on the parsed rows", () => {
    const rnd = prng(2017);
    const {v4, breek} = maker(rnd);
    let snel = 0;
    for (let n = 0; n < 3000; n++) {
      let tekst = v4();
      if (rnd() < 0.3) tekst = breek(tekst);
      if (!/^[\x00-\x7f]*$/.test(tekst)) continue;
      const r = lees(tekst);
      let json: {value: unknown[]} | null = null;
      try {
        json = JSON.parse(tekst) as {value: unknown[]};
      } catch {
        expect(r, tekst).toBeNull();
      }
      if (!r || !json) continue;
      snel++;
      vergelijk(tekst, r);
      const verwacht = pivotV4(json.value, "83765NED");
      const gekregen = pivotV4Snel(r, "83765NED");
      expect(gekregen, tekst).toStrictEqual(verwacht);
      expect(gekregen.rijen.map((x) => Object.keys(x as object))).toEqual(
        verwacht.rijen.map((x) => Object.keys(x as object))
      );
    }
    expect(snel).toBeGreaterThan(1500);
  });

  it("gives null for every broken document, so that JSON.parse reports the error", () => {
    const rnd = prng(7);
    const {document, breek} = maker(rnd);
    let kapot = 0;
    for (let n = 0; n < 20000; n++) {
      let tekst = document();
      for (let m = rnd() < 0.8 ? 0 : 1; m >= 0; m--) tekst = breek(tekst);
      if (!/^[\x00-\x7f]*$/.test(tekst)) continue;
      let geldig = true;
      try {
        JSON.parse(tekst);
      } catch {
        geldig = false;
      }
      const r = lees(tekst);
      if (!geldig) {
        kapot++;
        expect(r, tekst).toBeNull();
      } else if (r) vergelijk(tekst, r);
    }
    expect(kapot).toBeGreaterThan(5000);
  });

  it("reads numbers exactly as JSON.parse rounds them", () => {
    const rnd = prng(42);
    const cases = [
      "0",
      "-0",
      "0.0",
      "-0.0",
      "1",
      "-1",
      "0.1",
      "0.7",
      "4.35",
      "1.005",
      "2.675",
      "123456789012345",
      "999999999999999",
      "1234567890123456",
      "9007199254740993",
      "0.000001",
      "0.1234567890123456",
      "12345678.1234567",
      "1e0",
      "1E+2",
      "-1e-7",
      "5e-324",
      "1.7976931348623157e308",
      "1e309"
    ];
    for (let n = 0; n < 20000; n++) {
      const hele = String(Math.floor(rnd() * 10 ** Math.floor(rnd() * 12)));
      const breuk = String(Math.floor(rnd() * 10 ** Math.floor(rnd() * 10))).padStart(
        Math.floor(rnd() * 12),
        "0"
      );
      cases.push(`${rnd() < 0.3 ? "-" : ""}${hele}${breuk ? `.${breuk}` : ""}`);
    }
    const tekst = `{"value":[${cases.map((c) => `{"x":${c}}`).join(",")}]}`;
    const r = lees(tekst)!;
    expect(r).not.toBeNull();
    const [xs] = r.kolomwaarden(["x"]);
    cases.forEach((c, i) => expect(Object.is(xs[i], JSON.parse(c)), c).toBe(true));
  });

  it("gives null for invalid JSON of every kind JSON.parse refuses", () => {
    const rij = (v: string) => `{"odata.metadata":"x","value":[{"a":1,"b":"c"},{"a":${v},"b":"c"}]}`;
    const fouten = [
      ...[
        "01",
        "1.",
        ".5",
        "+1",
        "-",
        "1e",
        "1e+",
        "--1",
        "0x1F",
        "NaN",
        "Infinity",
        "-Infinity",
        "1_000"
      ].map(rij),
      ...[
        "nul",
        "nulll",
        "tru",
        "True",
        "undefined",
        "'x'",
        '"a\\x"',
        '"\\u12G4"',
        '"\u0001"',
        '"\t"',
        '"a'
      ].map(rij),
      '{"value":[{"a":1,"b":"c"},]}',
      '{"value":[{"a":1,"b":"c",}]}',
      '{"value":[{"a":1,"b":"c"},{"a":1,"b":"c",}]}',
      '{"value":[{"a":1,"b":"c"}],}',
      '{"value":[{"a":1,"b":"c"}],"x":[1,]}',
      '{"value":[{"a":1,"b":"c"}],"x":{"y":1,}}',
      '{"value":[{"a":1 "b":"c"}]}',
      '{"value":[{"a":1,"b":"c"} {"a":1,"b":"c"}]}',
      '{"value":[{"a" 1,"b":"c"}]}',
      '{value:[{"a":1}]}',
      '{"value":[{"a":1}]',
      '{"value":[{"a":1}]}}',
      '{"value":[{"a":1}]} // x',
      '/* x */ {"value":[{"a":1}]}'
    ];
    for (const tekst of fouten) {
      expect(() => JSON.parse(tekst), tekst).toThrow();
      expect(lees(tekst), tekst).toBeNull();
    }
  });

  it("leaves other shapes to JSON.parse: keyed by code, duplicate or index keys, nested rows, non-ASCII", () => {
    for (const tekst of [
      '{"GM0001":{"AantalInwoners_5":1}}',
      '{"value":[{"a":1,"a":2}]}',
      '{"value":[],"value":[{"a":1}]}',
      '{"value":[{"1":1,"a":2}]}',
      '{"value":[{"__proto__":1}]}',
      '{"value":[{"a":{"b":1}}]}',
      '{"value":[{"a":1},{"b":1}]}',
      '{"value":[{"a":1,"b":2},{"b":2,"a":1}]}',
      '{"value":[{"a":1},null]}',
      '{"value":[{"a":"\u00e9"}]}',
      '{"odata.metadata":5,"value":[{"a":1}]}',
      '[{"a":1}]',
      '{"value":{"a":1}}',
      '{"value":[{"a":1}]} x',
      ""
    ])
      expect(lees(tekst), tekst).toBeNull();
    expect(lees('{"value":[{"a":1,"b":"x"},{"a":-0.5,"b":null}]}')!.kolomwaarden(["b", "a"])).toEqual([
      ["x", null],
      [1, -0.5]
    ]);
  });
});
